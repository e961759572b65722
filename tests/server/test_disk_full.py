"""The real server on a small tmpfs that fills up: writes answer 503 (never
500), reads and sign-in keep working, nothing refused is persisted later, and
writing works again once space is freed."""
from __future__ import annotations

import os
import subprocess

import pytest

from api_client import ApiUser
from core.models import REGISTRY
from live_server import LiveServer
from storage.tinydb_store import TinyDBStore

pytestmark = pytest.mark.slow


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MiB tmpfs (needs root: the test machines and CI run as root)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        message = f"cannot mount a tmpfs: {done.stderr.strip()}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI runs as root and must run this test)")
        pytest.skip(message)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(folder) -> str:
    """Write a filler file until the disk is full; its path."""
    filler = os.path.join(folder, "filler")
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    return filler


def test_a_full_disk_refuses_writes_cleanly_and_keeps_nothing_it_refused(small_disk, tmp_path):
    db_path = str(small_disk / "worldsmith.json")
    server = LiveServer(db_path, log_path=str(tmp_path / "server.log")).start()
    try:
        user = ApiUser.register(server.url, "filler")
        acked, refused = set(), set()
        first = user.post_world(name="Before the disk filled")
        assert first.status_code == 201
        acked.add(first.json()["world_id"])

        filler = fill(small_disk)
        statuses = []
        for n in range(80):  # the journal's last page may take a few more records
            answer = user.post_world(name=f"Full {n}")
            statuses.append(answer.status_code)
            if answer.status_code == 201:
                acked.add(answer.json()["world_id"])
            else:
                assert answer.status_code == 503, answer.text
                assert answer.json()["code"] == "storage_unavailable"
                refused.add(f"Full {n}")
        assert statuses[-10:] == [503] * 10, statuses
        login = user.session.post(server.url + "/api/auth/login",
                                  json={"username": "filler", "password": "password123"})
        assert login.status_code == 200
        listed = user.get("/api/worlds", params={"per_page": 100})
        assert listed.status_code == 200
        assert {w["world_id"] for w in listed.json()} == acked

        os.remove(filler)
        after = user.post_world(name="After space was freed")
        assert after.status_code == 201
        acked.add(after.json()["world_id"])
    finally:
        server.kill()

    store = TinyDBStore(db_path, REGISTRY)
    try:
        names = {doc["name"] for doc in store.find("worlds")}
        assert set(store.find_ids("worlds")) == acked
        assert not names & refused
    finally:
        store.close()
