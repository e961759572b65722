"""Accent- and case-folded text, for search only.

Tone marks are significant everywhere else (``Hà`` and ``Hạ`` are different
names); search compares folded text so that "ha noi" finds "Hà Nội" and
"hang bac" finds "Hàng Bạc". ``fold`` is NFD, combining marks dropped, đ/Đ to
d (a letter of its own, not d plus a mark, so NFD keeps it), then casefold.
A word is a run of letters and digits of the folded text (``tokenize``).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache


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


_WORD = re.compile(r"[^\W_]+")
# Letters Unicode does not decompose, folded as PostgreSQL's unaccent folds them.
_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "þ": "th", "ı": "i"})


@cache
def _marks() -> tuple[str, re.Pattern, re.Pattern]:
    """(class of the combining marks below U+10000, a pattern of them, a pattern of the
    others), built at first use, not at import (7 ms). Every combining mark Unicode
    assigns lies below U+20000. A class holding code points past U+FFFF is matched
    range by range, ten times slower, so the second runs only on the rare text
    holding such characters."""
    bmp = _ranges([c for c in range(0x10000) if unicodedata.combining(chr(c))])
    astral = _ranges([c for c in range(0x10000, 0x20000) if unicodedata.combining(chr(c))])
    return bmp, re.compile(f"[{bmp}]+"), re.compile(f"[{astral}]+")


def mark_class() -> str:
    """A regex character class body of the combining marks (below U+10000: those that
    follow letters in practice)."""
    return _marks()[0]


def fold(text: str) -> str:
    """``text`` without accents, tone marks or case: "Hàng Bạc, Đà Nẵng" -> "hang bac, da nang"."""
    if text.isascii():
        return text.casefold()
    _, marks, astral = _marks()
    stripped = marks.sub("", unicodedata.normalize("NFD", text))
    if stripped and max(stripped) > "\uffff":
        stripped = astral.sub("", stripped)
    return stripped.casefold().translate(_LETTERS)


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


def fold_words(text: str) -> list[str]:
    """The folded words of ``text``, in order ("Trần Thị-Mai" -> ["tran", "thi", "mai"])."""
    return tokenize(text)
