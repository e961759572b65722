"""Search snippets: a window of the original text around the first match, as HTML.

A query's folded words are turned into a pattern over the *original* text:
each letter matches every character that folds to it ("a" matches "à", "Ạ"...;
"d" matches "đ") followed by any combining marks, so "ha noi" finds and marks
"Hà Nội" where it stands, at the regex engine's speed, without folding the text
and mapping offsets back. What is shown is the original text, HTML-escaped,
each matching word in ``<mark>``.
"""
from __future__ import annotations

import re
from functools import cache
from html import escape

from core.text import fold, mark_class
from storage.base import SearchTerms

SNIPPET_CHARS = 180     # the window's length
CONTEXT_BEFORE = 60     # of which before the first match
SCAN_CHARS = 50_000     # a match further into a text is not looked for (bounded cost)
_SPACES = re.compile(r"\s+")
# Blocks whose letters fold to other letters (Latin, Greek, Cyrillic, their
# extensions, letter-like symbols, full-width forms); elsewhere a letter folds to
# its own lower case, which the class of each letter also covers.
_FOLDING_BLOCKS = ((0x00C0, 0x0250), (0x0370, 0x0530), (0x1E00, 0x2000), (0x2100, 0x2150), (0xFF21, 0xFF5B))


@cache
def _folding_to() -> dict[str, frozenset[str]]:
    """Folded letter -> the characters of ``_FOLDING_BLOCKS`` that fold to it (built once)."""
    found: dict[str, set[str]] = {}
    for low, high in _FOLDING_BLOCKS:
        for code in range(low, high):
            char = chr(code)
            folded = fold(char)
            if len(folded) == 1 and folded != char:
                found.setdefault(folded, set()).add(char)
    return {letter: frozenset(chars) for letter, chars in found.items()}


@cache
def _letter(char: str) -> str:
    """A regex matching any character folding to ``char``, then its combining marks."""
    chars = {char, char.upper(), *_folding_to().get(char, ())}
    chars = {c for c in chars if len(c) == 1}
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + f"][{mark_class()}]*"


class Matcher:
    """Where a query's words are in an original text."""

    def __init__(self, terms: SearchTerms):
        alternatives = ["".join(_letter(c) for c in word) for word in terms.words]
        if terms.prefix and alternatives:
            alternatives[-1] += rf"(?:[^\W_]|[{mark_class()}])*"
        self.pattern = re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])") if alternatives else None

    def first(self, text: str) -> int | None:
        """Offset in ``text`` of the first matching word, or None."""
        found = None if self.pattern is None else self.pattern.search(text)
        return None if found is None else found.start()

    def highlight(self, text: str) -> str:
        """``text`` escaped (runs of white space as one space), its matching words in ``<mark>``."""
        parts, done = [], 0
        if self.pattern is not None:
            for found in self.pattern.finditer(text):
                parts += [_flat(text[done:found.start()]), "<mark>", escape(found.group(), quote=False), "</mark>"]
                done = found.end()
        parts.append(_flat(text[done:]))
        return "".join(parts)


def _flat(text: str) -> str:
    return escape(_SPACES.sub(" ", text), quote=False)


def snippet(texts: list[str], matcher: Matcher) -> str:
    """The window around the first match in the first of ``texts`` holding one,
    else the beginning of the first that is not empty; "" if all are."""
    for text in texts:
        if not text:
            continue
        at = matcher.first(text[:SCAN_CHARS])
        if at is not None:
            return _window(text, at, matcher)
    first = next((t for t in texts if t and t.strip()), "")
    return _window(first, 0, matcher) if first else ""


def _window(text: str, at: int, matcher: Matcher) -> str:
    start = max(0, at - CONTEXT_BEFORE)
    if start > 0:   # begin at a word
        space = text.find(" ", start, at)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", at, end)
        end = space if space > at else end
    body = matcher.highlight(text[start:end]).strip()
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
