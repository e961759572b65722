"""Sentences, words and capitalised runs of prose, and a linear multi-name matcher.

Shared by the English and Vietnamese rules. Everything here is one pass over
the text (or over one sentence); loops call ``budget.check()``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ai.budget import Budget
from core.names import exact_key, search_key

WORD = re.compile(r"[^\W\d_](?:[\w'’]|-(?=\w))*")   # "Mara's", "Giao-chỉ"; not "Holmes--a"
WORD_RUN = re.compile(r"\w+")
MAX_NAME_CHARS = 200   # the answers' schemas reject longer names; such a run is no name anyway
ABBREVIATIONS = r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bMt\.)"
SENTENCE_BREAK = re.compile(ABBREVIATIONS + r"(?<=[.!?…])[\"'”’)\]]*\s+|\n\s*\n|\n(?=\s*[-*•])")
# Characters after which the next word is capitalised by the writing, not because it is a name.
OPENERS = set("\"“‘'([{:—–-…")


def sentences(text: str) -> list[str]:
    """The text's sentences; a piece starting in lower case (`"Run!" she said.`) stays with the one before."""
    merged: list[str] = []
    for piece in SENTENCE_BREAK.split(text or ""):
        piece = piece.strip() if piece else ""
        if not piece:
            continue
        if merged and piece[0].islower():
            merged[-1] += " " + piece
        else:
            merged.append(piece)
    return merged


def normalise(sentence: str, accents: bool) -> str:
    """The key form of a sentence: case folded; accents kept (Vietnamese names) or folded."""
    return exact_key(sentence) if accents else search_key(sentence)


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.casefold()

    @property
    def capitalised(self) -> bool:
        """Starts with a capital and is not shouted (a heading in capitals is no name)."""
        return self.text[0].isupper() and not (len(self.text) > 1 and self.text.isupper())


def words(sentence: str) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in WORD.finditer(sentence)]


ABBREVIATED = {"mr", "mrs", "ms", "dr", "st", "mt", "capt", "col", "gen", "lt", "sgt", "prof", "rev", "messrs"}


def joined(sentence: str, left: Word, right: Word) -> bool:
    """Only spaces on one line between two words (no comma, quote, dash or line break: a verse line
    starts with a capital), or the dot of "Mr. Holmes"."""
    between = sentence[left.end:right.start]
    gap = between.strip()
    return "\n" not in between and (not gap or (gap == "." and left.lower in ABBREVIATED))


def is_initial(sentence: str, tokens: list[Word], i: int) -> bool:
    """Whether word ``i`` is capitalised by position: it starts the sentence or a quote, or follows a colon."""
    if i == 0:
        return True
    gap = sentence[tokens[i - 1].end:tokens[i].start].strip()
    return bool(gap) and (gap[-1] in OPENERS or gap[-1] in ".!?")


def capitalised_runs(sentence: str, tokens: list[Word], connectors: set[str], budget: Budget):
    """``(i, j)``: tokens ``i..j-1`` are capitalised words joined by spaces, possibly
    through lower-case connectors ("Tower of Ash", "Order of the Rose")."""
    i = 0
    while i < len(tokens):
        budget.check()
        if not tokens[i].capitalised:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and joined(sentence, tokens[j - 1], tokens[j]):
            budget.check()
            if tokens[j].capitalised:
                j += 1
                continue
            k = j   # connectors, then a capitalised word: "of", "of the"
            while k < len(tokens) and k - j < 2 and tokens[k].lower in connectors \
                    and joined(sentence, tokens[k - 1], tokens[k]):
                k += 1
            if k > j and k < len(tokens) and tokens[k].capitalised and joined(sentence, tokens[k - 1], tokens[k]):
                j = k + 1
            else:
                break
        yield i, j
        i = j


def lowercase_words(sentence_list: list[str], budget: Budget) -> set[str]:
    """Every word the text also writes in lower case: a capitalised one of them is a common word."""
    seen: set[str] = set()
    for sentence in sentence_list:
        budget.check()
        seen.update(m.group() for m in WORD.finditer(sentence) if m.group()[0].islower())
    return seen


def mentions(name: str, normalised_text: str) -> int:
    """Where ``name`` first occurs (case/accent-insensitive, whole words); -1 if not."""
    match = re.search(r"(?<!\w)" + re.escape(search_key(name)) + r"(?!\w)", normalised_text)
    return match.start() if match else -1


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"   # exactly what ``\w`` matches in a str pattern


class _Node:
    __slots__ = ("children", "keys")

    def __init__(self):
        self.children: dict[str, _Node] = {}
        self.keys: list[tuple[str, int]] = []   # (key, where its first word starts in it)


class Matcher:
    """Finds many normalised names in a normalised text in one walk over its words.

    A match is the key as whole words, but instead of one scan of the text per
    name, the names' words form a trie and each word of the text follows it only
    as far as the next words agree, so the cost is the text's length times (at
    most) the words of the longest name.
    """

    def __init__(self, keys):
        self._root = _Node()
        self._odd = []   # keys with no word character, so nothing to index: plain regexes
        for key in dict.fromkeys(keys):
            found = list(WORD_RUN.finditer(key))
            if not found:
                self._odd.append((key, re.compile(r"(?<!\w)" + re.escape(key) + r"(?!\w)")))
                continue
            node = self._root
            for word in found:
                node = node.children.setdefault(word.group(), _Node())
            node.keys.append((key, found[0].start()))

    def first_positions(self, text: str, budget: Budget | None = None) -> dict[str, int]:
        """Each key found in ``text`` -> where it first occurs."""
        first: dict[str, int] = {}
        for key, at, _, _ in self.occurrences(text, budget):
            first[key] = min(at, first.get(key, at))
        return first

    def occurrences(self, text: str, budget: Budget | None = None) -> list[tuple[str, int, int, int]]:
        """Every ``(key, where, first word, last word)`` found in ``text``, the words counted as
        ``\\w+`` runs (-1 for a key with no word character)."""
        budget = budget or Budget()
        runs = [(m.start(), m.group()) for m in WORD_RUN.finditer(text)]
        root, found = self._root.children, []
        for i, (start, word) in enumerate(runs):
            budget.check()
            node, j = root.get(word), i
            while node is not None:
                for key, offset in node.keys:
                    at, end = start - offset, start - offset + len(key)
                    if (at >= 0 and text.startswith(key, at)
                            and (at == 0 or not _is_word_char(text[at - 1]))
                            and (end == len(text) or not _is_word_char(text[end]))):
                        found.append((key, at, i, j))
                j += 1
                node = node.children.get(runs[j][1]) if j < len(runs) else None
        for key, pattern in self._odd:
            found += [(key, match.start(), -1, -1) for match in pattern.finditer(text)]
        return found
