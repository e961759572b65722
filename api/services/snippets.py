"""Search snippets: a window of the original text around the first match, as HTML.

Matching is on folded words (``core.text``), so "ha noi" marks "Hà Nội"; what is
shown is the original text, HTML-escaped, each matching word in ``<mark>``.
Folded text keeps the original's offsets as long as it has the same length (NFC
text with accents: each letter folds to one letter); otherwise (decomposed
letters, "ß" -> "ss") the first match is found by walking the original's words.
"""
from __future__ import annotations

import re
from html import escape

from core.text import fold, word_spans
from storage.base import SearchTerms

SNIPPET_CHARS = 180     # the window's length
CONTEXT_BEFORE = 60     # of which before the first match
SCAN_CHARS = 50_000     # a match further into a text is not looked for (bounded cost)
_SPACES = re.compile(r"\s+")


class Matcher:
    """Which folded words match a query's terms."""

    def __init__(self, terms: SearchTerms):
        self.exact = set(terms.words)
        self.prefix = terms.words[-1] if terms.prefix and terms.words else None
        alternatives = [re.escape(w) for w in terms.words]
        if self.prefix is not None:
            alternatives[-1] += r"[^\W_]*"
        self.pattern = re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])") if alternatives else None

    def __call__(self, word: str) -> bool:
        return word in self.exact or (self.prefix is not None and word.startswith(self.prefix))

    def first(self, text: str) -> int | None:
        """Offset in ``text`` of the first matching word, or None."""
        if self.pattern is None:
            return None
        folded = fold(text)
        found = self.pattern.search(folded)
        if found is None:
            return None
        start = found.start()
        if len(folded) == len(text):   # the usual case: offsets line up; check the word there
            spans = word_spans(text, start)
            span = next(spans, None)
            if span is not None and span[0] == start and self(span[2]):
                return start
        return next((start for start, _, word in word_spans(text) if self(word)), None)


def _flat(text: str) -> str:
    return escape(_SPACES.sub(" ", text), quote=False)


def highlight(text: str, matcher: Matcher) -> str:
    """``text`` escaped, its matching words in ``<mark>``."""
    parts, done = [], 0
    for start, end, word in word_spans(text):
        if start >= done and matcher(word):
            parts += [_flat(text[done:start]), "<mark>", escape(text[start:end], quote=False), "</mark>"]
            done = end
    parts.append(_flat(text[done:]))
    return "".join(parts)


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
    body = highlight(text[start:end], matcher).strip()
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
