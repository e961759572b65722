"""Titles like a mistyped query: the TinyDB backend's trigram index of titles.

The fallback when no word of a query matches ("tran hung dai" finds "Trần Hưng
Đạo"). Trigrams are pg_trgm's, on folded words: each word padded with two
spaces before and one after ("  ha", " ha ", ...), so the two backends agree on
what is similar. A title is similar when it holds at least ``SIMILAR_MIN`` of
the query's trigrams (PostgreSQL: ``word_similarity`` at the same threshold,
``pg_trgm.word_similarity_threshold``'s default). Postings are sorted arrays
of creation numbers, like the word index's.
"""
from __future__ import annotations

import heapq
import sys
from array import array
from bisect import bisect_left
from typing import Callable

from core.text import tokenize

SIMILAR_MIN = 0.6
COMMON_GRAM = 20_000   # a trigram in more titles than this is not read (bounded cost)


def trigrams(text: str) -> set[str]:
    grams = set()
    for word in tokenize(text):
        padded = f"  {word} "
        grams.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return grams


class TitleTrigrams:
    def __init__(self):
        self.postings: dict[str, array] = {}

    def add(self, seq: int, title: str) -> None:
        for gram in trigrams(title):
            held = self.postings.get(gram)
            if held is None:
                self.postings[gram] = array("Q", (seq,))
            elif held[-1] < seq:
                held.append(seq)
            else:
                held.insert(bisect_left(held, seq), seq)

    def remove(self, seq: int, title: str) -> None:
        for gram in trigrams(title):
            held = self.postings.get(gram)
            if held is None:
                continue
            pos = bisect_left(held, seq)
            if pos < len(held) and held[pos] == seq:
                del held[pos]
                if not held:
                    del self.postings[gram]

    def similar(self, query: str, accept: Callable[[int], bool] | None,
                limit: int) -> tuple[list[tuple[int, float]], int]:
        """([(seq, share of the query's trigrams its title holds)] best first, how many)."""
        grams = trigrams(query)
        if not grams:
            return [], 0
        counts: dict[int, int] = {}
        for gram in grams:
            held = self.postings.get(gram, ())
            if len(held) > COMMON_GRAM:
                continue
            for seq in held:
                counts[seq] = counts.get(seq, 0) + 1
        needed = SIMILAR_MIN * len(grams)
        found = [(count / len(grams), seq) for seq, count in counts.items()
                 if count >= needed and (accept is None or accept(seq))]
        return [(seq, share) for share, seq in heapq.nlargest(limit, found)], len(found)

    def memory_bytes(self) -> int:
        return sys.getsizeof(self.postings) + sum(sys.getsizeof(a) for a in self.postings.values())
