"""The ``[[Name]]`` / ``[[Name|shown text]]`` parser and the rename rewrite."""
import pytest

from core.mentions import is_writable, iter_mentions, parse, rename, rewrite, snippet
from core.vocabulary import MENTIONS_MAX, NAME_MAX


def found(text):
    return [(m.name, m.shown, m.labelled, text[m.start:m.end]) for m in parse(text)]


def test_names_and_shown_text_with_their_spans():
    text = "Hôm ấy [[Trần Hưng Đạo|ông]] gặp [[Lý Thường Kiệt]] ở [[Thăng Long]]."
    assert found(text) == [
        ("Trần Hưng Đạo", "ông", True, "[[Trần Hưng Đạo|ông]]"),
        ("Lý Thường Kiệt", "Lý Thường Kiệt", False, "[[Lý Thường Kiệt]]"),
        ("Thăng Long", "Thăng Long", False, "[[Thăng Long]]"),
    ]


def test_tone_marks_are_kept_as_written_whatever_the_unicode_form():
    import unicodedata
    decomposed = unicodedata.normalize("NFD", "[[Nguyễn Trãi]]")
    (name, *_), = found(decomposed)
    assert unicodedata.normalize("NFC", name) == "Nguyễn Trãi"
    assert found("[[Trấn]] [[Trần]]")[0][0] != found("[[Trấn]] [[Trần]]")[1][0]


def test_spaces_inside_are_folded_and_trimmed():
    assert found("[[  Mara \t Vell ]] and [[ Port | the  harbour ]]") == [
        ("Mara Vell", "Mara Vell", False, "[[  Mara \t Vell ]]"),
        ("Port", "the harbour", True, "[[ Port | the  harbour ]]"),
    ]


@pytest.mark.parametrize("text", [
    "[[]]", "[[ ]]", "[[|x]]", "[[x|]]", "[[x| ]]", "[[a|b|c]]",     # empty or ambiguous parts
    "[[a\nb]]", "[[a\rb]]", "[[a|b\nc]]",                            # no line breaks
    "[[a]", "[a]]", "[ [a]]", "[[a] ]", "[[a", "a]]",                 # unbalanced
    "[[a[b]]", "[[a]b]]", "[[a [[b]] c]]".replace("[[b]]", "[b]"),  # brackets inside
    "\\[[Escaped]]",                                                 # escaped
    "[[" + "x" * (NAME_MAX + 1) + "]]",                               # too long
    "[[x|" + "y" * (NAME_MAX + 1) + "]]",
])
def test_malformed_or_escaped_brackets_are_plain_text(text):
    assert parse(text) == []


def test_no_nesting_the_innermost_pair_is_the_mention():
    assert found("[[[Ba]]]") == [("Ba", "Ba", False, "[[Ba]]")]
    assert found("[[a [[Bram]] b]]") == [("Bram", "Bram", False, "[[Bram]]")]
    assert found("[[x|[[Y]]]]") == [("Y", "Y", False, "[[Y]]")]


def test_an_escape_covers_one_mention_only():
    assert [m[0] for m in found("\\[[A]] [[B]] \\[[C]] [[D]]")] == ["B", "D"]


def test_the_longest_name_allowed_is_a_mention():
    name = "n" * NAME_MAX
    assert found(f"[[{name}|{name}]]")[0][:2] == (name, name)


@pytest.mark.parametrize("text", [
    "[" * 200_000,
    "[[" * 100_000,
    "[[[[[" * 40_000,
    "[[" + "a" * 199_998,
    ("[[" + "a" * 300) * 600,
    "[[" * 50_000 + "]]" * 50_000,
    "[[a]" * 50_000,
    "\\" * 100_000 + "[[a]]",
    "[[a|" * 40_000 + "]]",
    "]]" * 100_000,
])
def test_pathological_input_finds_nothing_and_ends(text):
    # Linear by construction (one regex pass, bounded inner run): bench/mentions_bench.py
    # prints the times; here the answers.
    assert parse(text) == []


def test_pathological_input_around_a_real_mention_still_finds_it():
    text = "[[[[[" * 20_000 + "[[Mara]]" + "]]]]]" * 20_000
    assert [m.name for m in parse(text)] == ["Mara"]


def test_at_most_mentions_max_per_text():
    text = " ".join(f"[[N{i}]]" for i in range(MENTIONS_MAX + 500))
    spans = parse(text)
    assert len(spans) == MENTIONS_MAX and spans[-1].name == f"N{MENTIONS_MAX - 1}"
    assert sum(1 for _ in iter_mentions(text)) == MENTIONS_MAX + 500   # the rewrite sees them all


def test_rename_keeps_the_shown_text_and_leaves_other_names():
    text = ("[[Trần Hưng Đạo]] và [[trần  hưng đạo|ông]], không phải [[Trấn Hưng Đạo]]; "
            "\\[[Trần Hưng Đạo]] [[Trần Hưng Đạo|ngài]].")
    renamed, count = rename(text, "Trần Hưng Đạo", "Hưng Đạo Vương")
    assert count == 3
    assert renamed == ("[[Hưng Đạo Vương]] và [[Hưng Đạo Vương|ông]], không phải [[Trấn Hưng Đạo]]; "
                       "\\[[Trần Hưng Đạo]] [[Hưng Đạo Vương|ngài]].")


def test_rename_folds_accents_of_names_that_are_not_vietnamese():
    assert rename("[[Zoë]] met [[ZOE|her]]", "Zoe", "Zoe Ardent") == ("[[Zoe Ardent]] met [[Zoe Ardent|her]]", 2)


def test_rename_to_the_same_text_or_to_an_unwritable_name_changes_nothing():
    text = "[[Mara]] and [[Port]]"
    assert rename(text, "Mara", "Mara") == (text, 0)
    for bad in ("Ma]]ra", "Mara|Vell", "[Mara]", "Mara\nVell", "", " "):
        assert not is_writable(bad)
        assert rename(text, "Mara", bad) == (text, 0)
    assert is_writable("Trần Hưng Đạo") and is_writable("O'Brien (the elder)")


def test_rewrite_picks_mentions_with_the_predicate():
    text = "[[A]] [[B|bee]] [[C]]"
    assert rewrite(text, "Z", lambda span: span.name != "C") == ("[[Z]] [[Z|bee]] [[C]]", 2)


def test_snippet_shows_mentions_as_their_text_and_never_cuts_one():
    text = "x" * 300 + " Then [[Trần Hưng Đạo|ông]] met [[Mara]] at [[Port of Ash]]. " + "y" * 300
    spans = parse(text)
    piece = snippet(text, spans, 1)
    assert "ông met Mara at Port of Ash." in piece
    assert "[[" not in piece and "]]" not in piece
    assert piece.startswith("…") and piece.endswith("…")
    long_name = "[[" + "L" * 150 + "]]"
    text = "a " * 40 + long_name + " " + "[[Mara]]" + " b" * 40
    spans = parse(text)
    assert "L" * 150 in snippet(text, spans, 1)   # the window's edge fell inside it: widened
    assert snippet("[[Mara]]", parse("[[Mara]]"), 0) == "Mara"
