"""A unit of work's writes, held aside until it commits (the embedded store).

Each staged document keeps its encoded bytes (made once, at ``put``) for the
journal and the file. Reads inside the unit see the staged writes over the
committed data: ``merge_ids`` and ``count_delta`` adjust an index lookup for
them. Savepoints (``mark``/``rollback_to``) undo a nested block's writes.
"""
from __future__ import annotations

from typing import Iterable, Mapping

import orjson

_MISSING = object()


def matches(doc: Mapping, where: Mapping | None, any_of: list[Mapping] | None,
            list_fields: tuple[str, ...]) -> bool:
    """Whether ``doc`` satisfies a ``find`` filter (list fields match by containment)."""
    def has(field, value):
        held = doc.get(field)
        if field in list_fields and isinstance(held, list):
            return value in held
        return held == value and held is not None
    if where and not all(has(f, v) for f, v in where.items()):
        return False
    if any_of and not any(has(f, v) for clause in any_of for f, v in clause.items()):
        return False
    return True


class StagedWrites:
    def __init__(self):
        # collection -> id -> (doc, encoded) or None for a delete, in first-write order
        self.docs: dict[str, dict[str, tuple[dict, bytes] | None]] = {}
        self._undo: list[tuple[str, str, object]] = []

    def __bool__(self) -> bool:
        return any(self.docs.values())

    def put(self, collection: str, doc_id: str, doc: dict, encoded: bytes) -> None:
        self._stage(collection, doc_id, (doc, encoded))

    def delete(self, collection: str, doc_id: str) -> None:
        self._stage(collection, doc_id, None)

    def _stage(self, collection, doc_id, value) -> None:
        table = self.docs.setdefault(collection, {})
        self._undo.append((collection, doc_id, table.get(doc_id, _MISSING)))
        table[doc_id] = value

    def lookup(self, collection: str, doc_id: str):
        """(staged?, document or None)."""
        value = self.docs.get(collection, {}).get(doc_id, _MISSING)
        if value is _MISSING:
            return False, None
        return True, None if value is None else value[0]

    def changed(self, collection: str) -> dict:
        return self.docs.get(collection) or {}

    # -- savepoints ------------------------------------------------------------

    def mark(self) -> int:
        return len(self._undo)

    def rollback_to(self, mark: int) -> None:
        while len(self._undo) > mark:
            collection, doc_id, previous = self._undo.pop()
            table = self.docs[collection]
            if previous is _MISSING:
                del table[doc_id]
            else:
                table[doc_id] = previous

    # -- commit ------------------------------------------------------------------

    def payload(self) -> bytes:
        """The journal record's JSON: the final state of each touched document."""
        ops = []
        for collection, table in self.docs.items():
            name = orjson.dumps(collection)
            for doc_id, value in table.items():
                key = orjson.dumps(doc_id)
                if value is None:
                    ops.append(b'["d",' + name + b"," + key + b"]")
                else:
                    ops.append(b'["p",' + name + b"," + key + b"," + value[1] + b"]")
        return b"[" + b",".join(ops) + b"]"

    # -- reads over the committed data ---------------------------------------------

    def merge_ids(self, collection: str, committed_ids: Iterable[str], seq_of, where, any_of,
                  list_fields, newest_first: bool, offset: int, limit: int | None) -> list[str]:
        """Ids matching the filter once the staged writes apply, in creation order.
        ``committed_ids`` are the committed matches; ``seq_of(id)`` is a committed
        document's creation number, or None (staged new documents are the newest)."""
        staged = self.changed(collection)
        fresh, now_matching = [], set()
        for doc_id, value in staged.items():
            if value is None or not matches(value[0], where, any_of, list_fields):
                continue
            if seq_of(doc_id) is None:
                fresh.append(doc_id)
            else:
                now_matching.add(doc_id)
        ids = [i for i in committed_ids if i not in staged or i in now_matching]
        newly = now_matching.difference(ids)
        if newly:  # committed documents that match only after a staged change keep their place
            ids = sorted([*ids, *newly], key=seq_of, reverse=newest_first)
        ordered = [*reversed(fresh), *ids] if newest_first else [*ids, *fresh]
        stop = None if limit is None else offset + limit
        return ordered[offset:stop]

    def count_delta(self, collection: str, committed_doc, where, any_of, list_fields) -> int:
        """How the staged writes change a committed count (``committed_doc(id)``: the committed version)."""
        delta = 0
        for doc_id, value in self.changed(collection).items():
            before = committed_doc(doc_id)
            was = before is not None and matches(before, where, any_of, list_fields)
            now = value is not None and matches(value[0], where, any_of, list_fields)
            delta += int(now) - int(was)
        return delta
