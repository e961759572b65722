"""Many clients creating at once against the real server: nothing lost, no 5xx."""
from __future__ import annotations

import threading

import pytest

from api_client import ApiUser
from live_server import LiveServer

pytestmark = pytest.mark.slow

THREADS = 16
CREATES_PER_THREAD = 100


def create_worlds(user: ApiUser, created: dict, failures: list) -> None:
    for _ in range(CREATES_PER_THREAD):
        response = user.post_world()
        if response.status_code != 201:
            failures.append((response.status_code, response.text[:200]))
            continue
        world = response.json()
        created[world["world_id"]] = world["name"]  # dict writes are atomic


def list_all_ids(user: ApiUser, per_page: int = 200) -> list[str]:
    ids = []
    for page in range(1, THREADS * CREATES_PER_THREAD // per_page + 2):
        response = user.get("/api/worlds", params={"page": page, "per_page": per_page})
        assert response.status_code == 200
        ids += [w["world_id"] for w in response.json()]
    return ids


def test_parallel_creates_all_land(tmp_path):
    with LiveServer(str(tmp_path / "worldsmith.json"), threads=8) as server:
        user = ApiUser.register(server.url)
        created: dict[str, str] = {}
        failures: list = []
        workers = [threading.Thread(target=create_worlds, args=(user.clone(), created, failures))
                   for _ in range(THREADS)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=300)
            assert not worker.is_alive()

        assert failures == []
        assert len(created) == THREADS * CREATES_PER_THREAD
        first = user.get("/api/worlds", params={"page": 1, "per_page": 1})
        assert first.headers["X-Total-Count"] == str(THREADS * CREATES_PER_THREAD)
        listed = list_all_ids(user)
        assert len(listed) == len(set(listed)) == len(created)
        assert set(listed) == set(created)
        for world_id, name in created.items():
            response = user.get(f"/api/worlds/{world_id}")
            assert response.status_code == 200
            assert response.json()["name"] == name
