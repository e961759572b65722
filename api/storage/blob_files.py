"""Blobs of the TinyDB backend: one file per blob in ``<db file>.blobs/``.

A unit's ``put_blob`` writes the bytes at once to a temporary file in that
folder (``.tmp-<random>``, fsync'd), so a large upload is not held in memory;
``StagedBlobs`` records what the unit did. The store commits in this order:

1. ``publish``: each new blob's temporary file is renamed to its key and the
   folder fsync'd, *before* the journal record naming it is written;
2. the journal record (the unit's documents);
3. ``finish``: the files of deleted blobs are removed, *after* that record.

So a crash at any point leaves no committed document without its blob: at
worst a blob no document names (a file the next delete or a sweep can drop).
A failed journal write removes the files ``publish`` made (their keys are new:
blobs are written once, so nothing older is lost). A unit that rolls back
removes its temporary files; so does opening the store, for units a crash cut
short.
"""
from __future__ import annotations

import logging
import os
import uuid

from storage.base import BlobExists, check_blob_key
from storage.journal import fsync_dir

log = logging.getLogger(__name__)

TEMP_PREFIX = ".tmp-"
_DELETED = None
_MISSING = object()


class StagedBlobs:
    """One unit's blob writes: key -> temporary file (a put) or None (a delete)."""

    def __init__(self, folder: "BlobFolder"):
        self.folder = folder
        self.changes: dict[str, str | None] = {}
        self.temp_files: list[str] = []     # every file this unit wrote, undone or not
        self._undo: list[tuple[str, object]] = []

    def __bool__(self) -> bool:
        return bool(self.changes)

    def lookup(self, key: str):
        """(staged?, temporary file or None for a delete)."""
        if key in self.changes:
            return True, self.changes[key]
        return False, None

    def put(self, key: str, data: bytes) -> None:
        if key in self.changes:
            raise BlobExists(f"blob {key!r} was already written or deleted in this unit")
        path = self.folder.write_temp(data)
        self.temp_files.append(path)
        self._stage(key, path)

    def delete(self, key: str) -> None:
        self._stage(key, _DELETED)

    def _stage(self, key: str, value) -> None:
        self._undo.append((key, self.changes.get(key, _MISSING)))
        self.changes[key] = value

    def mark(self) -> int:
        return len(self._undo)

    def rollback_to(self, mark: int) -> None:
        while len(self._undo) > mark:
            key, previous = self._undo.pop()
            if previous is _MISSING:
                del self.changes[key]
            else:
                self.changes[key] = previous


class BlobFolder:
    def __init__(self, db_path: str):
        self.path = f"{db_path}.blobs"
        self._sweep()

    def _sweep(self) -> None:
        """Remove temporary files of units a crash cut short (never committed)."""
        try:
            names = os.listdir(self.path)
        except FileNotFoundError:
            return
        for name in names:
            if name.startswith(TEMP_PREFIX):
                self._remove(os.path.join(self.path, name))

    def file(self, key: str) -> str:
        return os.path.join(self.path, check_blob_key(key))

    def exists(self, key: str) -> bool:
        return os.path.exists(self.file(key))

    def read(self, key: str) -> bytes | None:
        return self.read_file(self.file(key))

    @staticmethod
    def read_file(path: str) -> bytes | None:
        try:
            with open(path, "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def keys(self) -> list[str]:
        try:
            return sorted(n for n in os.listdir(self.path) if not n.startswith("."))
        except FileNotFoundError:
            return []

    def write_temp(self, data: bytes) -> str:
        """The bytes in a new fsync'd temporary file of the folder (renamed at commit)."""
        os.makedirs(self.path, exist_ok=True)
        path = os.path.join(self.path, f"{TEMP_PREFIX}{uuid.uuid4().hex}")
        try:
            with open(path, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError:
            self._remove(path)   # a full disk: give the space back
            raise
        return path

    # -- commit ------------------------------------------------------------------

    def publish(self, staged: StagedBlobs) -> list[str]:
        """Step 1 of a commit: rename the unit's new blobs into place; their paths.
        Raises OSError (having removed what it renamed) if that fails."""
        published = []
        try:
            for key, temp in staged.changes.items():
                if temp is _DELETED:
                    continue
                final = self.file(key)
                if os.path.exists(final):   # another unit took the key since (it held the lock: no)
                    raise BlobExists(f"blob {key!r} exists")
                os.rename(temp, final)
                published.append(final)
            if published:
                fsync_dir(self.path)
        except (OSError, BlobExists):
            self.unpublish(published)
            raise
        return published

    def unpublish(self, published: list[str]) -> None:
        """The journal write failed: the new blobs' files go (their keys were new)."""
        for path in published:
            self._remove(path)

    def finish(self, staged: StagedBlobs) -> None:
        """Step 3: remove deleted blobs' files and every leftover temporary file."""
        removed = False
        for key, temp in staged.changes.items():
            if temp is _DELETED:
                removed = self._remove(self.file(key)) or removed
        self.discard(staged)
        if removed:
            try:
                fsync_dir(self.path)
            except OSError:
                log.warning("%s: could not fsync the blob folder", self.path, exc_info=True)

    def discard(self, staged: StagedBlobs) -> None:
        """Remove the unit's temporary files (all of them on a rollback; the rest after a commit)."""
        for path in staged.temp_files:
            self._remove(path)

    @staticmethod
    def _remove(path: str) -> bool:
        try:
            os.remove(path)
            return True
        except FileNotFoundError:
            return False
        except OSError:  # the data is safe either way: a file no document names is only waste
            log.warning("could not remove %s", path, exc_info=True)
            return False
