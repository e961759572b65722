"""The checked text as the rules read it: NFC with a map back to the stored offsets,
a same-length folded copy for matching, and sentences with their offsets.

Offsets in findings are those of the story text as stored (a text typed in NFD
still gets the right spans): the rules work on the NFC form and ``Text.span``
maps back. Folding keeps one character per character, so an offset in the
folded copy is an offset in the NFC text.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")
WORD_CHAR = re.compile(r"\w")


def _nfc_map(text: str) -> tuple[str, list[int]]:
    """``text`` in NFC and, for each NFC offset (and the end), the offset in ``text``."""
    if unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text) + 1))
    out, where, start = [], [], 0
    for i in range(1, len(text) + 1):   # clusters: a starter and the marks after it
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            piece = unicodedata.normalize("NFC", text[start:i])
            out.append(piece)
            where.extend([start] * len(piece))
            start = i
    where.append(len(text))
    return "".join(out), where


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """One character, lower case, without accents (đ -> d); always one character."""
    base = "".join(c for c in unicodedata.normalize("NFD", ch.lower()) if not unicodedata.combining(c))
    base = base.replace("đ", "d")
    return base[0] if len(base) == 1 else ch.lower()[:1] or ch


def fold(text: str) -> str:
    return "".join(map(fold_char, text))


@lru_cache(maxsize=8192)
def _lower_char(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


def lower(text: str) -> str:
    """Lower case, one character per character (accents kept)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(map(_lower_char, text))


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Text:
    original: str
    nfc: str = ""
    folded: str = ""
    lowered: str = ""
    offsets: list[int] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def of(cls, original: str) -> "Text":
        nfc, offsets = _nfc_map(original or "")
        text = cls(original or "", nfc, fold(nfc), lower(nfc), offsets)
        text.sentences = split_sentences(nfc)
        return text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """NFC offsets -> offsets in the stored text."""
        return self.offsets[start], self.offsets[end]

    def quote(self, start: int, end: int) -> tuple[str, int, int]:
        """The stored text's span for NFC ``start..end`` and its offsets."""
        a, b = self.span(start, end)
        return self.original[a:b], a, b

    def sentence_index(self, offset: int) -> int:
        """The index of the sentence holding ``offset`` (-1 when between sentences)."""
        if not self._starts or len(self._starts) != len(self.sentences):
            self._starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(self._starts, offset) - 1
        return i if i >= 0 and offset < self.sentences[i].end else -1

    def sentence_at(self, offset: int) -> Sentence | None:
        i = self.sentence_index(offset)
        return self.sentences[i] if i >= 0 else None


def split_sentences(text: str) -> list[Sentence]:
    found, start = [], 0
    for m in SENTENCE_END.finditer(text):
        _add(found, text, start, m.start())
        start = m.end()
    _add(found, text, start, len(text))
    return found


def _add(found: list, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        found.append(Sentence(start, end, text[start:end]))


def is_boundary(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is whole words (no word character touches either side)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not WORD_CHAR.match(before) and not WORD_CHAR.match(after)


def find_all(haystack: str, needle: str):
    """Offsets of whole-word occurrences of ``needle`` in ``haystack``."""
    if not needle:
        return
    i = haystack.find(needle)
    while i >= 0:
        if is_boundary(haystack, i, i + len(needle)):
            yield i
        i = haystack.find(needle, i + 1)
