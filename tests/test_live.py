"""Live streams over real HTTP (api/main.py: waitress, a TinyDB file): two members
of a world are connected, one changes something and the other's stream shows it;
a reconnect with Last-Event-ID misses nothing; heartbeats; AI job progress;
tickets: bound to a user and a world, short-lived, never a login token; a
non-member gets 404; a removed member's stream ends."""
from __future__ import annotations

import os
import sys
import time

import pytest
import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "server"))

from api_client import ApiUser  # noqa: E402
from live_server import LiveServer  # noqa: E402
from sse_client import SSEClient  # noqa: E402

HEARTBEAT = 0.5


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("live") / "worldsmith.json")
    with LiveServer(path, threads=4, env={"LIVE_HEARTBEAT_SECONDS": str(HEARTBEAT), "LIVE_MAX_STREAMS": "8",
                                          "LIVE_STREAM_SECONDS": "60", "TASK_MODE": "thread"}) as live:
        yield live


@pytest.fixture
def world(server):
    """An owner and a member (shared with) of a new world."""
    owner, member = ApiUser.register(server.url), ApiUser.register(server.url)
    created = owner.post_world(name="Hà Nội xưa")
    assert created.status_code == 201, created.text
    world_id = created.json()["world_id"]
    assert owner.post(f"/api/worlds/{world_id}/share", {"user_ids": [member.user["user_id"]]}).status_code == 200
    return owner, member, world_id


def ticket(user: ApiUser, world_id: str) -> str:
    answer = user.post(f"/api/worlds/{world_id}/live/ticket", {})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["live"] is True and body["expires_in"] > 0
    return body["ticket"]


def stream(server, user: ApiUser, world_id: str, last_event_id: int | None = None) -> SSEClient:
    headers = {} if last_event_id is None else {"Last-Event-ID": str(last_event_id)}
    client = SSEClient(f"{server.url}/api/worlds/{world_id}/live?ticket={ticket(user, world_id)}", headers)
    assert client.status == 200
    client.next(5, comment="connected")
    return client


def add_place(user: ApiUser, world_id: str, name: str) -> dict:
    answer = user.post(f"/api/worlds/{world_id}/locations", {"name": name})
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_a_members_change_reaches_the_other_members_stream(server, world):
    writer, watcher, world_id = world     # until co-authors land, the one who writes is the owner
    watching = stream(server, watcher, world_id)
    try:
        assert watching.response.headers["Content-Type"].startswith("text/event-stream")
        place = add_place(writer, world_id, "Phố Hàng Bạc")
        change = watching.next(5, event="change")
        assert change["data"]["action"] == "created" and change["data"]["kind"] == "entry"
        assert change["data"]["title"] == "Phố Hàng Bạc"
        assert change["data"]["target_id"] == place["location_id"]
        assert change["data"]["actor"]["user_id"] == writer.user["user_id"]
        assert int(change["id"]) == change["data"]["seq"]
        edited = writer.session.put(f"{server.url}/api/worlds/{world_id}/locations/{place['location_id']}",
                                    json={"description": "Bạc."})
        assert edited.status_code == 200
        assert watching.next(5, event="change")["data"]["action"] == "edited"
    finally:
        watching.close()


def test_reconnecting_with_last_event_id_misses_nothing(server, world):
    writer, watcher, world_id = world
    first = stream(server, watcher, world_id)
    add_place(writer, world_id, "One")
    seen = int(first.next(5, event="change")["id"])
    first.close()
    for name in ("Two", "Three", "Four"):            # while the watcher is away
        add_place(writer, world_id, name)
    second = stream(server, watcher, world_id, last_event_id=seen)
    try:
        replayed = second.changes(3)
        assert [c["data"]["title"] for c in replayed] == ["Two", "Three", "Four"]
        assert [int(c["id"]) for c in replayed] == [seen + 1, seen + 2, seen + 3]
        add_place(writer, world_id, "Five")          # then live again, no duplicate
        assert second.next(5, event="change")["data"]["title"] == "Five"
    finally:
        second.close()
    # the query parameter works as the header does (EventSource cannot set headers on a new URL)
    third = SSEClient(f"{server.url}/api/worlds/{world_id}/live?ticket={ticket(watcher, world_id)}"
                      f"&last_event_id={seen + 3}")
    try:
        assert third.next(5, event="change")["data"]["title"] == "Five"
    finally:
        third.close()


def test_heartbeats_keep_an_idle_stream_alive(server, world):
    owner, _, world_id = world
    idle = stream(server, owner, world_id)
    try:
        start = time.monotonic()
        idle.next(5, comment="heartbeat")
        idle.next(5, comment="heartbeat")
        assert time.monotonic() - start < HEARTBEAT * 2 + 1.5
    finally:
        idle.close()


