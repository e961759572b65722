"""Word counts (Vietnamese with tone marks composed or decomposed, CJK, apostrophes)
and scene breaks."""
from __future__ import annotations

import time
import unicodedata

import pytest

from core.scenes import heading, scene_count, scene_spans, scenes, word_count

VIETNAMESE = "Tiếng Việt có dấu thanh: Anh ấy đi chợ Đồng Xuân, mua hai con cá."


@pytest.mark.parametrize("text, words", [
    ("", 0), ("   \n\t ", 0), ("one", 1), ("Hello, world!", 2),
    ("don't stop", 2), ("It’s a well-known fact", 4), ("under_score", 2),
    ("1010 năm", 2), ("--- *** ⁂", 0), ("a — b", 2),
    (VIETNAMESE, 15),
    ("Hà Nội, Đà Nẵng, Huế.", 5),
    ("日本語のテキスト", 8), ("中文 English", 3), ("東京 and 大阪", 5),
    ("See [the map](https://example.com/maps/old-town \"Old\") and ![it](a.png)", 5),
    ("Привет, мир", 2), ("हिन्दी भाषा", 2), ("مرحبا بالعالم", 2),
])
def test_word_count(text, words):
    assert word_count(text) == words


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKD"])
def test_vietnamese_counts_the_same_composed_or_decomposed(form):
    text = unicodedata.normalize(form, VIETNAMESE)
    assert word_count(text) == 15
    assert word_count(text * 300) == 15 * 300   # a long text (remembered by digest) counts alike


def test_stray_combining_marks_stay_in_their_word():
    assert word_count("Vie\u0323\u0302t Nam") == 2     # marks in an unusual order (not NFC-composable at once)
    assert word_count("a\u0301\u0301\u0301 b") == 2


def test_a_long_text_counts_in_bounded_time():
    text = (VIETNAMESE + "\n") * 3000   # ~200 000 characters, the longest story
    started = time.perf_counter()
    assert word_count(text) == 15 * 3000
    assert time.perf_counter() - started < 1.0


def test_scene_breaks_are_stars_and_the_asterism_not_rules():
    text = "A one.\n***\nB two.\n  * * *  \nC three.\n⁂\nD four.\n---\nstill D.\n- - -\n**bold**"
    spans = scene_spans(text)
    assert [text[s:e] for s, e in spans] == ["A one.", "B two.", "C three.", "D four.\n---\nstill D.\n- - -\n**bold**"]
    assert scene_count(text) == 4


def test_inline_stars_and_blank_stretches_make_no_scene():
    assert scene_count("a *** b\nline with * * * inside") == 1
    assert scene_count("***\n\n***\nOnly one.\n***\n   \n") == 1
    assert scenes("") == [] and scene_count("  \n") == 0


def test_scene_titles_words_and_offsets():
    text = "# Chương một\nMưa rơi.\n\n***\n\nGió thổi mạnh qua những mái nhà cũ kỹ của phố.\n"
    first, second = scenes(text)
    assert (first.index, first.title, first.word_count) == (0, "Chương một", 4)
    assert second.title == "Gió thổi mạnh qua những mái…" and second.word_count == 11
    assert text[second.start:second.end] == "Gió thổi mạnh qua những mái nhà cũ kỹ của phố."
    assert heading("no heading") == "" and heading("text\n## Sub ##\n") == "Sub"


def test_decomposed_vietnamese_scenes_count_and_slice_like_composed():
    composed = "# Chương một\nTrời mưa rồi.\n\n⁂\n\nĐường về nhà xa lắm."
    decomposed = unicodedata.normalize("NFD", composed)
    assert len(decomposed) > len(composed)
    for text in (composed, decomposed):
        found = scenes(text)
        assert [s.word_count for s in found] == [5, 5]
        assert [unicodedata.normalize("NFC", s.title) for s in found] == ["Chương một", "Đường về nhà xa lắm."]
        assert unicodedata.normalize("NFC", text[found[1].start:found[1].end]) == "Đường về nhà xa lắm."
