"""TinyDB backend: one JSON file held in memory, a write-ahead journal beside it.

* Units of work: a unit's writes are staged (``StagedWrites``) and seen only by
  the unit until it commits; a unit that raises leaves nothing behind. The
  write lock is taken at the unit's first read or write and held to its end,
  so units are serialisable; readers outside units take only the short state
  lock and see committed data.
* Durable, O(1) commits: a commit appends one checksummed record to the journal
  and fsyncs it (``storage/journal.py``) before the changes become visible.
  A failed append (disk full) is cut back and answered with ``StorageError``:
  nothing refused is ever persisted later.
* Compaction writes the whole database to the TinyDB file (temp file, fsync,
  ``os.replace``, fsync of the folder) in a background thread once the journal
  outgrows the file, on clean shutdown and on ``python api/main.py compact``.
  Writers wait only while it snapshots the already-encoded documents
  (``EncodedTables``) and starts a new journal segment.
* The file is a plain TinyDB database: one object per collection mapping ids to
  documents, plus a ``_worldsmith`` table recording the last journal record it
  includes. Start-up loads it and replays the newer journal records.
* No scans: secondary indexes (field -> value -> ordered ids) live in memory, and
  so does the full-text index of the models' ``search_fields``
  (``storage/search_index.py``), built at load and updated at each commit.
* One process per file: an exclusive ``flock`` on ``<file>.lock``.
* Blobs are files in ``<file>.blobs/``, made durable around the journal record
  of their unit (``storage/blob_files.py``).
"""
from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from contextlib import contextmanager
from itertools import islice
from typing import Iterator

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from storage.base import (BlobExists, DocumentStore, Registry, SearchHits, StorageError, check_blob_key,
                          check_search_filter, search_terms)
from storage.blob_files import BlobFolder, StagedBlobs
from storage.encoded_tables import EncodedTables
from storage.journal import Journal, JournalCorrupt, fsync_dir
from storage.memory_index import CollectionIndex
from storage.search_index import SearchIndex, Vocabulary
from storage.staging import StagedWrites, matches

log = logging.getLogger(__name__)

META_TABLE = "_worldsmith"       # TinyDB table holding the journal position
META_ID = "journal"
LOCK_TIMEOUT = 30.0              # seconds a unit waits for the write lock
DEFAULT_COMPACT_BYTES = 16 * 1024 * 1024


def _clone(doc) -> dict:
    """A deep copy, so callers never share lists or dicts with the stored data."""
    return orjson.loads(orjson.dumps(doc))


