"""TinyDB backend: one JSON file, held in memory, written atomically on flush.

* Durable: ``flush`` writes a temp file in the same folder, fsyncs it,
  ``os.replace``s it over the database and fsyncs the folder, so a crash at any
  instant leaves either the old or the new complete file.
* Cheap flushes: documents are encoded once, at ``put``; a flush joins the
  kept bytes (``EncodedTables``) instead of encoding the whole database again.
  Writes go straight into the in-memory tables: TinyDB's ``Table`` rebuilds a
  whole table dict (twice) on every insert or update.
* Group commit: threads that call ``flush`` while a write is in progress wait
  for it and then find their changes already covered, or write them all at once.
* Thread-safe: one re-entrant lock around every operation.
* No scans: secondary indexes (field -> value -> ordered ids) live in memory.
* One process per file: an exclusive ``flock`` on ``<file>.lock``.
"""
from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager
from itertools import islice
from typing import Iterator, Mapping

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from storage.base import INDEXED_FIELDS, DocumentStore, StorageError
from storage.encoded_tables import EncodedTables
from storage.memory_index import CollectionIndex


def _clone(doc: Mapping) -> dict:
    """A deep copy, so callers never share lists or dicts with the stored data."""
    return orjson.loads(orjson.dumps(doc))


class _StrIdTable(Table):
    """TinyDB table whose document ids are our UUID strings."""

    document_id_class = str


class _MemoryStorage(Storage):
    """TinyDB storage that keeps the data in memory; the store persists it."""

    def __init__(self, data: dict):
        self.data = data

    def read(self):
        return self.data

    def write(self, data):
        self.data = data


class TinyDBStore(DocumentStore):
    kind = "tinydb"

    def __init__(self, path: str):
        self.path = os.path.abspath(path)
        folder = os.path.dirname(self.path)
        os.makedirs(folder, exist_ok=True)
        self._lock_file = self._acquire_process_lock()
        self._lock = threading.RLock()
        self._flush_lock = threading.Lock()
        self._version = 0          # bumped by every write
        self._durable_version = 0  # last version known to be on disk
        self._db = TinyDB(storage=_MemoryStorage, data=self._load())
        self._db.table_class = _StrIdTable
        self._encoded = EncodedTables(self._db.storage.read())
        self._indexes: dict[str, CollectionIndex] = {}
        self._count_memo: dict[tuple, int] = {}
        self._count_memo_version = -1
        for name, fields in INDEXED_FIELDS.items():
            index = self._indexes[name] = CollectionIndex(name, fields)
            for doc_id, doc in self._raw(name).items():
                index.add(doc_id, doc)

    # -- opening -------------------------------------------------------------

    def _acquire_process_lock(self):
        lock_path = self.path + ".lock"
        handle = open(lock_path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise StorageError(
                f"{self.path} is already open in another process. The TinyDB "
                "backend allows one process per file: run a single worker "
                "(threads are fine) or set DATABASE_URL to use PostgreSQL."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        return handle

    def _load(self) -> dict:
        if not os.path.exists(self.path) or os.path.getsize(self.path) == 0:
            return {}
        with open(self.path, "rb") as handle:
            raw = handle.read()
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise StorageError(
                f"{self.path} is not valid JSON ({exc}); refusing to overwrite it"
            ) from None
        if not isinstance(data, dict):
            raise StorageError(f"{self.path} does not hold a TinyDB database")
        return data

    def _writable(self, collection: str) -> dict:
        if collection not in INDEXED_FIELDS:
            raise ValueError(f"unknown collection {collection!r}")
        return self._db.storage.read().setdefault(collection, {})

    def _raw(self, collection: str) -> dict:
        return self._db.storage.read().get(collection, {})

    # -- DocumentStore -------------------------------------------------------

    def get(self, collection, doc_id):
        with self._lock:
            raw = self._raw(collection).get(doc_id)
            return None if raw is None else _clone(raw)

    def put(self, collection, doc_id, doc):
        encoded = orjson.dumps(doc)  # fails here, not at flush, if the doc is not JSON
        doc = orjson.loads(encoded)  # our own deep copy
        with self._lock:
            table = self._writable(collection)
            old = table.get(doc_id)
            index = self._indexes[collection]
            if old is not None:
                index.remove(doc_id, old, forget=False)
            table[doc_id] = doc  # a replaced document keeps its place
            index.add(doc_id, doc)
            self._encoded.set(collection, doc_id, encoded)
            self._version += 1

    def delete(self, collection, doc_id):
        with self._lock:
            old = self._raw(collection).get(doc_id)
            if old is None:
                return False
            del self._writable(collection)[doc_id]
            self._encoded.remove(collection, doc_id)
            self._indexes[collection].remove(doc_id, old, forget=True)
            self._version += 1
            return True

    def find(self, collection, where=None, any_of=None, offset=0, limit=None,
             newest_first=True):
        with self._lock:
            ids = self._indexes[collection].ids(where, any_of, newest_first, self._raw(collection))
            stop = None if limit is None else offset + limit
            raw = self._raw(collection)
            return [_clone(raw[i]) for i in islice(ids, offset, stop)]

    def find_ids(self, collection, where=None, any_of=None):
        with self._lock:
            if any_of is None and where and len(where) == 1:
                # The hot case (a world's stories, entities...): one index bucket.
                (field, value), = where.items()
                return self._indexes[collection].group_ids(field, [value], None)[value]
            return list(self._indexes[collection].ids(where, any_of, True, self._raw(collection)))

    def group_ids(self, collection, field, values, where=None):
        with self._lock:
            return self._indexes[collection].group_ids(field, values, where)

    def count(self, collection, where=None, any_of=None):
        # A union (a user's visible worlds) builds a set per call: keep the
        # answer until the next write.
        key = (collection, tuple(sorted((where or {}).items())),
               tuple(tuple(c.items()) for c in any_of or ()))
        with self._lock:
            if self._count_memo_version != self._version:
                self._count_memo.clear()
                self._count_memo_version = self._version
            if key not in self._count_memo:
                if len(self._count_memo) >= 1024:
                    self._count_memo.clear()
                self._count_memo[key] = self._indexes[collection].count(
                    where, any_of, len(self._raw(collection)))
            return self._count_memo[key]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            yield

    def flush(self):
        with self._lock:
            wanted = self._version
        if self._durable_version >= wanted:
            return
        with self._flush_lock:
            if self._durable_version >= wanted:
                return  # another thread's write covered ours
            with self._lock:
                version = self._version
                pieces = self._encoded.pieces()
            self._write_atomically(pieces)
            self._durable_version = version

    def _write_atomically(self, pieces: list[bytes]) -> None:
        folder = os.path.dirname(self.path)
        tmp_path = f"{self.path}.tmp"
        with open(tmp_path, "wb") as handle:
            handle.writelines(pieces)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_path, self.path)
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def close(self):
        self.flush()
        with self._lock:
            if self._lock_file is not None:
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)
                self._lock_file.close()
                self._lock_file = None
