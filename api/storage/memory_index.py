"""In-memory secondary indexes for one collection, so lookups never scan.

Each indexed field maps a value to the sorted creation numbers ("seqs") of the
documents holding it (a list-valued field indexes each element). Sorted seqs
give results in creation order, newest first by reading them backwards, and
let several indexes be merged or intersected lazily, one page at a time.
"""
from __future__ import annotations

import heapq
from bisect import bisect_left, insort
from typing import Iterable, Iterator, Mapping


def _contains(seqs: list, seq: int) -> bool:
    pos = bisect_left(seqs, seq)
    return pos < len(seqs) and seqs[pos] == seq


def _values(doc: Mapping, field: str) -> Iterable:
    value = doc.get(field)
    if isinstance(value, list):
        return set(value)
    return () if value is None else (value,)


class CollectionIndex:
    def __init__(self, collection: str, fields: Iterable[str]):
        self.collection = collection
        self.by_field: dict[str, dict[object, list[int]]] = {f: {} for f in fields}
        self.seq_of: dict[str, int] = {}
        self.id_at: dict[int, str] = {}
        self._next_seq = 0

    def _check(self, fields) -> None:
        for field in fields:
            if field not in self.by_field:
                raise ValueError(f"{self.collection}.{field} is not an indexed field")

    def add(self, doc_id: str, doc: Mapping) -> None:
        seq = self.seq_of.get(doc_id)
        if seq is None:  # a new document; a replaced one keeps its place
            self._next_seq += 1
            seq = self.seq_of[doc_id] = self._next_seq
            self.id_at[seq] = doc_id
        for field, by_value in self.by_field.items():
            for value in _values(doc, field):
                insort(by_value.setdefault(value, []), seq)

    def remove(self, doc_id: str, doc: Mapping, forget: bool) -> None:
        """Drop ``doc``'s entries; ``forget`` also drops its place (a delete)."""
        seq = self.seq_of[doc_id]
        for field, by_value in self.by_field.items():
            for value in _values(doc, field):
                seqs = by_value.get(value)
                if seqs is None:
                    continue
                pos = bisect_left(seqs, seq)
                if pos < len(seqs) and seqs[pos] == seq:
                    del seqs[pos]
                if not seqs:
                    del by_value[value]
        if forget:
            del self.seq_of[doc_id]
            del self.id_at[seq]

    def buckets(self, where: Mapping | None, any_of: list[Mapping] | None):
        """(seq lists to merge, or None for "every document"; lists each result must be in)."""
        where = dict(where or {})
        self._check(where)
        required = [self.by_field[f].get(v, []) for f, v in where.items()]
        if any_of:
            sources = []
            for clause in any_of:
                if len(clause) != 1:
                    raise ValueError("each any_of clause names one field")
                self._check(clause)
                (field, value), = clause.items()
                sources.append(self.by_field[field].get(value, []))
            return sources, required
        if required:
            required.sort(key=len)
            return [required[0]], required[1:]
        return None, required

    def ids(self, where, any_of, newest_first: bool, every_id: Iterable[str]) -> Iterator[str]:
        """Matching ids in creation order; ``every_id`` (in that order) answers "no filter"."""
        sources, required = self.buckets(where, any_of)
        if sources is None:
            yield from (reversed(every_id) if newest_first else iter(every_id))
            return
        streams = [reversed(s) if newest_first else iter(s) for s in sources]
        merged = streams[0] if len(streams) == 1 else heapq.merge(*streams, reverse=newest_first)
        last = None
        for seq in merged:
            if seq == last:
                continue
            last = seq
            if all(_contains(r, seq) for r in required):
                yield self.id_at[seq]

    def group_ids(self, field: str, values: Iterable, where: Mapping | None) -> dict[object, list[str]]:
        where = dict(where or {})
        self._check([field, *where])
        required = [self.by_field[f].get(v, []) for f, v in where.items()]
        by_value, id_at = self.by_field[field], self.id_at
        if not required:  # the common case: skip the per-id membership checks
            return {value: [id_at[seq] for seq in reversed(by_value.get(value, ()))] for value in values}
        return {
            value: [id_at[seq] for seq in reversed(by_value.get(value, ()))
                    if all(_contains(r, seq) for r in required)]
            for value in values
        }

    def count(self, where, any_of, total: int) -> int:
        sources, required = self.buckets(where, any_of)
        if sources is None:
            return total
        if len(sources) == 1 and not required:
            return len(sources[0])
        matched = set().union(*sources)
        for seqs in required:
            matched.intersection_update(seqs)
        return len(matched)
