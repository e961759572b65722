"""The write-ahead journal beside a TinyDB file.

A commit appends one record holding the unit's changes and fsyncs it, so a
commit costs the size of its changes, not of the database. The journal is a
series of segment files ``<db>.journal.<n>`` (``n`` counts up from 1); a
compaction starts a new segment, writes the whole database into the TinyDB
file, then deletes the older segments.

Record layout (little-endian)::

    b"WSJ1" | payload length: u32 | crc32 of (lsn bytes + payload): u32 | lsn: u64 | payload

The payload is JSON: ``[["p", collection, id, document] | ["d", collection, id], ...]``.
Log sequence numbers (lsn) count up by one per record across segments; the
TinyDB file records the last lsn it contains, so replay skips what it holds.

Reading: a record cut short or failing its checksum at the very end of the last
segment is a commit that never finished (so never acknowledged): it is dropped
and the file truncated to the last good record. Anything wrong before that
(a bad record with data after it, a gap in the lsns, a bad older segment) is
corruption: ``JournalCorrupt`` stops start-up rather than load a wrong database.
"""
from __future__ import annotations

import logging
import os
import re
import struct
import zlib
from typing import Iterator

log = logging.getLogger(__name__)

MAGIC = b"WSJ1"
HEADER = struct.Struct("<4sIIQ")
_SEGMENT = re.compile(r"\.journal\.(\d{8})$")


class JournalCorrupt(RuntimeError):
    """The journal is damaged before its last record; loading it could lose data."""


def _checksum(lsn: int, payload: bytes) -> int:
    return zlib.crc32(payload, zlib.crc32(struct.pack("<Q", lsn)))


def encode_record(lsn: int, payload: bytes) -> bytes:
    return HEADER.pack(MAGIC, len(payload), _checksum(lsn, payload), lsn) + payload


def fsync_dir(folder: str) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Journal:
    """Appends records durably; lists and reads segments for replay."""

    def __init__(self, db_path: str):
        self.db_path = db_path
        self.folder = os.path.dirname(db_path)
        self._fd: int | None = None
        self.segment = 0          # number of the segment being appended to
        self.size = 0             # bytes in all segments (drives compaction)
        self._offset = 0          # end of the last good record in the current segment

    # -- files -----------------------------------------------------------------

    def segment_path(self, number: int) -> str:
        return f"{self.db_path}.journal.{number:08d}"

    def segments(self) -> list[int]:
        prefix = os.path.basename(self.db_path)
        numbers = []
        for name in os.listdir(self.folder):
            match = _SEGMENT.search(name)
            if match and name[:match.start()] == prefix:
                numbers.append(int(match.group(1)))
        return sorted(numbers)

    # -- replay ------------------------------------------------------------------

    def replay(self, after_lsn: int) -> Iterator[tuple[int, bytes]]:
        """(lsn, payload) of every record after ``after_lsn``, oldest first.
        Drops a torn last record; raises ``JournalCorrupt`` on anything worse."""
        numbers = self.segments()
        expected = None
        for position, number in enumerate(numbers):
            last_segment = position == len(numbers) - 1
            path = self.segment_path(number)
            with open(path, "rb") as handle:
                data = handle.read()
            offset = 0
            while offset < len(data):
                record = self._parse(data, offset)
                if record is None:
                    if last_segment and self._is_torn_tail(data, offset):
                        log.warning("journal %s: dropped an incomplete last record at byte %d "
                                    "(a commit cut off by a crash; it was never acknowledged)",
                                    path, offset)
                        self._truncate(path, offset)
                        break
                    raise JournalCorrupt(
                        f"journal {path} is damaged at byte {offset} of {len(data)}, before its "
                        "end: the records after it cannot be trusted. Nothing was changed. Restore "
                        "the database folder from a backup, or move this file aside to start "
                        "without the changes it holds.")
                lsn, payload, end = record
                if expected is not None and lsn != expected:
                    raise JournalCorrupt(f"journal {path}: record {lsn} follows {expected - 1} "
                                         "(records are missing); refusing to load")
                expected = lsn + 1
                if lsn > after_lsn:
                    yield lsn, payload
                offset = end

    @staticmethod
    def _parse(data: bytes, offset: int):
        if len(data) - offset < HEADER.size:
            return None
        magic, length, crc, lsn = HEADER.unpack_from(data, offset)
        start = offset + HEADER.size
        end = start + length
        if magic != MAGIC or end > len(data):
            return None
        payload = data[start:end]
        if _checksum(lsn, payload) != crc:
            return None
        return lsn, payload, end

    @staticmethod
    def _is_torn_tail(data: bytes, offset: int) -> bool:
        """A bad record is a torn tail if nothing valid could follow it: it
        claims to run past the end, or it ends the file, or only zeros follow."""
        rest = data[offset:]
        if len(rest) < HEADER.size or not rest.strip(b"\0"):
            return True
        magic, length, _, _ = HEADER.unpack_from(data, offset)
        if magic != MAGIC:
            return False
        end = offset + HEADER.size + length
        return end >= len(data) or not data[end:].strip(b"\0")

    def _truncate(self, path: str, size: int) -> None:
        with open(path, "r+b") as handle:
            handle.truncate(size)
            handle.flush()
            os.fsync(handle.fileno())

    # -- appending -----------------------------------------------------------------

    def open_for_append(self) -> None:
        """Append to the newest segment (creating segment 1 if there is none)."""
        numbers = self.segments()
        self.size = sum(os.path.getsize(self.segment_path(n)) for n in numbers)
        self._open_segment(numbers[-1] if numbers else 1)

    def _open_segment(self, number: int) -> None:
        path = self.segment_path(number)
        created = not os.path.exists(path)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        if created:
            fsync_dir(self.folder)
        if self._fd is not None:
            os.close(self._fd)
        self._fd, self.segment = fd, number
        self._offset = os.fstat(fd).st_size

    def append(self, lsn: int, payload: bytes) -> None:
        """Write one record and fsync it. On any error the segment is cut back
        to its last good record, so a refused commit never reappears later."""
        record = encode_record(lsn, payload)
        try:
            written = os.write(self._fd, record)
            if written != len(record):
                raise OSError(28, "short write to the journal (disk full?)")
            os.fsync(self._fd)
        except OSError:
            try:
                os.ftruncate(self._fd, self._offset)
                os.fsync(self._fd)
            except OSError:
                log.exception("journal: could not cut back a failed append")
                raise JournalCorrupt("the journal could not be repaired after a failed write; "
                                     "restart the server") from None
            raise
        self._offset += len(record)
        self.size += len(record)

    def rotate(self) -> list[int]:
        """Start a new segment; the numbers of the older ones (for deletion once
        a compaction has saved what they hold)."""
        older = [n for n in self.segments() if n <= self.segment]
        self._open_segment(self.segment + 1)
        return older

    def drop(self, numbers: list[int]) -> None:
        for number in numbers:
            path = self.segment_path(number)
            try:
                self.size -= os.path.getsize(path)
                os.remove(path)
            except FileNotFoundError:
                pass
        self.size = max(0, self.size)
        fsync_dir(self.folder)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
