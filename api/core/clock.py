"""Ids and timestamps in the API's formats, and the clock they are read from.

``now()`` is the one source of the current time for timestamps and for
anything that expires (the trash). A test moves it with ``shifted(timedelta)``
(or a service takes its own ``now`` callable), so "31 days later" needs no
sleeping.
"""
from __future__ import annotations

import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Iterator

_offset = timedelta(0)


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    """The current time, UTC (aware), plus any offset a test set with ``shifted``."""
    return datetime.now(timezone.utc) + _offset


def iso(moment: datetime) -> str:
    """ISO 8601 UTC with a ``Z`` suffix, millisecond precision."""
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    """The instant of an ``iso`` timestamp (aware, UTC)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def utc_now() -> str:
    """``now()`` as ISO 8601 UTC with a ``Z`` suffix, millisecond precision."""
    return iso(now())


@contextmanager
def shifted(delta: timedelta) -> Iterator[None]:
    """Within the block, ``now()`` (and ``utc_now()``) read ``delta`` later (tests)."""
    global _offset
    before = _offset
    _offset = before + delta
    try:
        yield
    finally:
        _offset = before
