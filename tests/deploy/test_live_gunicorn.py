"""Live streams across gunicorn workers: 4 workers on one PostgreSQL schema, the
live bus on Redis pub/sub. Streams are opened and changes made on new
connections (any worker may take each); every stream sees every change, also
those made through another worker than the one holding the stream."""
from __future__ import annotations

import re
import time
import uuid

import pytest
import requests

from api_client import ApiUser
from gunicorn_server import GunicornServer
from pg_schema import fresh_schema, require_postgres
from sse_client import SSEClient
from test_gunicorn_postgres import REDIS_URL, require_redis

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

STREAMS, CHANGES = 8, 10
PID = re.compile(r'"(\w+) (\S+) HTTP/[\d.]+" (\d+) .* pid=<?(\d+)')


def test_a_change_through_one_worker_reaches_streams_on_the_others(tmp_path):
    require_postgres()
    require_redis()
    env = {"LIVE_REDIS_URL": REDIS_URL, "LIVE_CHANNEL_PREFIX": f"ws-test-{uuid.uuid4().hex}:",
           "RATELIMIT_STORAGE_URI": REDIS_URL, "RATELIMIT_KEY_PREFIX": f"ws-test-{uuid.uuid4().hex}",
           "LIVE_HEARTBEAT_SECONDS": "1", "LIVE_STREAM_SECONDS": "20", "LIVE_MAX_STREAMS": "8"}
    with fresh_schema() as url, GunicornServer(str(tmp_path), workers=4,
                                               env={**env, "DATABASE_URL": url}) as server:
        owner = ApiUser.register(server.url)
        world_id = owner.post_world().json()["world_id"]
        streams = []
        for _ in range(STREAMS):
            ticket = requests.post(f"{server.url}/api/worlds/{world_id}/live/ticket", timeout=10,
                                   headers={"Authorization": f"Bearer {owner.token}"}).json()["ticket"]
            stream = SSEClient(f"{server.url}/api/worlds/{world_id}/live?ticket={ticket}")
            assert stream.status == 200
            stream.next(10, comment="connected")
            streams.append(stream)
        made = []
        for n in range(CHANGES):
            answer = requests.post(f"{server.url}/api/worlds/{world_id}/locations", json={"name": f"Place {n}"},
                                   headers={"Authorization": f"Bearer {owner.token}"}, timeout=10)
            assert answer.status_code == 201, answer.text
            made.append(answer.json()["location_id"])
        for stream in streams:
            got = [c["data"]["target_id"] for c in stream.changes(CHANGES, timeout=15)]
            assert got == made
        for stream in streams:            # the streams end on their own (LIVE_STREAM_SECONDS)
            assert stream.ended.wait(40)
        time.sleep(2)
        log = server.access_log()
        lines = [PID.search(line) for line in log]
        stream_pids = {m.group(4) for m in lines if m and m.group(2).startswith(f"/api/worlds/{world_id}/live?")}
        writer_pids = {m.group(4) for m in lines if m and m.group(1) == "POST" and m.group(2).endswith("/locations")}
        assert stream_pids and writer_pids, log
        # some change was made through a worker that held none of... or at least not all of the streams
        assert len(stream_pids | writer_pids) > 1, (stream_pids, writer_pids)
        assert any(w != s for w in writer_pids for s in stream_pids)
        # a restart does not wait graceful_timeout (30 s) for open streams: they end at SIGTERM
        held = [SSEClient(f"{server.url}/api/worlds/{world_id}/live?ticket=" + requests.post(
            f"{server.url}/api/worlds/{world_id}/live/ticket", timeout=10,
            headers={"Authorization": f"Bearer {owner.token}"}).json()["ticket"]) for _ in range(4)]
        for stream in held:
            stream.next(10, comment="connected")
        start = time.monotonic()
        server.stop()
        assert time.monotonic() - start < 10   # streams would last 20 s
        assert all(stream.ended.wait(5) for stream in held)
