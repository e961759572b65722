"""The TinyDB backend's full-text index: folded word -> the documents holding it.

One ``SearchIndex`` per searchable collection, all sharing one ``Vocabulary``
(each distinct word stored once, and kept sorted for prefix lookups with
``bisect``: "hang ba" finds "bac", "bach"...). A word's postings are one
``array('Q')`` of ``seq << 8 | weight``, sorted by the document's creation
number (``CollectionIndex.seq_of``); the weight byte is the word's count in the
document (up to 127) and a flag for a title hit. About 8 bytes per distinct
word of a document, where a list of tuples would take ten times more.

The store updates it when a unit commits (``add``, ``replace``, ``remove``) and
builds it at load, so it always shows exactly the committed documents; a unit
that rolls back never reached it.
"""
from __future__ import annotations

import heapq
import sys
from array import array
from bisect import bisect_left, insort
from collections import Counter
from typing import Callable, Iterable, Mapping

from core.text import searchable_text, tokenize
from storage.base import MATCHED_WEIGHT, RELEVANCE_MAX, TITLE_WEIGHT, SearchTerms

TITLE_FLAG = 0x80
COUNT_MAX = 0x7F
MAX_PREFIX_WORDS = 100   # a short prefix matches only its most frequent words (bounded cost)


class Vocabulary:
    """Every word any index holds, once (``intern``), sorted for prefix lookups."""

    def __init__(self):
        self._words: dict[str, str] = {}
        self._sorted: list[str] | None = []   # None while a bulk build adds words

    def __len__(self) -> int:
        return len(self._words)

    def intern(self, word: str) -> str:
        known = self._words.get(word)
        if known is None:
            known = self._words[word] = word
            if self._sorted is not None:
                insort(self._sorted, word)
        return known

    def bulk(self) -> None:
        """Many words are coming (the load): sort once at the next lookup, not per word."""
        self._sorted = None

    def starting_with(self, prefix: str) -> list[str]:
        """The words beginning with ``prefix`` (words no document holds any more included)."""
        if self._sorted is None:
            self._sorted = sorted(self._words)
        words = self._sorted
        start = bisect_left(words, prefix)
        end = bisect_left(words, prefix + "\U0010ffff", start)
        return words[start:end]


class SearchIndex:
    def __init__(self, vocabulary: Vocabulary, titles: Iterable[str], others: Iterable[str]):
        self.vocabulary = vocabulary
        self.titles = tuple(titles)
        self.fields = self.titles + tuple(others)
        self.postings: dict[str, array] = {}

    # -- writing (at commit, under the store's state lock) ----------------------------

    def _weights(self, doc: Mapping) -> dict[str, int]:
        title = Counter(tokenize(" ".join(searchable_text(doc.get(f)) for f in self.titles)))
        body = Counter(tokenize(" ".join(searchable_text(doc.get(f)) for f in self.fields
                                         if f not in self.titles)))
        weights = {word: min(count + body.pop(word, 0), COUNT_MAX) | TITLE_FLAG
                   for word, count in title.items()}
        weights.update((word, min(count, COUNT_MAX)) for word, count in body.items())
        return weights

    def add(self, seq: int, doc: Mapping) -> None:
        postings, intern = self.postings, self.vocabulary.intern
        for word, weight in self._weights(doc).items():
            entry = seq << 8 | weight
            held = postings.get(word)
            if held is None:
                postings[intern(word)] = array("Q", (entry,))
            elif held[-1] >> 8 < seq:
                held.append(entry)       # the usual case: the newest document
            else:
                held.insert(bisect_left(held, seq << 8), entry)

    def remove(self, seq: int, doc: Mapping) -> None:
        postings = self.postings
        for word in self._weights(doc):
            held = postings.get(word)
            if held is None:
                continue
            pos = bisect_left(held, seq << 8)
            if pos < len(held) and held[pos] >> 8 == seq:
                del held[pos]
                if not held:
                    del postings[word]

    def replace(self, seq: int, old: Mapping, new: Mapping) -> None:
        if any(old.get(f) != new.get(f) for f in self.fields):   # most updates leave the text alone
            self.remove(seq, old)
            self.add(seq, new)

    # -- reading -------------------------------------------------------------------

    def _term_postings(self, word: str, prefix: bool) -> list[array]:
        if not prefix:
            held = self.postings.get(word)
            return [] if held is None else [held]
        found = [held for held in map(self.postings.get, self.vocabulary.starting_with(word)) if held]
        if len(found) > MAX_PREFIX_WORDS:
            found = heapq.nlargest(MAX_PREFIX_WORDS, found, key=len)
        return found

    def search(self, terms: SearchTerms, accept: Callable[[int], bool] | None,
               limit: int) -> tuple[list[tuple[int, float]], int]:
        """([(seq, score)] of the ``limit`` best documents ``accept`` lets through, how many
        such documents hold a word of ``terms``). ``accept(seq)`` runs once per document."""
        accepted: dict[int, bool] = {}
        matched: dict[int, int] = {}      # seq -> words held
        titled: dict[int, int] = {}       # seq -> words held in the title
        relevance: dict[int, float] = {}  # seq -> sum over words of count / (count + 2)
        last = len(terms.words) - 1
        for i, word in enumerate(terms.words):
            best: dict[int, int] = {}     # seq -> weight (a prefix: the best of its words)
            for held in self._term_postings(word, terms.prefix and i == last):
                for entry in held:
                    seq, weight = entry >> 8, entry & 0xFF
                    ok = accepted.get(seq)
                    if ok is None:
                        ok = accepted[seq] = accept is None or accept(seq)
                    if ok and weight > best.get(seq, -1):
                        best[seq] = weight
            for seq, weight in best.items():
                matched[seq] = matched.get(seq, 0) + 1
                count = weight & COUNT_MAX
                relevance[seq] = relevance.get(seq, 0.0) + count / (count + 2)
                if weight & TITLE_FLAG:
                    titled[seq] = titled.get(seq, 0) + 1
        share = RELEVANCE_MAX / max(1, len(terms.words))
        scores = ((matched[seq] * MATCHED_WEIGHT + titled.get(seq, 0) * TITLE_WEIGHT
                   + relevance[seq] * share, seq) for seq in matched)
        best_first = heapq.nlargest(limit, scores)
        return [(seq, score) for score, seq in best_first], len(matched)

    def memory_bytes(self) -> int:
        """About how much memory the postings take (arrays and the dict; words are shared)."""
        return sys.getsizeof(self.postings) + sum(sys.getsizeof(a) for a in self.postings.values())
