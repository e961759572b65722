"""Offline events (``ai.offline_events``): happenings with short titles, tagged only with the
names they really name, read from the whole text, dated from it."""
from __future__ import annotations

from ai.budget import Budget
from ai.offline_events import MAX_EVENTS, extract_events

FAMILIES = ["Ashford", "Aldric", "Delphine"]
FIRSTS = ["Tobias", "Mara", "Edwin", "Rowan", "Celia", "Oswin", "Bram", "Ilse"]
CAST = [f"{first} {family}" for family in FAMILIES for first in FIRSTS]   # 24 characters


def events(text, characters=(), locations=(), **kw):
    return extract_events("T", text, list(characters), list(locations), Budget(), **kw)


def test_an_event_tags_only_the_names_it_names():
    found = events("Tobias Ashford rode to Karsk. Ashford rode on. The Aldric men fled from Mara Delphine.",
                   CAST, ["Karsk"])
    assert [(e["characters"], e["locations"]) for e in found] == [
        (["Tobias Ashford"], ["Karsk"]), (["Mara Delphine"], [])]   # "Ashford" alone is no Ashford


def test_aliases_and_titles_name_their_character():
    found = events("Captain Mara Vell burned the fleet. The Captain fled to Karsk.",
                   ["Mara Vell", "The Captain", "Orin Dask"], ["Karsk"])
    assert [e["characters"] for e in found] == [["Mara Vell"], ["The Captain"]]


def test_vietnamese_tone_marks_and_lower_case_words_are_not_names():
    cast = ["Trần Thị Mai", "Xuân Diệu", "Nguyễn Văn An", "Nguyễn Văn Bình", "Xuân"]
    places = ["chùa Trấn Quốc", "phố Hàng Bạc"]
    found = events("Mùa xuân năm 1946, Nguyễn Văn An đến chùa Trấn Quốc. Ông Nguyễn rời phố Hàng Bạc. "
                   "Xuân Diệu gặp Trần Thị Mai.", cast, places)
    assert [(e["characters"], e["locations"]) for e in found] == [
        (["Nguyễn Văn An"], ["chùa Trấn Quốc"]),   # not Trần Thị Mai, not Xuân (mùa xuân is spring)
        ([], ["phố Hàng Bạc"]),                    # "Nguyễn" alone tags no Nguyễn
        (["Xuân Diệu", "Trần Thị Mai"], [])]


def test_dialogue_speech_and_descriptions_are_not_events():
    text = ('"Tell no one," Delphine said. Mara said nothing. She was tall. Orin seemed tired. '
            'Did Mara leave Karsk? Mara said that Orin had fled. Orin had a sword.\n\n'
            '"We ride at dawn. Nobody stays behind," Orin told them.\n\n'
            '— Con đi đâu? — mẹ hỏi Mai.\n\nMai là con gái ông đồ. Trời có vẻ sắp mưa.\n\n'
            'Mara Vell burned the letter.')
    found = events(text, ["Delphine", "Mara", "Mara Vell", "Orin", "Mai"], ["Karsk"], language="en")
    assert [e["title"] for e in found] == ["Mara Vell burned the letter"]


def test_titles_are_the_main_clause_not_a_cut_sentence():
    text = ("When the bell rang at last, Tobias confessed his betrayal to Mara before the whole council, "
            "and the hall fell silent. Three winters later, Mara Vell left Karsk for the Tower of Ash because "
            "the king had summoned her. \"Go,\" Orin said, and he saddled his horse. Then Orin Dask crossed "
            "the frozen river with his brothers and all the horses of the northern villages near the old "
            "border forts.")
    titles = [e["title"] for e in events(text, ["Tobias", "Mara", "Mara Vell", "Orin", "Orin Dask"],
                                         ["Karsk", "Tower of Ash"])]
    assert titles == ["Tobias confessed his betrayal to Mara", "Mara Vell left Karsk for the Tower of Ash",
                      "Orin saddled his horse", "Orin Dask crossed the frozen river with his brothers"]
    assert all("…" not in t and len(t.split()) <= 12 for t in titles)
    vi = events("Khi trời vừa sáng, Trần Thị Mai rời Hà Nội, rồi cô đi mãi không về.", ["Trần Thị Mai"], ["Hà Nội"])
    assert [e["title"] for e in vi] == ["Trần Thị Mai rời Hà Nội"]


def test_events_carry_the_dates_of_the_text():
    text = ("Mara Vell left Karsk. In the spring of 1912, Mara Vell reached the Tower of Ash. Mara Vell fought "
            "there. Three winters later, Mara Vell fled home. Ten years earlier, Orin Dask had burned Karsk.")
    found = events(text, ["Mara Vell", "Orin Dask"], ["Karsk", "Tower of Ash"], base_year=1900)
    assert [(e["year"], e["date_text"]) for e in found] == [
        (None, ""), (1912, "In the spring of 1912"), (1912, "In the spring of 1912"),
        (1915, "Three winters later"), (1905, "Ten years earlier")]
    vi = events("Mùa thu năm 1946, Mai rời Hà Nội. Hai năm sau, Mai trở về Hà Nội. Mười năm trước, Mai đã "
                "gặp Nam.", ["Mai", "Nam"], ["Hà Nội"])
    assert [(e["year"], e["date_text"]) for e in vi] == [
        (1946, "Mùa thu năm 1946"), (1948, "Hai năm sau"), (1938, "Mười năm trước")]


def long_story(words: int) -> tuple[str, list[str]]:
    """A story of about ``words`` words: each paragraph has one happening, many plain sentences."""
    cast = [f"{first} {family}" for family in FAMILIES for first in FIRSTS]
    paragraphs, count, n = [], 0, 0
    while count < words:
        who = cast[n % len(cast)]
        paragraph = (f"The morning was grey and the road was long. The sky seemed heavy. {who} said nothing. "
                     f"In the {n}th chapter, {who} crossed the river. It was cold. Nobody spoke.")
        paragraphs.append(paragraph)
        count += len(paragraph.split())
        n += 1
    return "\n\n".join(paragraphs), cast


def test_a_long_story_yields_events_from_its_whole_length_with_progress():
    text, cast = long_story(5_000)
    reports = []
    found = events(text, cast, progress=lambda done, total, message: reports.append((done, total)))
    assert 20 < len(found) <= MAX_EVENTS
    assert all(e["title"].endswith("crossed the river") for e in found)
    starts = [text.index(e["description"]) for e in found]
    assert starts == sorted(starts)
    assert min(starts) < len(text) / 5 and max(starts) > 4 * len(text) / 5   # first and last fifth
    assert reports[-1][0] == reports[-1][1] and len(reports) >= 2


def test_more_happenings_than_the_cap_are_spread_over_the_text():
    text, cast = long_story(40_000)
    found = events(text, cast)
    assert len(found) == MAX_EVENTS
    starts = [text.index(e["description"]) for e in found]
    fifths = {int(5 * s / len(text)) for s in starts}
    assert fifths == {0, 1, 2, 3, 4} and starts == sorted(starts)


def test_the_language_is_detected_when_not_given():
    found = events("Sáng hôm ấy, Trần Thị Mai rời bến Nhà Rồng.", ["Trần Thị Mai"], ["bến Nhà Rồng"])
    assert found[0]["title"] == "Trần Thị Mai rời bến Nhà Rồng"
