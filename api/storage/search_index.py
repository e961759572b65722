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
from itertools import chain
from typing import Callable, Iterable, Mapping

from core.text import count_words, searchable_text
from storage.base import MATCHED_WEIGHT, RELEVANCE_MAX, TERM_CANDIDATES, TITLE_WEIGHT, SearchTerms
from storage.title_trigrams import TitleTrigrams

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
        self.others = tuple(others)
        self.fields = self.titles + self.others
        self.postings: dict[str, array] = {}
        self.title_trigrams = TitleTrigrams()

    def _title(self, doc: Mapping) -> str:
        return " ".join([searchable_text(doc.get(f)) for f in self.titles])

    # -- writing (at commit, under the store's state lock) ----------------------------

    def _weights(self, doc: Mapping) -> dict[str, int]:
        """Folded word -> its weight byte in ``doc``."""
        weights = count_words(" ".join([searchable_text(doc.get(f)) for f in self.others]))
        if any(count > COUNT_MAX for count in weights.values()):
            weights = {word: min(count, COUNT_MAX) for word, count in weights.items()}
        for word, count in count_words(self._title(doc)).items():
            weights[word] = min(count + weights.get(word, 0), COUNT_MAX) | TITLE_FLAG
        return weights

    def add(self, seq: int, doc: Mapping) -> None:
        self._insert(seq, self._weights(doc))
        self.title_trigrams.add(seq, self._title(doc))

    def remove(self, seq: int, doc: Mapping) -> None:
        self._delete(seq, self._weights(doc))
        self.title_trigrams.remove(seq, self._title(doc))

    def replace(self, seq: int, old: Mapping, new: Mapping) -> None:
        """Only the words whose weight changed are touched: an edit of a long story
        rewrites a few postings, not all of them."""
        if all(old.get(f) == new.get(f) for f in self.fields):   # most updates leave the text alone
            return
        before, after = self._weights(old), self._weights(new)
        self._delete(seq, [w for w, weight in before.items() if after.get(w) != weight])
        self._insert(seq, {w: weight for w, weight in after.items() if before.get(w) != weight})
        if any(old.get(f) != new.get(f) for f in self.titles):
            self.title_trigrams.remove(seq, self._title(old))
            self.title_trigrams.add(seq, self._title(new))

    def _insert(self, seq: int, weights: Mapping[str, int]) -> None:
        postings, intern = self.postings, self.vocabulary.intern
        for word, weight in weights.items():
            entry = seq << 8 | weight
            held = postings.get(word)
            if held is None:
                postings[intern(word)] = array("Q", (entry,))
            elif held[-1] >> 8 < seq:
                held.append(entry)       # the usual case: the newest document
            else:
                held.insert(bisect_left(held, seq << 8), entry)

    def _delete(self, seq: int, words) -> None:
        postings = self.postings
        for word in words:
            held = postings.get(word)
            if held is None:
                continue
            pos = bisect_left(held, seq << 8)
            if pos < len(held) and held[pos] >> 8 == seq:
                del held[pos]
                if not held:
                    del postings[word]

    # -- reading -------------------------------------------------------------------

    def _term_postings(self, word: str, prefix: bool) -> list[array]:
        if not prefix:
            held = self.postings.get(word)
            return [] if held is None else [held]
        found = [held for held in map(self.postings.get, self.vocabulary.starting_with(word)) if held]
        if len(found) > MAX_PREFIX_WORDS:
            found = heapq.nlargest(MAX_PREFIX_WORDS, found, key=len)
        return found

    def _newest(self, arrays: list[array], accept, accepted: dict) -> tuple[dict[int, int], bool]:
        """seq -> weight of the newest ``TERM_CANDIDATES`` documents ``accept`` lets through
        holding one of these words (a prefix's: the best weight of its words), and
        whether there were more."""
        best: dict[int, int] = {}
        if len(arrays) == 1:
            stream = reversed(arrays[0])
        elif sum(map(len, arrays)) <= 20 * TERM_CANDIDATES:   # a prefix's words: merged by a sort in C
            stream = sorted(chain.from_iterable(arrays), reverse=True)
        else:
            stream = heapq.merge(*map(reversed, arrays), reverse=True)
        for entry in stream:
            seq = entry >> 8
            ok = accepted.get(seq)
            if ok is None:
                ok = accepted[seq] = accept is None or accept(seq)
            if not ok:
                continue
            weight, held = entry & 0xFF, best.get(seq)
            if held is None:
                if len(best) >= TERM_CANDIDATES:
                    return best, True
                best[seq] = weight
            elif weight > held:
                best[seq] = weight
        return best, False

    def search(self, terms: SearchTerms, accept: Callable[[int], bool] | None,
               limit: int) -> tuple[list[tuple[int, float]], int, bool]:
        """([(seq, score)] of the ``limit`` best documents ``accept`` lets through, how many
        such documents hold a word of ``terms``, whether that count is exact).

        Bounded cost: each word brings its newest ``TERM_CANDIDATES`` matches (a rarer
        word brings all of its own); the candidates are then scored on every word,
        so a document's score does not depend on which word brought it. Only when a
        word is that common may older documents holding nothing rarer be missed."""
        accepted: dict[int, bool] = {}
        last = len(terms.words) - 1
        found = []
        for i, word in enumerate(terms.words):
            arrays = self._term_postings(word, terms.prefix and i == last)
            found.append((arrays, *self._newest(arrays, accept, accepted)) if arrays else ([], {}, False))
        candidates = set().union(*(best for _, best, _ in found))
        share = RELEVANCE_MAX / max(1, len(terms.words))
        scores = []
        for seq in candidates:
            matched = titled = 0
            relevance = 0.0
            for arrays, best, capped in found:
                weight = best.get(seq)
                if weight is None and capped and len(arrays) == 1:   # older than the word's newest matches
                    held = arrays[0]
                    pos = bisect_left(held, seq << 8)
                    if pos < len(held) and held[pos] >> 8 == seq:
                        weight = held[pos] & 0xFF
                if weight is None:
                    continue
                count = weight & COUNT_MAX
                matched += 1
                titled += weight >> 7
                relevance += count / (count + 2)
            scores.append((matched * MATCHED_WEIGHT + titled * TITLE_WEIGHT + relevance * share, seq))
        best_first = heapq.nlargest(limit, scores)
        exact = not any(capped for _, _, capped in found)
        return [(seq, score) for score, seq in best_first], len(candidates), exact

    def memory_bytes(self) -> int:
        """About how much memory the postings take (arrays and the dicts; words are shared)."""
        return (sys.getsizeof(self.postings) + sum(sys.getsizeof(a) for a in self.postings.values())
                + self.title_trigrams.memory_bytes())
