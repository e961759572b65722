"""The offline consistency rules, each in English and Vietnamese, over an in-memory canon."""
from __future__ import annotations

import unicodedata

import pytest

from core.calendar import normalise_calendar
from core.models import Story, World
from services.consistency import rules
from services.consistency.canon import Canon, Entry
from services.consistency.names import distance
from services.consistency.text import Text

WORLD_TYPE = "fantasy"


def make_canon(language, entries, relations=(), events=(), story_date=None, earlier=(), book_id=""):
    world = World(name="W", world_type=WORLD_TYPE, owner_id="u", language=language, world_id="w")
    story = Story(world_id="w", title="Chapter", owner_id="u", story_id="s", date=story_date, book_id=book_id)
    stories = {"s": story.to_dict(), **{e: Story(world_id="w", title=e, owner_id="u", story_id=e).to_dict()
                                        for e in earlier}}
    items = {}
    for spec in entries:
        entry = Entry(spec["id"], spec.get("kind", "character"), spec["name"], spec.get("aliases", []),
                      spec.get("fields", {}), spec.get("labels", {}))
        items[entry.id] = entry
    canon = Canon(world, language, normalise_calendar(None, WORLD_TYPE), story, items,
                  [{"source_id": a, "target_id": b, "type": t} for a, t, b in relations], {},
                  [{"event_id": e["id"], "story_id": e.get("story", "s"), "title": e["title"],
                    "description": e.get("description", ""), "entities": e["entities"],
                    "date": e.get("date"), "year": e.get("year"), "connections": e.get("connections", []),
                    "time_index": 50} for e in events],
                  stories, list(earlier))
    canon.deaths = canon._deaths()
    return canon


def run(canon, text):
    found = rules.check(Text.of(text), canon)
    for f in found:   # every quote is the text's own span
        if f["start"] >= 0:
            assert text[f["start"]:f["end"]] == f["quote"]
    return found


def kinds(found, kind):
    return [f for f in found if f["kind"] == kind]


EN = [{"id": "mara", "name": "Mara Vell", "fields": {"eye_colour": "blue", "title": "Duchess", "born": 1180},
       "labels": {"eye_colour": "Eye colour", "title": "Title", "born": "Born"}},
      {"id": "orin", "name": "Orin Dask"},
      {"id": "sera", "name": "Seraphina Vale"},
      {"id": "karsk", "name": "Karsk", "kind": "location"}]
VI = [{"id": "an", "name": "Nguyễn Văn An", "fields": {"mau_mat": "nâu", "nam_sinh": 1180},
       "labels": {"mau_mat": "Màu mắt", "nam_sinh": "Năm sinh"}},
      {"id": "mai", "name": "Trần Thị Mai"},
      {"id": "giong", "name": "Thánh Gióng"},
      {"id": "lan", "name": "Lê Thị Lan"}]


# -- names -------------------------------------------------------------------------------

def test_english_name_variant_cites_the_entry_and_suggests_its_name():
    found = run(make_canon("en", EN), "Seraphine walked to the gate of Karsk with Orin Dask.")
    [variant] = kinds(found, "name_variant")
    assert variant["quote"] == "Seraphine" and variant["cites"][0]["id"] == "sera"
    assert variant["suggestion"] == "Seraphina"


@pytest.mark.parametrize("written", ["Nguyen Van An", "Nguyễn Văn Ân"])
def test_vietnamese_name_variant_by_tone_marks(written):
    found = run(make_canon("vi", VI), f"Sáng hôm ấy, {written} đi chợ với Trần Thị Mai.")
    [variant] = kinds(found, "name_variant")
    assert variant["quote"] == written and variant["cites"][0]["id"] == "an"
    assert variant["suggestion"] == "Nguyễn Văn An"


def test_vietnamese_title_kept_in_the_quote_of_a_variant():
    found = run(make_canon("vi", VI), "Thánh Giong cưỡi ngựa sắt ra trận.")
    [variant] = kinds(found, "name_variant")
    assert variant["cites"][0]["id"] == "giong" and "Giong" in variant["quote"]


def test_exact_names_in_nfd_are_no_variant_and_offsets_follow_the_stored_text():
    text = unicodedata.normalize("NFD", "Trần Thị Mai gặp Nguyễn Văn An ở chợ. Nguyen Van An cười.")
    found = run(make_canon("vi", VI), text)
    [variant] = kinds(found, "name_variant")
    assert unicodedata.normalize("NFC", variant["quote"]) == "Nguyen Van An"


def test_unknown_names_in_both_languages():
    en = run(make_canon("en", EN), "Captain Kestrel Moss rode into Karsk beside Orin Dask.")
    assert [f["quote"] for f in kinds(en, "unknown_name")] == ["Kestrel Moss"]
    vi = run(make_canon("vi", VI), "Ông Lý Thông rủ Trần Thị Mai về làng.")
    assert "Lý Thông" in [f["quote"] for f in kinds(vi, "unknown_name")]


