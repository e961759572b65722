"""Accent- and case-folded text, for search only.

Tone marks are significant everywhere else (``Hà`` and ``Hạ`` are different
names); search compares folded text so that "ha noi" finds "Hà Nội" and
"hang bac" finds "Hàng Bạc". ``fold`` is NFD, combining marks dropped, đ/Đ to
d (a letter of its own, not d plus a mark, so NFD keeps it), then casefold.
A word is a run of letters and digits (``tokenize`` on folded text,
``word_spans`` on the original, which keeps the marks inside its words).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Iterator


def _ranges(chars: list[int]) -> str:
    """A regex character class body for the code points ``chars`` (sorted)."""
    parts, start = [], None
    for i, c in enumerate(chars):
        if start is None:
            start = c
        if i + 1 == len(chars) or chars[i + 1] != c + 1:
            parts.append(re.escape(chr(start)) if start == c else f"{re.escape(chr(start))}-{re.escape(chr(c))}")
            start = None
    return "".join(parts)


# Every combining mark Unicode assigns lies below U+20000 (reading all 1.1M code points
# would cost 50 ms of start-up). Marks of the Basic Multilingual Plane and the others are
# two classes: a class holding code points past U+FFFF is matched range by range, ten
# times slower, so the second runs only on the rare text holding such characters.
_BMP_MARKS = MARK_CLASS = _ranges([c for c in range(0x10000) if unicodedata.combining(chr(c))])
_ASTRAL_MARKS = _ranges([c for c in range(0x10000, 0x20000) if unicodedata.combining(chr(c))])
_MARKS = re.compile(f"[{_BMP_MARKS}]+")
_ASTRAL = re.compile(f"[{_ASTRAL_MARKS}]+")
_WORD = re.compile(r"[^\W_]+")
# A word of the original text: a letter or digit, then letters, digits and the marks on them.
_ORIGINAL_WORD = re.compile(rf"[^\W_](?:[^\W_]|[{_BMP_MARKS}]|[{_ASTRAL_MARKS}])*")


def fold(text: str) -> str:
    """``text`` without accents, tone marks or case: "Hàng Bạc, Đà Nẵng" -> "hang bac, da nang"."""
    if text.isascii():
        return text.casefold()
    stripped = _MARKS.sub("", unicodedata.normalize("NFD", text))
    if stripped and max(stripped) > "\uffff":
        stripped = _ASTRAL.sub("", stripped)
    return stripped.replace("đ", "d").replace("Đ", "d").casefold()


def tokenize(text: str) -> list[str]:
    """The folded words of ``text``, in order: "Hà Nội (1010)" -> ["ha", "noi", "1010"]."""
    return _WORD.findall(fold(text))


_CHUNK_CACHE: dict[str, str] = {}   # a chunk of text between spaces -> its folded words, space-separated
_CHUNK_CACHE_MAX = 100_000   # about 12 MB when full


def count_words(text: str) -> dict[str, int]:
    """How often each folded word occurs in ``text``: ``Counter(tokenize(text))``, but
    folding each distinct chunk between spaces once, across calls (a word never
    spans a space), in C-level loops: about five times faster on long texts.
    For the search index, which reads every document at load."""
    chunks = text.split()
    folded = list(map(_CHUNK_CACHE.get, chunks))
    if None in folded:
        if len(_CHUNK_CACHE) + len(chunks) > _CHUNK_CACHE_MAX:
            _CHUNK_CACHE.clear()
        for i, words in enumerate(folded):
            if words is None:
                chunk = chunks[i]
                folded[i] = _CHUNK_CACHE[chunk] = " ".join(_WORD.findall(fold(chunk)))
    return Counter(" ".join(folded).split())


def word_spans(text: str, start: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded word) of each word of the original ``text`` from ``start``.
    The same words ``tokenize`` finds, with their offsets in ``text``."""
    for match in _ORIGINAL_WORD.finditer(text, start):
        for word in _WORD.findall(fold(match.group())):  # one, but for the rare letter fold splits
            yield match.start(), match.end(), word


def searchable_text(value) -> str:
    """The words of a document field as one text: strings as they are, numbers
    written out, lists and mappings (tags, custom field values) item by item."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        value = value.values()
    if isinstance(value, (list, tuple, type({}.values()))):
        return " ".join(t for t in (searchable_text(v) for v in value) if t)
    return ""
