"""What an analysis proposes for the names it found, against the world's entries."""
from __future__ import annotations

from services.codex import Codex, CodexEntry
from services.proposals import propose

CODEX = [CodexEntry("place", "p-ember", "Emberfall"), CodexEntry("character", "c-daven", "Daven Voss"),
         CodexEntry("faction", "f-grey", "The Grey Company"), CodexEntry("character", "c-mai", "Trần Thị Mai"),
         CodexEntry("place", "p-tq", "chùa Trấn Quốc", ["Trấn Quốc"]),
         CodexEntry("character", "c-a1", "Aldric Ashford"), CodexEntry("character", "c-a2", "Delphine Ashford")]


def found(name, kind="character", confidence=0.7, **extra):
    return {"name": name, "kind": kind, "confidence": confidence, "quote": f"… {name} …", "count": 1, **extra}


def proposals(names, text="", ignored=(), linked=()):
    return {p["name"]: p for p in propose(names, Codex(CODEX), set(ignored), set(linked), text)}


def test_a_known_name_of_any_kind_is_that_entry():
    result = proposals([found("Emberfall", "character"), found("Grey Company", "faction"),
                        found("the Grey Company", "character")])
    assert result["Emberfall"]["action"] == "link" and result["Emberfall"]["kind"] == "place"
    assert result["Emberfall"]["target"] == {"kind": "place", "id": "p-ember", "name": "Emberfall"}
    assert result["Grey Company"]["target"]["id"] == "f-grey"
    assert "the Grey Company" not in result   # the same referent: one proposal


def test_tone_marks_tell_vietnamese_names_apart():
    result = proposals([found("Trần Quốc", "place"), found("Trấn Quốc", "place")])
    assert result["Trấn Quốc"]["target"]["id"] == "p-tq"
    assert result["Trần Quốc"]["action"] == "create"


def test_one_word_of_a_longer_name_is_only_an_alias_proposal():
    supported = proposals([found("Daven")], text="Daven Voss came home. Daven slept.")["Daven"]
    alone = proposals([found("Daven")], text="Daven slept.")["Daven"]
    assert supported["action"] == alone["action"] == "alias"
    assert supported["target"]["id"] == "c-daven"
    assert supported["confident"] and not alone["confident"]


def test_an_honorific_short_form_is_an_alias_only_when_the_text_supports_it():
    text = "Trần Thị Mai bán hàng ở phố Hàng Bạc. Bà Mai cười."
    result = proposals([found("bà Mai")], text=text)["bà Mai"]
    assert (result["action"], result["target"]["id"], result["confident"]) == ("alias", "c-mai", True)
    assert not proposals([found("bà Mai")], text="Bà Mai cười.")["bà Mai"]["confident"]


def test_a_surname_shared_by_several_is_never_confident():
    result = proposals([found("Ashford")], text="Aldric Ashford and Delphine Ashford. Ashford left.")["Ashford"]
    assert result["action"] == "alias" and not result["confident"]


def test_ignored_and_already_linked_names_are_not_proposed_again():
    result = proposals([found("Kharzul", "place"), found("Emberfall", "place"), found("Tell")],
                       ignored={"tell"}, linked={"p-ember"})
    assert set(result) == {"Kharzul"}


def test_a_known_entry_seen_under_a_new_form_proposes_that_alias():
    result = proposals([found("Daven Voss", aliases=["Captain Voss"])], linked={"c-daven"})
    assert result["Daven Voss"]["aliases"] == ["Captain Voss"]


def test_every_proposal_is_pending_with_an_id_and_a_rounded_confidence():
    result = propose([found("Kharzul", "place", 0.8333)], Codex(CODEX), set(), set(), "")
    assert result[0]["status"] == "pending" and result[0]["outcome"] is None
    assert result[0]["confidence"] == 0.83 and result[0]["confident"] is True
    assert len(result[0]["proposal_id"]) == 12
