"""The offline extractor on English prose: what is a name, of what kind, and variants merged."""
from __future__ import annotations

from ai.extraction import find_names


def names(text, known=(), language="en"):
    return {n["name"]: n for n in find_names(text, known, language)}


def test_a_quoted_opener_is_no_name_and_the_speaker_is_a_character():
    found = names('"Tell no one," Delphine said. The road was dark.')
    assert "Tell" not in found
    assert found["Delphine"]["kind"] == "character"


def test_a_single_word_person_and_place():
    found = names("Anna walked to Rome.")
    assert found["Anna"]["kind"] == "character" and found["Rome"]["kind"] == "place"


def test_sentence_openers_put_and_have_are_never_names():
    found = names("Put the lamp down. Have you seen the map? Mara Vell put it on the table. "
                  "You have it, Mara Vell said.")
    assert "Put" not in found and "Have" not in found
    assert list(found) == ["Mara Vell"]


def test_places_after_the_and_from_x_to_y():
    found = names("They crossed the Black Marshes at night. The caravan went from Karsk to Ith. "
                  "Old Tomas lived in the city of Varn.")
    assert {n: f["kind"] for n, f in found.items() if f["kind"] == "place"} == {
        "Black Marshes": "place", "Karsk": "place", "Ith": "place", "Varn": "place"}
    assert found["Tomas"]["kind"] == "character"


def test_street_and_mount_are_places():
    found = names("Mara Vell lodged in Baker Street. Later she climbed Mount Ember.")
    assert found["Baker Street"]["kind"] == "place" and found["Mount Ember"]["kind"] == "place"


def test_the_grey_company_is_a_faction_and_grey_company_the_same_one():
    found = find_names("The Grey Company rode north. Daven left the Grey Company at dawn. "
                       "Grey Company scouts followed him. The Council met in secret.", [], "en")
    factions = [n for n in found if n["kind"] == "faction"]
    assert [n["name"] for n in factions] == ["Grey Company", "Council"]
    assert factions[0]["count"] == 3


def test_a_known_place_is_never_a_new_character():
    known = [{"name": "Emberfall", "kind": "place", "aliases": []}]
    found = find_names("Emberfall said nothing. Later Emberfall smiled at Mara Vell.", known, "en")
    emberfall = [n for n in found if n["name"] == "Emberfall"]
    assert len(emberfall) == 1 and emberfall[0]["kind"] == "place" and emberfall[0]["confidence"] >= 0.9


def test_part_of_a_known_name_alone_is_neither_a_match_nor_a_new_name():
    known = [{"name": "Daven Voss", "kind": "character", "aliases": []}]
    assert find_names("Daven smiled at the fire.", known, "en") == []


def test_part_of_a_known_name_is_its_alias_when_the_whole_name_is_written_too():
    known = [{"name": "Daven Voss", "kind": "character", "aliases": []}]
    found = find_names("Daven Voss came home. Daven smiled at the fire.", known, "en")
    assert [(n["name"], n["aliases"], n["count"]) for n in found] == [("Daven Voss", ["Daven"], 2)]


def test_a_recorded_alias_matches_alone():
    known = [{"name": "Daven Voss", "kind": "character", "aliases": ["Daven"]}]
    found = find_names("Daven smiled at the fire.", known, "en")
    assert [(n["name"], n["aliases"]) for n in found] == [("Daven Voss", [])]


def test_new_variants_merge_with_the_longer_name():
    found = find_names("Daven Voss came home. Daven smiled at Captain Mara Vell.", [], "en")
    by_name = {n["name"]: n for n in found}
    assert set(by_name) == {"Daven Voss", "Mara Vell"}
    assert by_name["Daven Voss"]["aliases"] == ["Daven"]
    assert by_name["Mara Vell"]["aliases"] == ["Captain Mara Vell"]


def test_confidence_is_high_for_known_and_cued_names_and_low_for_a_lone_word():
    known = [{"name": "Karsk", "kind": "place", "aliases": []}]
    found = names('Mara Vell sailed to Karsk. "Row," Captain Orin Dask said. She saw Ilse once.', known)
    assert found["Karsk"]["confidence"] >= 0.9
    assert found["Orin Dask"]["confidence"] >= 0.8
    assert found["Ilse"]["confidence"] < 0.8


def test_each_name_has_its_first_sentence_as_quote_and_a_count():
    found = names("Mara Vell woke. The sea was grey. Mara Vell rowed on.")
    assert found["Mara Vell"]["quote"] == "Mara Vell woke." and found["Mara Vell"]["count"] == 2


def test_a_known_name_inside_a_longer_capitalised_name_is_not_that_entry():
    known = [{"name": "Kharzul", "kind": "place", "aliases": []},
             {"name": "Emberfall", "kind": "place", "aliases": []}]
    found = names("They took the road from Emberfall to Kharzul Pass.", known)
    assert set(found) == {"Emberfall", "Kharzul Pass"}
    assert found["Kharzul Pass"]["confidence"] < 0.95   # a new name, not the known Kharzul
    again = names("They rode to Kharzul. Then Kharzul slept. Captain Kharzul waved.", known)
    assert again["Kharzul"]["count"] == 3


def test_an_uncued_capitalised_word_seen_once_is_no_person():
    found = names("He had read the Encyclopaedia and taken the Underground to the office. "
                  "Mary waited there.")
    assert "Encyclopaedia" not in found and "Underground" not in found
    assert found["Mary"]["kind"] == "character"   # a given name needs no cue


def test_a_person_is_told_by_a_vocative_or_a_modal_verb():
    found = names('"I assure you, Watson, that it is so," he said. Still Toto could see in the dark.')
    assert found["Watson"]["kind"] == "character" and found["Toto"]["kind"] == "character"


def test_a_family_plural_is_a_faction():
    found = names("Mr. Weston smiled. We dined with the Westons at noon.")
    assert found["Weston"]["kind"] == "character" and found["Westons"]["kind"] == "faction"