def test_ignored_names_are_not_reported():
    canon = make_canon("en", EN)
    found = rules.check(Text.of("Captain Kestrel Moss rode into Karsk."), canon, ignored={"kestrel moss"})
    assert not kinds(found, "unknown_name")


def test_short_or_different_names_are_no_variants():
    assert distance("seraphine", "seraphina") == 1 and distance("mara", "maya") == 1
    found = run(make_canon("en", [{"id": "mara", "name": "Mara"}]), "Maya smiled at Mara.")
    assert not kinds(found, "name_variant")


# -- death --------------------------------------------------------------------------------

DEATH_EN = {"id": "ev-death", "title": "Mara Vell dies at the ford", "entities": ["mara"], "year": 1205}
DEATH_VI = {"id": "ev-chet", "title": "Trần Thị Mai qua đời", "entities": ["mai"], "year": 1205}


def test_dead_in_an_earlier_chapter_cites_the_event():
    canon = make_canon("en", EN, events=[{**DEATH_EN, "story": "ch1"}], earlier=["ch1"], book_id="b")
    found = run(canon, "The hall was cold. Mara Vell drew her sword and laughed.")
    [death] = kinds(found, "death")
    assert death["quote"] == "Mara Vell drew her sword and laughed."
    assert death["cites"][0] == {"kind": "event", "id": "ev-death", "name": "Mara Vell dies at the ford"}
    assert death["severity"] == "error"


def test_dead_before_the_story_date_vietnamese():
    canon = make_canon("vi", VI, events=[{**DEATH_VI, "story": "old"}], story_date={"year": 1210})
    found = run(canon, "Trần Thị Mai bước vào sân đình.")
    assert kinds(found, "death")[0]["cites"][0]["id"] == "ev-chet"


def test_killed_in_this_text_then_acting():
    canon = make_canon("en", EN, events=[{"id": "e1", "title": "Orin Dask kills Mara Vell",
                                          "entities": ["orin", "mara"]}])
    found = run(canon, "Orin Dask killed Mara Vell at the ford. Later Mara Vell walked into the hall.")
    [death] = kinds(found, "death")
    assert death["quote"] == "Later Mara Vell walked into the hall." and death["cites"][0]["id"] == "e1"


def test_killed_in_this_text_vietnamese_and_remembering_is_no_finding():
    canon = make_canon("vi", VI)
    found = run(canon, "Trần Thị Mai bị giết bên bờ sông. Lê Thị Lan khóc thương Trần Thị Mai. "
                       "Hôm sau, Trần Thị Mai lại ra chợ bán trầu.")
    [death] = kinds(found, "death")
    assert death["quote"] == "Hôm sau, Trần Thị Mai lại ra chợ bán trầu."
    assert death["cites"][0]["kind"] == "story"


def test_a_year_after_a_dated_death():
    canon = make_canon("en", EN, events=[{**DEATH_EN, "story": "other"}])
    found = run(canon, "In 1212 Mara Vell crossed the sea.")
    assert kinds(found, "death")
    assert not kinds(run(canon, "In 1201 Mara Vell crossed the sea."), "death")


def test_grave_visits_are_no_death_findings():
    canon = make_canon("en", EN, events=[{**DEATH_EN, "story": "ch1"}], earlier=["ch1"], book_id="b")
    assert not kinds(run(canon, "Orin Dask left flowers on Mara Vell's grave."), "death")


# -- dates -------------------------------------------------------------------------------

def test_age_against_birth_and_story_date_english():
    canon = make_canon("en", EN, story_date={"year": 1210})
    found = run(canon, "Mara Vell, 45, climbed the stairs.")
    [date] = kinds(found, "date")
    assert date["quote"] == "Mara Vell, 45" and date["suggestion"] == "Mara Vell, 30"
    assert not kinds(run(canon, "Mara Vell, thirty, climbed the stairs."), "date")
    assert kinds(run(canon, "The sixty-year-old Mara Vell climbed the stairs."), "date")


def test_age_against_birth_and_story_date_vietnamese():
    canon = make_canon("vi", VI, story_date={"year": 1210})
    [date] = kinds(run(canon, "Nguyễn Văn An năm nay 50 tuổi."), "date")
    assert date["suggestion"] == "Nguyễn Văn An năm nay 30 tuổi"
    assert not kinds(run(canon, "Nguyễn Văn An năm nay ba mươi tuổi."), "date")


def test_age_field_without_a_calendar():
    canon = make_canon("en", [{"id": "orin", "name": "Orin Dask", "fields": {"age": 40}}])
    [field] = kinds(run(canon, "Orin Dask, 25, sharpened his axe."), "field")
    assert field["cites"][0]["id"] == "orin"