def test_ai_job_progress_reaches_the_stream(server, world):
    owner, member, world_id = world
    watching = stream(server, member, world_id)
    try:
        started = owner.post("/api/gpt/analyze", {"world_id": world_id, "story_title": "Chợ",
                                                 "story_description": "Minh went to Hàng Bạc with Lan."})
        assert started.status_code in (200, 202), started.text
        task_id = started.json()["task_id"]
        statuses = []
        while "completed" not in statuses and "error" not in statuses:
            task = watching.next(10, event="task")["data"]
            assert task["task_id"] == task_id and task["type"] == "story_analysis"
            statuses.append(task["status"])
        assert statuses[-1] == "completed", statuses
    finally:
        watching.close()


def test_strangers_bad_tickets_and_login_tokens_are_refused(server, world):
    owner, member, world_id = world
    stranger = ApiUser.register(server.url)
    refused = stranger.post(f"/api/worlds/{world_id}/live/ticket", {})
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    assert requests.post(f"{server.url}/api/worlds/{world_id}/live/ticket", timeout=10).status_code == 401
    url = f"{server.url}/api/worlds/{world_id}/live"
    for bad in ("nonsense", owner.token):            # a login token is not a ticket
        answer = requests.get(f"{url}?ticket={bad}", timeout=10)
        assert answer.status_code == 401 and answer.json()["code"] == "invalid_ticket"
    other = owner.post_world().json()["world_id"]     # a ticket opens its own world only
    answer = requests.get(f"{server.url}/api/worlds/{other}/live?ticket={ticket(owner, world_id)}", timeout=10)
    assert answer.status_code == 404
    assert requests.get(url, timeout=10).status_code == 400        # no ticket
    # a ticket is not a login token either
    as_token = requests.get(f"{server.url}/api/auth/me", timeout=10,
                            headers={"Authorization": f"Bearer {ticket(member, world_id)}"})
    assert as_token.status_code == 401


def test_a_removed_members_stream_ends_and_their_tickets_are_refused(server, world):
    owner, member, world_id = world
    watching = stream(server, member, world_id)
    left = member.post(f"/api/worlds/{world_id}/live/ticket", {}).json()["ticket"]
    assert owner.post(f"/api/worlds/{world_id}/unshare", {"user_ids": [member.user["user_id"]]}).status_code == 200
    add_place(owner, world_id, "Secret")
    assert watching.ended.wait(10), "the stream should end"
    while not watching.events.empty():
        watching.backlog.append(watching.events.get())
    assert not [e for e in watching.backlog if e.get("event") == "change"]   # the change after removal never came
    assert requests.get(f"{server.url}/api/worlds/{world_id}/live?ticket={left}", timeout=10).status_code == 404
    assert member.post(f"/api/worlds/{world_id}/live/ticket", {}).status_code == 404


def test_with_redis_down_streams_catch_up_from_the_store(tmp_path):
    """The bus is a doorbell: with its Redis unreachable, changes still land (no 5xx) and
    reach the streams at their next heartbeat, read from the activity feed."""
    env = {"LIVE_HEARTBEAT_SECONDS": str(HEARTBEAT), "LIVE_REDIS_URL": "redis://127.0.0.1:1/0"}
    with LiveServer(str(tmp_path / "worldsmith.json"), threads=4, env=env) as server:
        owner = ApiUser.register(server.url)
        world_id = owner.post_world().json()["world_id"]
        watching = SSEClient(f"{server.url}/api/worlds/{world_id}/live?ticket={ticket(owner, world_id)}")
        try:
            assert watching.status == 200
            place = add_place(owner, world_id, "Hồ Gươm")
            change = watching.next(HEARTBEAT * 4 + 5, event="change")
            assert change["data"]["target_id"] == place["location_id"]
        finally:
            watching.close()


def test_serverless_hosts_answer_live_false_and_501(app, client):
    app.config["SERVERLESS"] = True       # as on Vercel: no streams, the app polls the feed
    user = client.post("/api/auth/register", json={"username": "lan", "email": "lan@example.com",
                                                   "password": "password123"}).json
    headers = {"Authorization": f"Bearer {user['token']}"}
    world_id = client.post("/api/worlds", json={"name": "Huế"}, headers=headers).json["world_id"]
    answer = client.post(f"/api/worlds/{world_id}/live/ticket", headers=headers).json
    assert answer["live"] is False and answer["ticket"] is None
    refused = client.get(f"/api/worlds/{world_id}/live?ticket=x")
    assert refused.status_code == 501 and refused.json["code"] == "live_unavailable"
    assert client.get(f"/api/worlds/{world_id}/activity?after=0", headers=headers).json["latest_seq"] == 1


def test_a_last_event_id_from_the_future_resumes_from_now(server, world):
    owner, member, world_id = world
    ahead = stream(server, member, world_id, last_event_id=10_000)
    try:
        add_place(owner, world_id, "Cầu Long Biên")
        assert ahead.next(5, event="change")["data"]["title"] == "Cầu Long Biên"
    finally:
        ahead.close()
