"""Folding for search (``core.text``) and search snippets (``services.snippets``)."""
from __future__ import annotations

from collections import Counter

from core.text import count_words, fold, searchable_text, tokenize
from services.snippets import Matcher, snippet
from storage.base import search_terms


def test_fold_strips_tone_marks_and_case_and_maps_d_with_stroke():
    assert fold("Hàng Bạc, Đà Nẵng") == "hang bac, da nang"
    assert fold("ĐINH Bộ Lĩnh") == "dinh bo linh"
    assert fold("Ha\u0300 No\u0323\u0302i") == "ha noi"        # decomposed input folds the same
    assert fold("Straße İstanbul") == "strasse istanbul"
    assert fold("plain ASCII") == "plain ascii"
    assert fold("\u0301") == "" and fold("") == ""
    assert fold("Привет 東京") == "привет 東京"


def test_tokenize_cuts_words_of_letters_and_digits():
    assert tokenize("Hà Nội (1010) — don't e-mail a@b.com, café_bar") == [
        "ha", "noi", "1010", "don", "t", "e", "mail", "a", "b", "com", "cafe", "bar"]
    assert tokenize("  !? ") == []


def test_count_words_is_counter_of_tokenize():
    texts = ["Hà Nội, hà nội! HÀ-NỘI.", "Ha\u0300 x\u0301y  \u0301a ß đ \"quoted,\" e-mail@x.org", "", "   ",
             "the sea " * 200]
    for text in texts * 2:   # twice: the chunk cache answers the second time
        assert count_words(text) == Counter(tokenize(text))


def test_searchable_text_reads_lists_and_mappings():
    assert searchable_text({"born": 1228, "home": "Nam Định", "titles": ["Quốc công", True, None],
                            "ok": False, "date": {"year": 1300}}) == "1228 Nam Định Quốc công 1300"
    assert searchable_text(None) == "" and searchable_text(2.5) == "2.5"


def test_snippets_mark_folded_matches_in_the_original_text_escaped():
    matcher = Matcher(search_terms("ha noi"))
    assert snippet(["Về HÀ NỘI <3 & Hà Nội"], matcher) == \
        "Về <mark>HÀ</mark> <mark>NỘI</mark> &lt;3 &amp; <mark>Hà</mark> <mark>Nội</mark>"
    assert snippet(["Ha\u0300 No\u0323\u0302i"], matcher) == "<mark>Ha\u0300</mark> <mark>No\u0323\u0302i</mark>"
    assert snippet(["Đinh"], Matcher(search_terms("dinh"))) == "<mark>Đinh</mark>"
    assert snippet(["hàng bánh, hàng bạc, bachelor"], Matcher(search_terms("hang ba"))) == \
        "<mark>hàng</mark> <mark>bánh</mark>, <mark>hàng</mark> <mark>bạc</mark>, <mark>bachelor</mark>"
    assert snippet(["hàng bánh, bạc"], Matcher(search_terms("ba "))) == "hàng bánh, bạc"   # a whole word only
    assert snippet(["Hanoi"], matcher) == "Hanoi"                                          # not inside a word


def test_snippets_window_the_first_match_and_fall_back_to_the_beginning():
    matcher = Matcher(search_terms("lantern"))
    text = "word " * 100 + "the lantern\nglows " + "word " * 100
    shown = snippet(["", text], matcher)
    assert shown.startswith("…word") and shown.endswith("…") and "the <mark>lantern</mark> glows" in shown
    assert len(shown) < 200
    assert snippet(["no match here", "nor here"], matcher) == "no match here"
    assert snippet(["", "  "], matcher) == ""
    assert snippet(["<i>x</i>"], Matcher(search_terms("!!"))) == "&lt;i&gt;x&lt;/i&gt;"
