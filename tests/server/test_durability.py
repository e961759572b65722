"""The real server, SIGKILLed in the middle of a write burst, loses nothing it
acknowledged; and it refuses clearly to share its file or a busy port."""
from __future__ import annotations

import socket
import threading
import time

import pytest
import requests

from api_client import ApiUser
from core.models import REGISTRY
from live_server import LiveServer, free_port, run_to_exit, server_command
from storage.tinydb_store import TinyDBStore

pytestmark = pytest.mark.slow

ROUNDS = 4
WRITER_THREADS = 4
ACKS_BEFORE_KILL = 40      # kill only once the burst is well under way
MAX_WRITES_PER_THREAD = 400  # bound on each writer, should the kill never come


class Ledger:
    """Every write the server acknowledged with a 2xx, and what it held."""

    def __init__(self):
        self.lock = threading.Lock()
        self.worlds: dict[str, dict] = {}
        self.stories: dict[str, dict] = {}
        self.acked_this_round = 0

    def record(self, kind: dict, doc_id: str, fields: dict) -> None:
        with self.lock:
            kind[doc_id] = fields
            self.acked_this_round += 1


def write_until_refused(user: ApiUser, ledger: Ledger) -> None:
    """POST worlds and stories until the server dies (connection error)."""
    try:
        for _ in range(MAX_WRITES_PER_THREAD // 2):
            response = user.post_world()
            if response.status_code != 201:
                return
            world = response.json()
            ledger.record(ledger.worlds, world["world_id"], {
                "name": world["name"], "world_type": "fantasy", "visibility": "private"})
            response = user.post_story(world["world_id"])
            if response.status_code != 201:
                return
            story = response.json()["story"]
            ledger.record(ledger.stories, story["story_id"], {
                "title": story["title"], "world_id": world["world_id"]})
    except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
        return  # the kill: whatever was in flight (or cut off mid-answer) is not counted


def burst_then_kill(server: LiveServer, user: ApiUser, ledger: Ledger) -> None:
    ledger.acked_this_round = 0
    writers = [threading.Thread(target=write_until_refused, args=(user.clone(), ledger))
               for _ in range(WRITER_THREADS)]
    for writer in writers:
        writer.start()
    deadline = time.monotonic() + 30
    while ledger.acked_this_round < ACKS_BEFORE_KILL and time.monotonic() < deadline:
        time.sleep(0.01)
    assert ledger.acked_this_round >= ACKS_BEFORE_KILL, server.log()
    server.kill()
    for writer in writers:
        writer.join(timeout=60)
        assert not writer.is_alive()


def assert_store_holds(db_path: str, ledger: Ledger) -> None:
    """Open the file and its journal as the server would: every acknowledged document is there."""
    store = TinyDBStore(db_path, REGISTRY)
    try:
        for collection, acked in (("worlds", ledger.worlds), ("stories", ledger.stories)):
            missing = set(acked) - set(store.find_ids(collection))
            assert not missing, f"{len(missing)} acknowledged {collection} lost"
    finally:
        store.close()


def assert_server_serves(user: ApiUser, ledger: Ledger) -> None:
    for world_id, fields in ledger.worlds.items():
        response = user.get(f"/api/worlds/{world_id}")
        assert response.status_code == 200, response.text
        assert {k: response.json()[k] for k in fields} == fields
    for story_id, fields in ledger.stories.items():
        response = user.get(f"/api/stories/{story_id}")
        assert response.status_code == 200, response.text
        assert {k: response.json()[k] for k in fields} == fields
    listed = user.get("/api/worlds", params={"per_page": 1})
    # Writes in flight at the kill may have landed unacknowledged: never fewer.
    assert int(listed.headers["X-Total-Count"]) >= len(ledger.worlds)


@pytest.mark.parametrize("compact_bytes", [16 * 1024 * 1024, 16 * 1024],
                         ids=["journal", "compacting-all-the-time"])
def test_acknowledged_writes_survive_sigkill(tmp_path, compact_bytes):
    """Killed at random points of a burst; with a tiny threshold the journal is
    compacted all the time, so kills also land in the middle of compactions."""
    db_path = str(tmp_path / "worldsmith.json")
    server = LiveServer(db_path, env={"TINYDB_COMPACT_BYTES": str(compact_bytes)}).start()
    try:
        user = ApiUser.register(server.url)
        ledger = Ledger()
        for round_number in range(ROUNDS):
            burst_then_kill(server, user, ledger)
            assert_store_holds(db_path, ledger)
            if round_number == 0:
                # A half-written temp file from a crash must not stop start-up.
                with open(db_path + ".tmp", "wb") as handle:
                    handle.write(b'{"worlds": {"trunc')
            server.start()
            user.base_url = server.url
            assert_server_serves(user, ledger)
        assert len(ledger.worlds) >= ROUNDS * ACKS_BEFORE_KILL // 2
        if compact_bytes < 1024 * 1024:
            assert ": compacted to " in server.log(), "no compaction ran"
    finally:
        server.stop()


def test_second_process_on_the_same_file_fails_at_once(tmp_path):
    db_path = str(tmp_path / "worldsmith.json")
    with LiveServer(db_path):
        code, output = run_to_exit(server_command(db_path, free_port()), timeout=30)
    assert code != 0
    assert "already open in another process" in output
    assert "one process per file" in output


def test_busy_port_is_a_clear_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, output = run_to_exit(server_command(str(tmp_path / "db.json"), port), timeout=30)
    assert code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in output