def test_event_dated_before_what_it_depends_on():
    events = [{"id": "war", "title": "The war begins", "entities": [], "year": 1210},
              {"id": "crown", "title": "Orin is crowned", "entities": ["orin"], "year": 1200,
               "description": "Orin Dask was crowned in Karsk.",
               "connections": [{"to_event_id": "war", "relation_type": "after", "relation_label": ""}]}]
    found = run(make_canon("en", EN, events=events), "Orin Dask was crowned in Karsk.")
    [date] = kinds(found, "date")
    assert {c["id"] for c in date["cites"]} == {"war", "crown"}
    assert date["quote"] == "Orin Dask was crowned in Karsk."


# -- fields and relations ------------------------------------------------------------------

def test_colour_field_contradicted_english():
    found = run(make_canon("en", EN), "Mara Vell's green eyes narrowed at Orin Dask.")
    [field] = kinds(found, "field")
    assert field["quote"] == "green eyes" and field["suggestion"] == "blue eyes"
    assert not kinds(run(make_canon("en", EN), "Mara Vell's blue eyes narrowed."), "field")


def test_colour_field_contradicted_vietnamese():
    found = run(make_canon("vi", VI), "Nguyễn Văn An có đôi mắt xanh biếc.")
    [field] = kinds(found, "field")
    assert field["quote"] == "mắt xanh biếc" and field["suggestion"] == "mắt nâu"


def test_title_field_contradicted():
    [field] = kinds(run(make_canon("en", EN), "Queen Mara Vell rode out."), "field")
    assert field["quote"] == "Queen Mara Vell" and field["suggestion"] == "Duchess Mara Vell"


@pytest.mark.parametrize("text", ["Mara Vell's cousin Orin Dask bowed.", "Mara Vell smiled. Her cousin Orin Dask bowed.",
                                  "Orin Dask, Mara Vell's cousin, bowed.", "Orin Dask, the cousin of Mara Vell, bowed."])
def test_relation_word_contradicts_sibling(text):
    canon = make_canon("en", EN, relations=[("mara", "sibling_of", "orin")])
    [relation] = kinds(run(canon, text), "relation")
    assert {c["id"] for c in relation["cites"]} == {"mara", "orin"}
    assert "cousin" in relation["quote"].lower()


def test_relation_words_that_agree_are_no_finding():
    canon = make_canon("en", EN, relations=[("mara", "sibling_of", "orin")])
    assert not kinds(run(canon, "Mara Vell's brother Orin Dask bowed."), "relation")
    parent = make_canon("en", EN, relations=[("orin", "parent_of", "mara")])
    assert not kinds(run(parent, "Mara Vell's father Orin Dask bowed."), "relation")
    assert kinds(run(parent, "Mara Vell's son Orin Dask bowed."), "relation")


@pytest.mark.parametrize("text", ["Lê Thị Lan, em họ của Trần Thị Mai, đến chơi.",
                                  "Trần Thị Mai có người em họ là Lê Thị Lan."])
def test_relation_word_contradicts_sibling_vietnamese(text):
    canon = make_canon("vi", VI, relations=[("mai", "sibling_of", "lan")])
    [relation] = kinds(run(canon, text), "relation")
    assert "em họ" in relation["quote"]
    assert not kinds(run(canon, "Lê Thị Lan, em gái của Trần Thị Mai, đến chơi."), "relation")


def test_clean_passages_have_no_findings():
    canon = make_canon("en", EN, relations=[("mara", "sibling_of", "orin")])
    assert run(canon, "Mara Vell and her brother Orin Dask walked to Karsk. Her blue eyes shone.") == []
    vi = make_canon("vi", VI, relations=[("mai", "sibling_of", "lan")])
    assert run(vi, "Trần Thị Mai và em gái Lê Thị Lan cùng Nguyễn Văn An ra đồng.") == []


def test_a_killer_or_a_loss_is_no_death():
    en = make_canon("en", EN)
    assert not kinds(run(en, "Mara Vell killed the guard at the ford. Later Mara Vell laughed."), "death")
    vi = make_canon("vi", VI)
    assert not kinds(run(vi, "Trần Thị Mai mất chiếc nón ở chợ. Trần Thị Mai về nhà."), "death")
    assert kinds(run(vi, "Trần Thị Mai mất. Hôm sau Trần Thị Mai về nhà."), "death")
    killer = make_canon("en", EN, events=[{"id": "e1", "title": "Orin Dask kills Mara Vell", "entities": ["orin", "mara"]}])
    assert list(killer.deaths) == ["mara"]


