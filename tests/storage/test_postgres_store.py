"""What only the PostgreSQL backend promises: units of work seen from other
processes, several processes on one database, schema creation under
concurrency, recovery from a re-created database."""
from __future__ import annotations

import socket
import threading
import time

import psycopg
import pytest

from core.models import REGISTRY
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
    opened = [PostgresStore(url, REGISTRY, pool_size=3), PostgresStore(url, REGISTRY, pool_size=3)]
    yield opened
    for store in opened:
        store.close()


def user(n: int) -> dict:
    return {"user_id": f"u{n}", "username_key": f"name{n}", "role": "user"}


def test_a_unit_of_work_is_invisible_to_other_processes_until_it_ends(stores):
    mine, other = stores
    with mine.unit_of_work():
        mine.put("users", "u1", user(1))
        with mine.unit_of_work():
            mine.put("users", "u2", user(2))
        assert mine.get("users", "u1") == user(1)  # the unit reads its own writes
        assert other.get("users", "u1") is None
        assert other.count("users") == 0
    assert other.count("users") == 2


def test_a_unit_that_raises_writes_nothing_any_process_sees(stores):
    mine, other = stores
    mine.put("users", "u0", user(0))  # outside a unit: committed at once
    assert other.get("users", "u0") == user(0)
    with pytest.raises(RuntimeError):
        with mine.unit_of_work():
            mine.put("users", "u1", user(1))
            mine.delete("users", "u0")
            raise RuntimeError("boom")
    assert [d["user_id"] for d in other.find("users")] == ["u0"]


def test_a_unit_is_serialised_with_another_processes_unit(stores):
    """Read-modify-write in two processes' units: the second waits for the first."""
    mine, other = stores
    mine.put("users", "u1", {**user(1), "n": 0})
    inside, done = threading.Event(), []

    def slow_increment():
        with mine.unit_of_work():
            doc = mine.get("users", "u1")
            inside.set()
            time.sleep(0.3)
            mine.put("users", "u1", {**doc, "n": doc["n"] + 1})

    thread = threading.Thread(target=slow_increment)
    thread.start()
    assert inside.wait(timeout=10)
    with other.unit_of_work():
        doc = other.get("users", "u1")   # waits for the first unit's commit
        other.put("users", "u1", {**doc, "n": doc["n"] + 1})
    thread.join(timeout=10)
    assert mine.get("users", "u1")["n"] == 2


def test_a_unit_with_a_failed_statement_refuses_to_report_success(stores):
    mine, other = stores
    with pytest.raises(StorageError):
        with mine.unit_of_work():
            mine.put("users", "u1", user(1))
            try:  # PostgreSQL cannot store NUL in JSONB
                mine.put("users", "u2", {**user(2), "bio": "nul \x00 char"})
            except psycopg.Error:
                pass
    assert other.count("users") == 0
    mine.put("users", "u3", user(3))  # the store is usable again
    assert other.find_ids("users") == ["u3"]


def test_a_dropped_and_recreated_schema_works_again_without_a_restart(stores, url):
    mine, _ = stores
    mine.put("users", "u1", user(1))
    with psycopg.connect(url, autocommit=True) as conn:
        schema = conn.execute("SELECT current_schema()").fetchone()[0]
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{schema}"')
    with pytest.raises(StorageError):
        mine.get("users", "u1")            # one request fails (503) ...
    mine.put("users", "u2", user(2))       # ... and the next ones work
    assert mine.find_ids("users") == ["u2"]


def test_schema_creation_is_safe_when_many_processes_start_at_once(url):
    results, errors, barrier = [], [], threading.Barrier(4)

    def start():
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                barrier.wait(timeout=10)
                results.append(ensure_schema(conn, REGISTRY))
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
        assert ensure_schema(conn, REGISTRY) is False
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
        PostgresStore(url, REGISTRY, connect_timeout=1)
    assert "cannot connect to PostgreSQL" in str(raised.value)
    assert "s3cret-pw" not in str(raised.value)
