"""Dates read from a story's sentences (``ai.dates``), in English and Vietnamese."""
from __future__ import annotations

import pytest

from ai.dates import Chronology, find_date, number


@pytest.mark.parametrize("sentence, language, text, year, shift", [
    ("In 1912 the war ended.", "en", "In 1912", 1912, None),
    ("In the spring of 1912, Mara left.", "en", "In the spring of 1912", 1912, None),
    ("It was the winter of 1805 when they met.", "en", "winter of 1805", 1805, None),
    ("Three winters later she came back.", "en", "Three winters later", None, 3),
    ("Two years later, Orin wed.", "en", "Two years later", None, 2),
    ("Twenty-five years later all was gone.", "en", "Twenty-five years later", None, 25),
    ("A decade later the tower fell.", "en", "A decade later", None, 10),
    ("The next year they sailed.", "en", "The next year", None, 1),
    ("Ten years earlier, Aldric had fled.", "en", "Ten years earlier", None, -10),
    ("Mùa thu năm 1946, Mai rời Hà Nội.", "vi", "Mùa thu năm 1946", 1946, None),
    ("Vào năm 1954 họ trở về.", "vi", "Vào năm 1954", 1954, None),
    ("Hai năm sau, Mai trở về.", "vi", "Hai năm sau", None, 2),
    ("Ba mùa đông sau, họ gặp lại.", "vi", "Ba mùa đông sau", None, 3),
    ("Năm năm sau, cô về làng.", "vi", "Năm năm sau", None, 5),
    ("Hai mươi lăm năm sau, cô về.", "vi", "Hai mươi lăm năm sau", None, 25),
    ("Năm sau, Mai lấy chồng.", "vi", "Năm sau", None, 1),
    ("Mười năm trước, ông đã bỏ làng.", "vi", "Mười năm trước", None, -10),
])
def test_a_sentence_gives_its_date_and_the_words_for_it(sentence, language, text, year, shift):
    cue = find_date(sentence, language)
    assert (cue.text, cue.year, cue.shift) == (text, year, shift)


@pytest.mark.parametrize("sentence, language", [
    ("Mara counted 1200 coins.", "en"), ("She was tall.", "en"), ("Mai là con gái ông đồ.", "vi"),
    ("Mùa xuân về trên phố.", "vi"),
])
def test_a_sentence_without_a_date_gives_none(sentence, language):
    assert find_date(sentence, language) is None


def test_uncounted_dates_are_dates_without_a_year():
    assert find_date("Years before, he was king.", "en").shift is None
    assert find_date("Nhiều năm sau, cô trở lại.", "vi").text == "Nhiều năm sau"


@pytest.mark.parametrize("words, language, value", [
    ("three", "en", 3), ("twenty-one", "en", 21), ("12", "en", 12), ("a", "en", 1),
    ("mười", "vi", 10), ("mười lăm", "vi", 15), ("hai mươi", "vi", 20), ("bốn mươi mốt", "vi", 41),
])
def test_numbers_in_words(words, language, value):
    assert number(words, language) == value


def test_the_running_year_starts_at_the_story_year_and_moves_with_the_text():
    chronology = Chronology(base_year=1900, language="en")
    readings = [chronology.read(s) for s in (
        "Mara left.", "Two years later she came back.", "She slept.", "In 1950 Orin died.",
        "Ten years earlier he had wed.", "The next year a son was born.", "Years later he left.",
        "Two years later he came back.", "In 1970 it ended.")]
    assert [(year, dated) for year, _, dated in readings] == [
        (None, False), (1902, True), (1902, False), (1950, True), (1940, True), (1941, True),
        (None, True), (None, True), (1970, True)]
    assert readings[2][1] == "Two years later"   # an undated sentence inherits the date and its words


def test_without_a_story_year_relative_dates_stay_unknown_until_an_explicit_one():
    chronology = Chronology(base_year=None, language="vi")
    assert chronology.read("Hai năm sau, Mai về.")[0] is None
    assert chronology.read("Năm 1946, Mai rời Hà Nội.")[0] == 1946
    assert chronology.read("Ba mùa đông sau, Mai trở về.")[0] == 1949
    assert chronology.read("Mai ở lại.") == (1949, "Ba mùa đông sau", False)