def test_a_part_inside_a_longer_name_is_another_name():
    canon = make_canon("en", EN, events=[{**DEATH_EN, "story": "ch1"}], earlier=["ch1"], book_id="b")
    found = run(canon, "The old soldier Brannoc Vell sharpened his blade. Later Mara Vell smiled.")
    assert [f["quote"] for f in kinds(found, "unknown_name")] == ["Brannoc Vell"]
    assert [f["quote"] for f in kinds(found, "death")] == ["Later Mara Vell smiled."]
    [variant] = kinds(run(make_canon("en", EN), "Mara Vel signed the letter."), "name_variant")
    assert variant["quote"] == "Mara Vel" and variant["suggestion"] == "Mara Vell"
    vi = run(make_canon("vi", VI), "Đỗ Thị Mai bán nước chè ở đầu làng.")
    assert [f["quote"] for f in kinds(vi, "unknown_name")] == ["Đỗ Thị Mai"]


def test_the_past_perfect_is_no_act_after_death():
    canon = make_canon("en", EN, events=[{**DEATH_EN, "story": "ch1"}], earlier=["ch1"], book_id="b")
    assert not kinds(run(canon, "Orin Dask and Mara Vell had once been friends."), "death")


def test_colours_said_with_a_verb_or_around_the_name():
    [en] = kinds(run(make_canon("en", EN), "Mara Vell's eyes were the grey of a winter sea."), "field")
    assert en["quote"] == "eyes were the grey" and en["suggestion"] == "eyes were the blue"
    assert not kinds(run(make_canon("en", EN), "Mara Vell's eyes were a clear blue."), "field")
    [vi] = kinds(run(make_canon("vi", VI), "Đôi mắt của Nguyễn Văn An đen láy như hạt nhãn."), "field")
    assert vi["quote"] == "mắt của Nguyễn Văn An đen" and vi["suggestion"] == "mắt của Nguyễn Văn An nâu"


def test_an_old_ally_who_is_an_enemy():
    canon = make_canon("en", EN, relations=[("mara", "enemy_of", "orin")])
    [relation] = kinds(run(canon, "Mara Vell wrote to her old ally Orin Dask."), "relation")
    assert relation["quote"] == "her old ally Orin Dask"


def test_a_dead_characters_belongings_are_no_acts_but_their_voice_is():
    canon = make_canon("en", EN, events=[{**DEATH_EN, "story": "ch1"}], earlier=["ch1"], book_id="b")
    assert not kinds(run(canon, "Mara Vell's old sword hung above the hearth."), "death")
    assert kinds(run(canon, "Mara Vell's voice rang through the hall."), "death")
    vi = make_canon("vi", VI, events=[{**DEATH_VI, "story": "ch1"}], earlier=["ch1"], book_id="b")
    assert not kinds(run(vi, "Thanh kiếm của Trần Thị Mai treo trên vách."), "death")


def test_a_colour_before_the_name_vietnamese():
    [field] = kinds(run(make_canon("vi", VI), "Đôi mắt xám của Nguyễn Văn An nhìn ra sông."), "field")
    assert field["quote"] == "mắt xám" and field["suggestion"] == "mắt nâu"


def test_findings_follow_a_text_edited_while_it_was_checked():
    from services.consistency.service import follow_edits
    found = [{"quote": "Mara", "start": 10, "end": 14}, {"quote": "gone", "start": 0, "end": 4},
             {"quote": "", "start": -1, "end": -1}]
    moved = follow_edits(found, "Prologue. Then Mara rode. Mara slept.")
    assert [(f["quote"], f["start"]) for f in moved] == [("Mara", 15), ("", -1)]


def test_title_field_contradicted_vietnamese():
    canon = make_canon("vi", [{"id": "tam", "name": "Lê Văn Tám", "fields": {"tuoc_hieu": "tướng quân"},
                               "labels": {"tuoc_hieu": "Tước hiệu"}}])
    [field] = kinds(run(canon, "Vua Lê Văn Tám ngồi trên ngai vàng."), "field")
    assert field["quote"] == "Vua Lê Văn Tám" and field["suggestion"] == "Tướng quân Lê Văn Tám"
    assert not kinds(run(canon, "Tướng quân Lê Văn Tám duyệt binh."), "field")


def test_event_dated_before_what_it_depends_on_vietnamese():
    events = [{"id": "giac", "title": "Giặc Ân kéo đến", "entities": [], "year": 1210},
              {"id": "ngua", "title": "Thánh Gióng cưỡi ngựa sắt", "entities": ["giong"], "year": 1205,
               "description": "Thánh Gióng cưỡi ngựa sắt ra trận.",
               "connections": [{"to_event_id": "giac", "relation_type": "related", "relation_label": "xảy ra sau"}]}]
    found = run(make_canon("vi", VI, events=events), "Nghe tin giặc đến, Thánh Gióng cưỡi ngựa sắt ra trận.")
    [date] = kinds(found, "date")
    assert {c["id"] for c in date["cites"]} == {"giac", "ngua"}