def _passes(doc: dict, clauses: list[dict[str, frozenset]]) -> bool:
    """Whether ``doc`` passes a search filter (``check_search_filter``): for one clause,
    each field holds an accepted value (a list field: one of its items is)."""
    for clause in clauses:
        for field, wanted in clause.items():
            value = doc.get(field)
            if isinstance(value, list):
                if not any(item in wanted for item in value if isinstance(item, (str, int, float))):
                    break
            elif value is None or isinstance(value, dict) or value not in wanted:
                break
        else:
            return True
    return False


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

    def __init__(self, path: str, registry: Registry, compact_bytes: int = DEFAULT_COMPACT_BYTES):
        super().__init__(registry)
        self.path = os.path.abspath(path)
        self.folder = os.path.dirname(self.path)
        os.makedirs(self.folder, exist_ok=True)
        self.compact_bytes = compact_bytes
        self._lock_file = self._acquire_process_lock()
        self._write_lock = threading.Lock()    # held by the unit that may write
        self._state_lock = threading.RLock()   # guards the committed data's structures
        self._compacting = threading.Lock()
        self._compactor: threading.Thread | None = None
        self._failed: str | None = None        # set when the journal can no longer be trusted
        self.longest_compaction_pause = 0.0    # seconds writers waited for a snapshot
        data, self._lsn = self._load()
        self._db = TinyDB(storage=_MemoryStorage, data=data)
        self._db.table_class = _StrIdTable
        self._indexes = {name: CollectionIndex(name, self.indexed_fields(name)) for name in self.registry}
        self._vocabulary = Vocabulary()
        self._search = {name: SearchIndex(self._vocabulary, *self.search_fields(name))
                        for name in self.registry if self.searchable(name)}
        for name in self.registry:
            for doc_id, doc in self._raw(name).items():
                self._indexes[name].add(doc_id, doc)
        started = time.perf_counter()
        self._vocabulary.bulk()
        for name, search in self._search.items():
            seq_of = self._indexes[name].seq_of
            for doc_id, doc in self._raw(name).items():
                search.add(seq_of[doc_id], doc)
        self.search_build_seconds = time.perf_counter() - started   # for the benchmark
        self._encoded = EncodedTables(self._data)
        self._journal = Journal(self.path)
        try:
            self._replay()
            self._journal.open_for_append()
        except JournalCorrupt as exc:
            self._release_process_lock()
            raise StorageError(str(exc)) from None
        self._blobs = BlobFolder(self.path)
        self._count_memo: dict[tuple, int] = {}
        self._count_memo_lsn = -1
        # Join every block now: the first compaction would otherwise do it while
        # writers wait (about 40 ms at 100k documents instead of 1-3 ms).
        self._encoded.pieces()

    # -- opening -------------------------------------------------------------

    def _acquire_process_lock(self):
        handle = open(self.path + ".lock", "a+")
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

    def _release_process_lock(self) -> None:
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    def _load(self) -> tuple[dict, int]:
        if not os.path.exists(self.path) or os.path.getsize(self.path) == 0:
            return {}, 0
        with open(self.path, "rb") as handle:
            raw = handle.read()
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            self._release_process_lock()
            raise StorageError(f"{self.path} is not valid JSON ({exc}); refusing to overwrite it") from None
        if not isinstance(data, dict):
            self._release_process_lock()
            raise StorageError(f"{self.path} does not hold a TinyDB database")
        meta = data.pop(META_TABLE, {}).get(META_ID, {})
        return data, int(meta.get("lsn", 0))

    def _replay(self) -> None:
        replayed = 0
        for lsn, payload in self._journal.replay(after_lsn=self._lsn):
            for op in orjson.loads(payload):
                if op[0] == "p":
                    self._apply_put(op[1], op[2], op[3], orjson.dumps(op[3]))
                else:
                    self._apply_delete(op[1], op[2])
            self._lsn = lsn
            replayed += 1
        if replayed:
            log.info("%s: replayed %d journal records", self.path, replayed)

    @property
    def _data(self) -> dict:
        return self._db.storage.read()

    def _raw(self, collection: str) -> dict:
        self._model(collection)
        return self._data.get(collection, {})

    # -- committed state (callers hold the write lock, or the state lock to read) --

    def _apply_put(self, collection: str, doc_id: str, doc: dict, encoded: bytes) -> None:
        if collection not in self.registry:
            raise JournalCorrupt(f"journal names an unknown collection {collection!r}")
        table = self._data.setdefault(collection, {})
        index, search = self._indexes[collection], self._search.get(collection)
        old = table.get(doc_id)
        if old is not None:
            index.remove(doc_id, old, forget=False)
        table[doc_id] = doc  # a replaced document keeps its place
        index.add(doc_id, doc)
        if search is not None:
            if old is None:
                search.add(index.seq_of[doc_id], doc)
            else:
                search.replace(index.seq_of[doc_id], old, doc)
        self._encoded.set(collection, doc_id, encoded)

    def _apply_delete(self, collection: str, doc_id: str) -> None:
        table = self._data.get(collection, {})
        old = table.pop(doc_id, None)
        if old is not None:
            self._encoded.remove(collection, doc_id)
            index, search = self._indexes[collection], self._search.get(collection)
            if search is not None:
                search.remove(index.seq_of[doc_id], old)
            index.remove(doc_id, old, forget=True)

    # -- units of work -------------------------------------------------------------

    def _staged(self) -> StagedWrites | None:
        """This thread's staged writes, taking the write lock on first use in a unit."""
        if self._unit() is None:
            return None
        staged = getattr(self._units, "staged", None)
        if staged is None:
            if self._failed:
                raise StorageError(self._failed)
            if not self._write_lock.acquire(timeout=LOCK_TIMEOUT):
                raise StorageError(f"the database stayed busy for {LOCK_TIMEOUT:g}s; try again")
            staged = self._units.staged = StagedWrites()
            self._units.blobs = StagedBlobs(self._blobs)
        return staged

    def _staged_blobs(self) -> StagedBlobs | None:
        """This thread's staged blob writes (taking the write lock), or None outside units."""
        return None if self._staged() is None else self._units.blobs

    def _end_unit(self) -> tuple[StagedWrites | None, StagedBlobs | None]:
        staged, blobs = getattr(self._units, "staged", None), getattr(self._units, "blobs", None)
        self._units.staged = self._units.blobs = None
        return staged, blobs

    def _commit(self) -> None:
        staged, blobs = self._end_unit()
        if staged is None:
            return
        try:
            published = self._publish(blobs)
            if staged:
                try:
                    self._make_durable(staged)
                except BaseException:
                    self._blobs.unpublish(published)
                    raise
            self._blobs.finish(blobs)
        except BaseException:
            self._blobs.discard(blobs)
            raise
        finally:
            self._write_lock.release()
        self._maybe_compact()

    def _publish(self, blobs: StagedBlobs) -> list[str]:
        """New blobs' files in place before the journal names them (see ``blob_files``)."""
        if not blobs:
            return []
        try:
            return self._blobs.publish(blobs)
        except OSError as exc:
            log.error("%s: could not write blobs: %s", self.path, exc)
            raise StorageError(f"the database could not be written ({exc.strerror or exc}); "
                               "nothing was saved") from None

    def _make_durable(self, staged: StagedWrites) -> None:
        lsn = self._lsn + 1
        try:
            self._journal.append(lsn, staged.payload())
        except JournalCorrupt as exc:
            self._failed = str(exc)
            raise StorageError(self._failed) from None
        except OSError as exc:
            log.error("%s: could not write the journal: %s", self.path, exc)
            raise StorageError(f"the database could not be written ({exc.strerror or exc}); "
                               "nothing was saved") from None
        with self._state_lock:
            for collection, table in staged.docs.items():
                for doc_id, value in table.items():
                    if value is None:
                        self._apply_delete(collection, doc_id)
                    else:
                        self._apply_put(collection, doc_id, value[0], value[1])
            self._lsn = lsn

    def _rollback(self) -> None:
        staged, blobs = self._end_unit()
        if staged is not None:
            self._blobs.discard(blobs)
            self._write_lock.release()

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        staged = self._staged()
        blobs = self._units.blobs
        mark, blob_mark = staged.mark(), blobs.mark()
        try:
            yield
        except BaseException:
            staged.rollback_to(mark)
            blobs.rollback_to(blob_mark)
            raise

    # -- reading ---------------------------------------------------------------

    @contextmanager
    def _view(self) -> Iterator[StagedWrites | None]:
        """The staged writes to read over (in a unit), else the state lock."""
        staged = self._staged()
        if staged is not None:
            yield staged
        else:
            with self._state_lock:
                yield None

    def get(self, collection, doc_id):
        with self._view() as staged:
            if staged is not None:
                found, doc = staged.lookup(collection, doc_id)
                if found:
                    return None if doc is None else _clone(doc)
            raw = self._raw(collection).get(doc_id)
            return None if raw is None else _clone(raw)

    def _ids(self, collection, where, any_of, newest_first, staged, offset=0, limit=None):
        index = self._indexes[collection]
        committed = index.ids(where, any_of, newest_first, self._raw(collection))
        if staged is None or not staged.changed(collection):
            stop = None if limit is None else offset + limit
            return list(islice(committed, offset, stop))
        return staged.merge_ids(collection, committed, index.seq_of.get, where, any_of,
                                self.list_fields(collection), newest_first, offset, limit)

    def find(self, collection, where=None, any_of=None, offset=0, limit=None, newest_first=True):
        with self._view() as staged:
            ids = self._ids(collection, where, any_of, newest_first, staged, offset, limit)
            if staged:
                return [self.get(collection, i) for i in ids]
            raw = self._raw(collection)
            return _clone([raw[i] for i in ids])  # one deep copy of the page, not one per document

    def find_ids(self, collection, where=None, any_of=None):
        with self._view() as staged:
            if (staged is None or not staged.changed(collection)) and any_of is None \
                    and where and len(where) == 1:
                # The hot case (a world's stories, entities...): one index bucket.
                (field, value), = where.items()
                return self._indexes[collection].group_ids(field, [value], None)[value]
            return self._ids(collection, where, any_of, True, staged)

    def group_ids(self, collection, field, values, where=None):
        with self._view() as staged:
            if staged is None or not staged.changed(collection):
                return self._indexes[collection].group_ids(field, values, where)
            return {value: self._ids(collection, {**(where or {}), field: value}, None, True, staged)
                    for value in values}

    def count(self, collection, where=None, any_of=None):
        with self._view() as staged:
            total = self._committed_count(collection, where, any_of)
            if staged is not None and staged.changed(collection):
                raw = self._raw(collection)
                total += staged.count_delta(collection, raw.get, where, any_of,
                                            self.list_fields(collection))
            return total

    def search(self, collection, query, any_of=None, limit=50):
        """Ranked in the in-memory index (``storage/search_index.py``), committed
        documents only: inside a unit its own staged writes are not searched."""
        return self._searching(collection, query, any_of, limit, similar=False)

    def similar(self, collection, query, any_of=None, limit=50):
        return self._searching(collection, query, any_of, limit, similar=True)

    def _searching(self, collection, query, any_of, limit, similar: bool) -> SearchHits:
        self._model(collection)
        clauses = check_search_filter(any_of)
        terms = search_terms(query)
        search = self._search.get(collection)
        if search is None or not terms.words or clauses == [] or limit <= 0:
            return SearchHits([], 0)
        with self._state_lock:
            raw, id_at = self._raw(collection), self._indexes[collection].id_at
            accept = None if clauses is None else (lambda seq: _passes(raw[id_at[seq]], clauses))
            if similar:
                ranked, total = search.title_trigrams.similar(query, accept, limit)
                return SearchHits([(id_at[seq], score) for seq, score in ranked], total)
            ranked, total, exact = search.search(terms, accept, limit)
            return SearchHits([(id_at[seq], score) for seq, score in ranked], total, exact)

    def commit_marker(self):
        """The last commit's journal number: every commit adds one, and nothing
        else changes what readers see. None inside a unit (its staged writes)."""
        return None if self._unit() is not None else self._lsn

    def _committed_count(self, collection, where, any_of) -> int:
        # A union (a user's visible worlds) builds a set per call: keep the
        # answer until the next commit.
        key = (collection, tuple(sorted((where or {}).items())),
               tuple(tuple(c.items()) for c in any_of or ()))
        if self._count_memo_lsn != self._lsn:
            self._count_memo.clear()
            self._count_memo_lsn = self._lsn
        if key not in self._count_memo:
            if len(self._count_memo) >= 1024:
                self._count_memo.clear()
            self._count_memo[key] = self._indexes[collection].count(
                where, any_of, len(self._raw(collection)))
        return self._count_memo[key]

    # -- writing ---------------------------------------------------------------

    def put(self, collection, doc_id, doc):
        self._model(collection)
        encoded = orjson.dumps(doc)  # fails here, not at commit, if the doc is not JSON
        doc = orjson.loads(encoded)  # our own deep copy
        with self._lone_write():
            self._staged().put(collection, doc_id, doc, encoded)

    def delete(self, collection, doc_id):
        with self._lone_write():
            existed = self.get(collection, doc_id) is not None
            if existed:
                self._staged().delete(collection, doc_id)
            return existed

    # -- blobs ---------------------------------------------------------------------

    def _blob_exists(self, key: str) -> bool:
        """Whether the blob exists as this thread sees it (its unit's writes over the files)."""
        blobs = self._staged_blobs()
        if blobs is not None:
            staged, temp = blobs.lookup(key)
            if staged:
                return temp is not None
        return self._blobs.exists(key)

    def put_blob(self, key, data):
        check_blob_key(key)
        data = bytes(data)
        with self._lone_write():
            blobs = self._staged_blobs()
            if blobs.lookup(key)[0] or self._blobs.exists(key):   # even a key deleted in this unit
                raise BlobExists(f"blob {key!r} exists")
            try:
                blobs.put(key, data)
            except OSError as exc:
                raise StorageError(f"the blob could not be written ({exc.strerror or exc}); "
                                   "nothing was saved") from None

    def get_blob(self, key):
        check_blob_key(key)
        blobs = self._staged_blobs()
        if blobs is not None:
            staged, temp = blobs.lookup(key)
            if staged:
                return None if temp is None else self._blobs.read_file(temp)
        return self._blobs.read(key)

    def delete_blob(self, key):
        check_blob_key(key)
        with self._lone_write():
            existed = self._blob_exists(key)
            if existed:
                self._staged_blobs().delete(key)
            return existed

    def blob_keys(self):
        return self._blobs.keys()

    # -- compaction --------------------------------------------------------------

    def _maybe_compact(self) -> None:
        """Compact in the background once the journal outgrows the file."""
        if self._journal.size < max(self.compact_bytes, self._file_size()):
            return
        if self._compactor is not None and self._compactor.is_alive():
            return
        self._compactor = threading.Thread(target=self._compact_quietly, name="tinydb-compact",
                                           daemon=True)
        self._compactor.start()

    def _file_size(self) -> int:
        try:
            return os.path.getsize(self.path)
        except OSError:
            return 0

    def _compact_quietly(self) -> None:
        try:
            self.compact()
        except Exception:  # the journal still holds everything; try again later
            log.exception("%s: compaction failed", self.path)

    def compact(self) -> dict:
        """Write the whole database into the TinyDB file and drop the journal
        segments it now holds. Writers wait only for the snapshot."""
        with self._compacting:
            started = time.perf_counter()
            if not self._write_lock.acquire(timeout=LOCK_TIMEOUT):
                raise StorageError("the database stayed busy; compaction postponed")
            paused = time.perf_counter()
            try:
                with self._state_lock:
                    lsn = self._lsn
                    self._encoded.set(META_TABLE, META_ID, orjson.dumps({"lsn": lsn, "format": 1}))
                    pieces = self._encoded.pieces()
                older = self._journal.rotate()
            finally:
                self._write_lock.release()
                pause = time.perf_counter() - paused
                self.longest_compaction_pause = max(self.longest_compaction_pause, pause)
            self._write_file(pieces)
            self._journal.drop(older)
            report = {"lsn": lsn, "seconds": time.perf_counter() - started, "pause_seconds": pause,
                      "bytes": self._file_size()}
            log.info("%s: compacted to %d bytes (journal record %d) in %.0f ms; writers waited %.1f ms",
                     self.path, report["bytes"], lsn, report["seconds"] * 1000, pause * 1000)
            return report

    def _write_file(self, pieces: list[bytes]) -> None:
        tmp_path = f"{self.path}.tmp"
        try:
            with open(tmp_path, "wb") as handle:
                handle.writelines(pieces)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError:
            os.remove(tmp_path)  # a full disk: give the space back to the journal
            raise
        os.replace(tmp_path, self.path)
        fsync_dir(self.folder)

    @property
    def journal_bytes(self) -> int:
        return self._journal.size

    def close(self):
        """Finish a running compaction, compact what the journal holds (a clean
        shutdown leaves a plain TinyDB file), release the file."""
        if self._lock_file is None:
            return
        if self._compactor is not None:
            self._compactor.join()
        if self._journal.size and not self._failed:
            try:
                self.compact()
            except (OSError, StorageError):
                log.exception("%s: compaction at shutdown failed; the journal keeps the data", self.path)
        self._journal.close()
        self._release_process_lock()
