"""What only the PostgreSQL backend promises: units of work that commit or roll
back, several processes on one database, schema creation under concurrency."""
from __future__ import annotations

import socket
import threading

import psycopg
import pytest

from pg_schema import fresh_schema
from storage import StorageError
from storage.postgres_schema import ensure_schema

pytestmark = pytest.mark.postgres


@pytest.fixture
def url():
    with fresh_schema() as url:
        yield url


@pytest.fixture
def stores(url):
    """Two stores on one database: what two worker processes see."""
    from storage.postgres_store import PostgresStore
    opened = [PostgresStore(url, pool_size=3), PostgresStore(url, pool_size=3)]
    yield opened
    for store in opened:
        store.close()


def user(n: int) -> dict:
    return {"user_id": f"u{n}", "username_key": f"name{n}", "role": "user"}


def test_a_unit_of_work_is_invisible_until_flushed(stores):
    mine, other = stores
    mine.begin()
    mine.put("users", "u1", user(1))
    with mine.transaction():
        mine.put("users", "u2", user(2))
    assert mine.get("users", "u1") == user(1)  # the unit reads its own writes
    assert other.get("users", "u1") is None
    assert other.count("users") == 0
    mine.flush()
    assert other.count("users") == 2
    mine.rollback()  # ends the unit: no-op after the flush
    assert other.count("users") == 2


def test_rollback_discards_the_whole_unit(stores):
    mine, other = stores
    mine.put("users", "u0", user(0))  # outside a unit: committed at once
    assert other.get("users", "u0") == user(0)
    mine.begin()
    mine.put("users", "u1", user(1))
    mine.delete("users", "u0")
    mine.rollback()
    mine.flush()
    assert [d["user_id"] for d in other.find("users")] == ["u0"]


def test_a_failed_block_inside_a_unit_undoes_only_itself(stores):
    mine, other = stores
    mine.begin()
    mine.put("users", "u1", user(1))
    with pytest.raises(RuntimeError):
        with mine.transaction():
            mine.put("users", "u2", user(2))
            raise RuntimeError("quota exceeded")
    mine.flush()
    mine.rollback()
    assert other.find_ids("users") == ["u1"]


def test_a_failed_transaction_outside_a_unit_writes_nothing(stores):
    mine, other = stores
    with pytest.raises(RuntimeError):
        with mine.transaction():
            mine.put("users", "u1", user(1))
            raise RuntimeError("boom")
    assert other.count("users") == 0
    with mine.transaction():
        mine.put("users", "u2", user(2))
    assert other.find_ids("users") == ["u2"]


def test_flush_refuses_to_report_success_for_a_failed_transaction(stores):
    mine, other = stores
    mine.begin()
    mine.put("users", "u1", user(1))
    with pytest.raises(psycopg.Error):  # PostgreSQL cannot store NUL in JSONB
        mine.put("users", "u2", {**user(2), "bio": "nul \x00 char"})
    with pytest.raises(StorageError):
        mine.flush()
    mine.rollback()
    assert other.count("users") == 0
    mine.put("users", "u3", user(3))  # the store is usable again
    assert other.find_ids("users") == ["u3"]


def test_schema_creation_is_safe_when_many_processes_start_at_once(url):
    results, errors, barrier = [], [], threading.Barrier(4)

    def start():
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                barrier.wait(timeout=10)
                results.append(ensure_schema(conn))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == [False, False, False, True]
    with psycopg.connect(url) as conn:
        assert ensure_schema(conn) is False
        indexes = {r[0] for r in conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}
    assert {"ws_worlds_owner_id_idx", "ws_worlds_shared_with_gin", "ws_stories_world_id_idx"} <= indexes


def test_an_unreachable_server_is_a_clear_error_without_the_password():
    from storage.postgres_store import PostgresStore
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql://someone:s3cret-pw@127.0.0.1:{port}/nothing"
    with pytest.raises(StorageError) as raised:
        PostgresStore(url, connect_timeout=1)
    assert "cannot connect to PostgreSQL" in str(raised.value)
    assert "s3cret-pw" not in str(raised.value)


def test_a_flush_inside_a_block_waits_for_the_block(stores):
    mine, other = stores
    mine.begin()
    with mine.transaction():
        mine.put("users", "u1", user(1))
        mine.flush()  # e.g. a service flushing while a caller's block is open
        assert other.count("users") == 0
        mine.put("users", "u2", user(2))
    mine.flush()
    mine.rollback()
    assert other.count("users") == 2
    with mine.transaction():  # outside a unit the block itself commits
        mine.put("users", "u3", user(3))
        mine.flush()
        assert other.count("users") == 2
    assert other.count("users") == 3
