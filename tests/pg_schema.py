"""PostgreSQL for tests: is it there, and a fresh schema per test run.

``DATABASE_TEST_URL`` (default ``postgresql://postgres@127.0.0.1:5432/test``)
names the server. Each ``fresh_schema()`` creates a uniquely named schema and
drops it afterwards, so parallel runs never see each other's data. Without a
reachable server PostgreSQL tests skip, saying why, except under ``CI=true``
where they fail: CI has the server, so its absence is a broken set-up.
"""
from __future__ import annotations

import functools
import os
import uuid
from contextlib import contextmanager
from typing import Iterator

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

PG_URL = os.environ.get("DATABASE_TEST_URL") or "postgresql://postgres@127.0.0.1:5432/test"


@functools.cache
def unreachable_reason() -> str | None:
    """None if PostgreSQL answers, else why not (checked once per session)."""
    try:
        with psycopg.connect(PG_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return str(exc).strip() or type(exc).__name__
    return None


def require_postgres() -> None:
    reason = unreachable_reason()
    if reason is None:
        return
    message = f"PostgreSQL at {PG_URL} is unreachable: {reason}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true: PostgreSQL tests must run)", pytrace=False)
    pytest.skip(f"{message}; set DATABASE_TEST_URL to run the PostgreSQL tests")


@contextmanager
def fresh_schema() -> Iterator[str]:
    """A connection string whose search_path is a new, empty schema."""
    require_postgres()
    schema = f"ws_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield make_conninfo(PG_URL, options=f"-c search_path={schema}")
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
