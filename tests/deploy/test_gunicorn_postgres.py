"""gunicorn with 4 workers on one fresh PostgreSQL schema, rate limits in Redis.

The workers boot together (schema creation, initial admin) and every request
opens a new connection, so the kernel hands it to any worker:
AI jobs started on one worker are polled on others, concurrent writers land on
all of them, and a login limit is counted across all of them.
"""
from __future__ import annotations

import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import redis
import requests

from api_client import ApiUser
from gunicorn_server import GunicornServer
from pg_schema import fresh_schema, require_postgres

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

REDIS_URL = "redis://127.0.0.1:6379/0"
USERS = 10             # the register limit is 10 per minute per IP
JOBS_PER_USER = 20     # 200 jobs; the AI limit is 20 per minute per user
WRITERS, WORLDS_PER_WRITER = 8, 20
STORY = ("Captain Mira Vale left the harbour of Port Elska at dawn. In the Glass Mountains "
         "she met Tobin Ash, an old hermit, who told her that Queen Sera had fled to Varn.")


def require_redis() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=3).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis at {REDIS_URL} is unreachable under CI=true: {exc}", pytrace=False)
        pytest.skip(f"Redis at {REDIS_URL} is unreachable: {exc}")


def call(method: str, url: str, user: ApiUser | None = None, **kwargs) -> requests.Response:
    """One request on a new connection (so any worker may answer)."""
    headers = {"Authorization": f"Bearer {user.token}"} if user else {}
    return requests.request(method, url, headers=headers, timeout=60, **kwargs)


def write_worlds(server, user: ApiUser) -> list[tuple[str, str]]:
    made = []
    for n in range(WORLDS_PER_WRITER):
        world = call("POST", server.url + "/api/worlds", user, json={
            "name": f"W{n}", "world_type": "fantasy", "visibility": "private"})
        assert world.status_code == 201, world.text
        story = call("POST", server.url + "/api/stories", user, json={
            "world_id": world.json()["world_id"], "title": f"S{n}", "description": "A tale."})
        assert story.status_code == 201, story.text
        made.append((world.json()["world_id"], story.json()["story"]["story_id"]))
    return made


def start_jobs(server, user: ApiUser) -> list[str]:
    ids = []
    for n in range(JOBS_PER_USER):
        response = call("POST", server.url + "/api/gpt/analyze", user, json={
            "story_description": STORY, "story_title": f"Voyage {n}", "story_genre": "adventure"})
        assert response.status_code == 202, response.text
        ids.append(response.json()["task_id"])
    return ids


def poll_until_final(server, owner_of: dict[str, ApiUser], timeout: float = 120) -> dict[str, dict]:
    finished, deadline = {}, time.monotonic() + timeout
    while len(finished) < len(owner_of) and time.monotonic() < deadline:
        waiting = [t for t in owner_of if t not in finished]
        with ThreadPoolExecutor(8) as pool:
            answers = pool.map(lambda t: call("GET", f"{server.url}/api/gpt/results/{t}", owner_of[t]),
                               waiting)
            for task_id, answer in zip(waiting, answers):
                assert answer.status_code == 200, answer.text
                if answer.json()["status"] not in ("pending", "processing"):
                    finished[task_id] = answer.json()
        time.sleep(0.2)
    return finished


def test_four_workers_share_one_database(tmp_path):
    require_postgres()
    require_redis()
    env = {"RATELIMIT_ENABLED": "true", "RATELIMIT_STORAGE_URI": REDIS_URL,
           "RATELIMIT_KEY_PREFIX": f"ws-test-{uuid.uuid4().hex}", "TASK_MODE": "thread",
           "INITIAL_ADMIN_USERNAME": "boss", "INITIAL_ADMIN_PASSWORD": "boss-password-123"}
    with fresh_schema() as url, GunicornServer(str(tmp_path), workers=4,
                                               env={**env, "DATABASE_URL": url}) as server:
        # The four workers all made sure the initial admin exists: once, not a crash.
        boss = call("POST", server.url + "/api/auth/login",
                    json={"username": "boss", "password": "boss-password-123"})
        assert boss.status_code == 200 and boss.json()["user"]["role"] == "admin"
        users = [ApiUser.register(server.url) for _ in range(USERS)]

        with ThreadPoolExecutor(WRITERS) as pool:  # 8 writers at once, 320 POSTs
            written = list(pool.map(lambda u: write_worlds(server, u), users[:WRITERS]))
        for user, made in zip(users, written):
            listed = call("GET", server.url + "/api/worlds?mine=1&per_page=200", user)
            assert listed.headers["X-Total-Count"] == str(WORLDS_PER_WRITER)
            assert {w["world_id"] for w in listed.json()} == {w for w, _ in made}
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT count(*) FROM ws_users WHERE x_username_key = 'boss'"
                                ).fetchone()[0] == 1
            for table in ("ws_worlds", "ws_stories"):
                count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                assert count == WRITERS * WORLDS_PER_WRITER

        with ThreadPoolExecutor(8) as pool:  # 200 AI jobs from 10 users
            started = list(pool.map(lambda u: start_jobs(server, u), users))
        owner_of = {task: user for user, tasks in zip(users, started) for task in tasks}
        assert len(owner_of) == USERS * JOBS_PER_USER
        finished = poll_until_final(server, owner_of)
        assert len(finished) == len(owner_of), f"{len(owner_of) - len(finished)} jobs never finished"
        assert {t["status"] for t in finished.values()} == {"completed"}
        for task in finished.values():  # the offline provider's heuristic names
            assert "Tobin Ash" in {c["name"] for c in task["result"]["characters"]}
        answering = {line.rsplit("pid=", 1)[1].split()[0] for line in server.access_log()
                     if "/api/gpt/results/" in line}
        assert len(answering) >= 2, "the polls should have reached several workers"

        # One login limit (5 failures per username per minute), counted across workers.
        name = f"nobody{uuid.uuid4().hex[:8]}"
        statuses = [call("POST", server.url + "/api/auth/login",
                         json={"username": name, "password": "wrong-password"}).status_code
                    for _ in range(7)]
        assert statuses == [401] * 5 + [429] * 2
