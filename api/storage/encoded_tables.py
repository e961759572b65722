"""The TinyDB file's JSON, kept encoded piece by piece between flushes.

A flush used to encode the whole database again (about 11 ms at 10,000
documents, under the store's lock, growing with the file). Each document is
already encoded once at ``put`` (to check it is JSON and to copy it), so we keep
those bytes: a flush then only joins the pieces of the collections that
changed. The result is exactly what ``orjson.dumps(data)`` gives.
"""
from __future__ import annotations

import orjson


def _fragment(doc_id: str, encoded_doc: bytes) -> bytes:
    return orjson.dumps(doc_id) + b":" + encoded_doc


class EncodedTables:
    """``collection -> doc_id -> b'"id":{...}'``, in the data's own order.

    Not thread-safe: the store calls it under its lock.
    """

    def __init__(self, data: dict):
        self._fragments: dict[str, dict[str, bytes]] = {
            name: {doc_id: _fragment(doc_id, orjson.dumps(doc)) for doc_id, doc in table.items()}
            for name, table in data.items()
        }
        self._joined: dict[str, bytes] = {}  # collection -> its encoded table, until it changes

    def set(self, collection: str, doc_id: str, encoded_doc: bytes) -> None:
        self._fragments.setdefault(collection, {})[doc_id] = _fragment(doc_id, encoded_doc)
        self._joined.pop(collection, None)

    def remove(self, collection: str, doc_id: str) -> None:
        del self._fragments[collection][doc_id]
        self._joined.pop(collection, None)

    def pieces(self) -> list[bytes]:
        """The whole file as byte strings to write one after the other."""
        pieces = [b"{"]
        for position, (name, fragments) in enumerate(self._fragments.items()):
            joined = self._joined.get(name)
            if joined is None:
                joined = self._joined[name] = b"{" + b",".join(fragments.values()) + b"}"
            pieces += [b"," if position else b"", orjson.dumps(name), b":", joined]
        pieces.append(b"}")
        return pieces
