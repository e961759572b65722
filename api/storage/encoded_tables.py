"""The TinyDB file's JSON, kept encoded between flushes.

A flush used to encode the whole database again (about 11 ms at 10,000
documents, under the store's lock, growing with the file). Each document is
already encoded once at ``put`` (to check it is JSON and to copy it), so we keep
those bytes, in blocks of ``BLOCK_SIZE`` documents: a flush re-joins only the
blocks that changed and hands the rest to the file as they are. The result is
exactly what ``orjson.dumps(data)`` gives.
"""
from __future__ import annotations

import orjson

BLOCK_SIZE = 256  # documents per block: small enough to re-join in microseconds


class _EncodedTable:
    """One collection's ``b'"id":{...}'`` fragments, in the table's own order
    (a replaced document keeps its place, a new one goes last)."""

    def __init__(self):
        self.blocks: list[dict[str, bytes]] = []
        self.joined: list[bytes | None] = []  # a block's bytes, until it changes
        self.block_of: dict[str, int] = {}

    def set(self, doc_id: str, fragment: bytes) -> None:
        index = self.block_of.get(doc_id)
        if index is None:
            if not self.blocks or len(self.blocks[-1]) >= BLOCK_SIZE:
                self.blocks.append({})
                self.joined.append(None)
            index = self.block_of[doc_id] = len(self.blocks) - 1
        self.blocks[index][doc_id] = fragment
        self.joined[index] = None

    def remove(self, doc_id: str) -> None:
        index = self.block_of.pop(doc_id)
        del self.blocks[index][doc_id]
        self.joined[index] = None

    def pieces(self) -> list[bytes]:
        pieces = []
        for index, block in enumerate(self.blocks):
            if not block:
                continue
            joined = self.joined[index]
            if joined is None:
                joined = self.joined[index] = b",".join(block.values())
            pieces += (b",", joined)
        return pieces[1:]


class EncodedTables:
    """Every collection's encoded documents. Not thread-safe: the store calls
    it under its lock."""

    def __init__(self, data: dict):
        self._tables: dict[str, _EncodedTable] = {}
        for name, table in data.items():
            encoded = self._tables[name] = _EncodedTable()
            for doc_id, doc in table.items():
                encoded.set(doc_id, _fragment(doc_id, orjson.dumps(doc)))

    def set(self, collection: str, doc_id: str, encoded_doc: bytes) -> None:
        table = self._tables.get(collection)
        if table is None:
            table = self._tables[collection] = _EncodedTable()
        table.set(doc_id, _fragment(doc_id, encoded_doc))

    def remove(self, collection: str, doc_id: str) -> None:
        self._tables[collection].remove(doc_id)

    def pieces(self) -> list[bytes]:
        """The whole file as byte strings to write one after the other."""
        pieces = [b"{"]
        for position, (name, table) in enumerate(self._tables.items()):
            pieces += (b"," if position else b"", orjson.dumps(name), b":{", *table.pieces(), b"}")
        pieces.append(b"}")
        return pieces


def _fragment(doc_id: str, encoded_doc: bytes) -> bytes:
    return orjson.dumps(doc_id) + b":" + encoded_doc
