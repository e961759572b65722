"""Sentences of a story and their narration (the words outside quoted speech).

Quoted speech never ends a sentence (`"Run. Now," she said.` is one), and
it is not narration: what characters say is not what happens. A paragraph
that opens with a dash is a dialogue line (the Vietnamese and European way of
writing speech) and has no narration at all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

TERMINALS = ".!?…"
OPENERS = {"“": "”", "«": "»", '"': '"'}
CLOSERS = set("”»\")]’")
DASHES = ("—", "–", "- ")
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "capt", "gen", "lt", "col", "sgt", "prof", "jr", "sr", "vs",
                 "mt", "ft", "no", "ông", "bà", "tp", "gs", "ts"}
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[—–\"“«])")


@dataclass(frozen=True)
class Sentence:
    """A sentence as written, where it starts in the text, and its narration."""

    text: str
    start: int
    narration: str


def paragraphs(text: str) -> list[tuple[int, str]]:
    """``(start, paragraph)`` for each paragraph (blank lines, or a new line opening with speech)."""
    found, start = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        found.append((start, text[start:match.start()]))
        start = match.end()
    found.append((start, text[start:]))
    return [(s, p) for s, p in found if p.strip()]


def _ends_here(text: str, i: int, quote: str | None) -> bool:
    """Whether a sentence ends after ``text[i]`` (outside quotes, before a capital or an opening mark)."""
    if quote is not None or i + 1 >= len(text) or not text[i + 1].isspace():
        return False
    j = i
    while j > 0 and text[j] in CLOSERS:
        j -= 1
    if text[j] not in TERMINALS:
        return False
    if text[j] == ".":
        word = _word_before(text, j)
        if word and (word.casefold() in ABBREVIATIONS or len(word) == 1):
            return False
    k = i + 1   # the next non-space character; walked, never sliced, so a long paragraph stays linear
    while k < len(text) and text[k].isspace():
        k += 1
    return k < len(text) and (text[k].isupper() or text[k].isdigit() or text[k] in OPENERS or text[k] in "—–(")


def _word_before(text: str, end: int) -> str:
    """The run of letters just before ``text[end]`` (looked at backwards, at most a word long)."""
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


def sentences(paragraph: str, offset: int = 0) -> list[Sentence]:
    """The paragraph's sentences, each with its narration."""
    if paragraph.lstrip().startswith(DASHES):
        text = paragraph.strip()
        return [Sentence(text, offset + paragraph.index(text[0]), "")]
    found, start, quote, outside = [], 0, None, []
    for i, ch in enumerate(paragraph):
        if quote is not None and ch == quote:
            quote = None
        elif quote is None and ch in OPENERS:
            quote = OPENERS[ch]
            outside.append(" ")
        elif quote is None:
            outside.append(ch)
        if _ends_here(paragraph, i, quote) or i == len(paragraph) - 1:
            piece = paragraph[start:i + 1]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                found.append(Sentence(piece.strip(), offset + start + lead, " ".join("".join(outside).split())))
            start, outside = i + 1, []
    return found


def story_sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, in order."""
    return [s for start, para in paragraphs(text or "") for s in sentences(para, start)]
