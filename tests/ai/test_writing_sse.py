"""The result stream of a job (``GET /gpt/results/{id}/stream``) over real HTTP
(api/main.py: waitress, a TinyDB file, the offline provider streaming with
``OFFLINE_STREAM_DELAY``): deltas in order with their offsets, then done; a late
joiner gets the text so far first; a cancel ends the stream; only the task's
owner may open it. Then the writing route's bad input and access, and a task
channel carried across processes by Redis."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time

import pytest
import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "server"))
from api_client import ApiUser  # noqa: E402
from live_server import LiveServer, free_port  # noqa: E402
from sse_client import SSEClient  # noqa: E402

from ai.offline_writing import tidy  # noqa: E402
from core.vocabulary import SELECTION_MAX  # noqa: E402

DELAY = 0.04
MESSY = " ".join(f"word{n} ," if n % 7 == 3 else f"word{n}" for n in range(40)) + " ."


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("writing") / "worldsmith.json")
    env = {"OFFLINE_STREAM_DELAY": str(DELAY), "LIVE_HEARTBEAT_SECONDS": "0.3", "LIVE_STREAM_SECONDS": "30",
           "TASK_MODE": "thread"}
    with LiveServer(path, threads=6, env=env) as live:
        yield live


@pytest.fixture
def writer(server):
    user = ApiUser.register(server.url)
    world = user.post_world(name="Karsk", language="en")
    assert world.status_code == 201, world.text
    return user, world.json()["world_id"]


def start(user: ApiUser, world_id: str, **body) -> str:
    answer = user.post(f"/api/worlds/{world_id}/writing", {"tool": "rephrase", "selection": MESSY, **body})
    assert answer.status_code == 202, answer.text
    return answer.json()["task_id"]


def open_stream(server, user: ApiUser, task_id: str) -> SSEClient:
    stream = SSEClient(f"{server.url}/api/gpt/results/{task_id}/stream",
                       {"Authorization": f"Bearer {user.token}"})
    assert stream.status == 200, stream.response.text
    assert stream.response.headers["Content-Type"].startswith("text/event-stream")
    return stream


def read_all(stream: SSEClient, timeout: float = 15) -> tuple[list[dict], dict]:
    """Every delta, then the done event."""
    deltas = []
    while True:
        event = stream.next(timeout)
        if event.get("event") == "delta":
            deltas.append(event["data"])
        elif event.get("event") == "done":
            return deltas, event["data"]


def joined(deltas: list[dict]) -> str:
    """The text as a client following the rule builds it: append when offset == what it holds."""
    text = ""
    for delta in deltas:
        assert delta["offset"] == len(text), (delta, len(text))   # contiguous, nothing repeated
        text += delta["text"]
    return text


def test_deltas_arrive_in_order_then_done(server, writer):
    user, world_id = writer
    task_id = start(user, world_id)
    stream = open_stream(server, user, task_id)
    try:
        assert stream.next(5, event="status")["data"]["status"] in ("pending", "processing")
        deltas, done = read_all(stream)
        assert done["status"] == "completed"
        assert joined(deltas) == done["result"]["text"] == tidy(MESSY, "en")
        assert len(deltas) > 10                       # word by word, not at once
        assert stream.ended.wait(5)                   # the stream closes after done
    finally:
        stream.close()


def test_a_late_joiner_gets_the_text_so_far_first(server, writer):
    user, world_id = writer
    task_id = start(user, world_id)
    deadline = time.monotonic() + 10
    while True:   # wait until part of the text is stored
        task = user.get(f"/api/gpt/results/{task_id}").json()
        if len(task.get("partial") or "") >= 20 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert task["status"] == "processing", task
    stream = open_stream(server, user, task_id)
    try:
        deltas, done = read_all(stream)
        assert deltas[0]["offset"] == 0 and len(deltas[0]["text"]) >= len(task["partial"])   # the replay
        assert joined(deltas) == done["result"]["text"] == tidy(MESSY, "en")
    finally:
        stream.close()
    finished = open_stream(server, user, task_id)   # after the end: the whole text, then done
    try:
        deltas, done = read_all(finished)
        assert [d["offset"] for d in deltas] == [0] and deltas[0]["text"] == done["result"]["text"]
    finally:
        finished.close()


def test_heartbeats_and_a_cancel_end_the_stream(server, writer):
    user, world_id = writer
    task_id = start(user, world_id, selection=" ".join(["word"] * 300))
    stream = open_stream(server, user, task_id)
    try:
        stream.next(5, event="delta")
        stream.next(5, comment="heartbeat")
        assert user.session.delete(f"{server.url}/api/gpt/tasks/{task_id}", timeout=10).status_code == 200
        done = stream.next(5, event="done")["data"]
        assert done == {"status": "cancelled", "result": "Cancelled by its owner"}
        assert stream.ended.wait(5)
    finally:
        stream.close()


def test_only_the_tasks_owner_may_stream_it(server, writer):
    user, world_id = writer
    task_id = start(user, world_id)
    stranger = ApiUser.register(server.url)
    for headers, status in (({"Authorization": f"Bearer {stranger.token}"}, 404), ({}, 401)):
        answer = requests.get(f"{server.url}/api/gpt/results/{task_id}/stream", headers=headers, timeout=10)
        assert answer.status_code == status and answer.json()["code"], answer.text
    missing = requests.get(f"{server.url}/api/gpt/results/nope/stream", timeout=10,
                           headers={"Authorization": f"Bearer {stranger.token}"})
    assert missing.json() == requests.get(f"{server.url}/api/gpt/results/{task_id}/stream", timeout=10,
                                          headers={"Authorization": f"Bearer {stranger.token}"}).json()


# -- the writing route: bad input and access (the test client) --------------------------------

def test_bad_input_is_a_4xx_json_answer(client, auth, make_world, make_story, ai):
    owner = auth.register()
    world, other = make_world(owner), make_world(owner)
    foreign = make_story(owner, other, content="Elsewhere.")
    url = f"/api/worlds/{world['world_id']}/writing"
    cases = [
        ({"tool": "poem", "selection": "x"}, "tool"),
        ({"tool": "rephrase"}, "selection"),
        ({"tool": "rephrase", "selection": "x" * (SELECTION_MAX + 1)}, "selection"),
        ({"tool": "continue"}, "before"),
        ({"tool": "titles"}, "story_id"),
        ({"tool": "describe_entry"}, "entry_id"),
        ({"tool": "titles", "story_id": foreign["story_id"]}, "story_id"),
        ({"tool": "describe_entry", "entry_id": "no-such-entry"}, "entry_id"),
    ]
    for body, field in cases:
        answer = client.post(url, json=body, headers=owner["headers"])
        assert answer.status_code == 400, (body, answer.json)
        assert answer.json["code"] and field in answer.json["details"], (body, answer.json)
    assert client.post(url, data="x", headers=owner["headers"]).status_code == 415
    assert client.get("/api/gpt/tasks", headers=owner["headers"]).json == []   # nothing was started


def test_only_those_who_write_the_world_may_start_a_tool(client, auth, make_world, ai):
    owner, reader, stranger = auth.register(), auth.register(), auth.register()
    world = make_world(owner)
    client.post(f"/api/worlds/{world['world_id']}/share", json={"user_ids": [reader["user_id"]]},
                headers=owner["headers"])
    body = {"tool": "summarise", "selection": "A tale."}
    url = f"/api/worlds/{world['world_id']}/writing"
    assert client.post(url, json=body, headers=reader["headers"]).status_code == 403
    assert client.post(url, json=body, headers=stranger["headers"]).status_code == 404
    assert client.post(url, json=body).status_code == 401
    assert client.post(url, json=body, headers=owner["headers"]).status_code == 202


# -- across processes: the task's channel through Redis -----------------------------------------

@pytest.fixture
def redis_url(tmp_path):
    port = free_port()
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import redis
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis(port=port, socket_timeout=1).ping()
            break
        except redis.RedisError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(10)


def test_a_job_in_one_process_streams_to_a_reader_in_another_through_redis(redis_url, store, auth, app):
    """Two buses on one Redis, as two worker processes hold: the job writes through one,
    the stream reads through the other."""
    from core.models import User
    from services.live import LiveBus
    from services.live.task_stream import TaskStream
    from services.task_runner import JobContext
    from services.task_service import TaskService
    from services.writing_service import PartialWriter

    job_bus, reader_bus = LiveBus(redis_url, "ws-stream-test:"), LiveBus(redis_url, "ws-stream-test:")
    try:
        tasks = TaskService(store, 60, 30, bus=job_bus)
        owner = User.from_dict(store.get("users", auth.register()["user_id"]))
        task = tasks.create(owner, "writing", "offline")
        tasks.update(task["task_id"], status="processing")
        events = []
        stream = TaskStream(reader_bus, tasks.current, task["task_id"], heartbeat=5, lifetime=10, poll=5)
        reading = threading.Thread(target=lambda: events.extend(stream.events()), daemon=True)
        reading.start()
        time.sleep(0.5)   # subscribed
        writer = PartialWriter(tasks, job_bus, JobContext(tasks, task["task_id"]), every=60)
        for word in ("Mưa ", "rơi ", "trên ", "phố ", "Hàng ", "Bạc."):
            writer(word)
        writer.flush()
        tasks.finish(task["task_id"], "completed", {"text": writer.text}, {})
        reading.join(10)
        assert not reading.is_alive()
        text = "".join(e for e in events)
        assert text.count("event: delta") >= 6 and "event: done" in text
        assert '"text":"Hàng "' in text and '"offset":0' in text
    finally:
        job_bus.close()
        reader_bus.close()


def test_a_reader_joining_mid_stream_gets_the_missed_text_at_once(store, auth, app):
    """Pieces sent before the reader subscribed are not on the bus for it: its ``join`` makes the
    job save its text at once (not at the next periodic save), so the reader never waits for it."""
    from core.models import User
    from services.live import LiveBus
    from services.live.task_stream import TaskStream
    from services.task_runner import JobContext
    from services.task_service import TaskService
    from services.writing_service import PartialWriter

    bus = LiveBus()
    tasks = TaskService(store, 60, 30, bus=bus)
    owner = User.from_dict(store.get("users", auth.register()["user_id"]))
    task = tasks.create(owner, "writing", "offline")
    tasks.update(task["task_id"], status="processing")
    writer = PartialWriter(tasks, bus, JobContext(tasks, task["task_id"]), every=60)   # no periodic save
    for word in ("Trời ", "mưa ", "to."):
        writer(word)                         # nobody listening yet
    stream = TaskStream(bus, tasks.current, task["task_id"], heartbeat=5, lifetime=5, poll=5).events()
    assert next(stream) == ": connected\n\n"
    assert "event: status" in next(stream)
    writer(" Gió ")
    writer("thổi.")
    texts = [next(stream) for _ in range(3)]
    assert '"offset":0,"text":"Trời mưa to."' in texts[0]      # what it missed, saved because it joined
    assert '"offset":12,"text":" Gió "' in texts[1] and '"offset":17,"text":"thổi."' in texts[2]
    writer.close()
    stream.close()


def test_the_stream_of_a_job_whose_process_died_ends_as_interrupted(client, auth, store, app):
    from core.models import User
    from services.task_service import INTERRUPTED

    owner = auth.register()
    tasks = app.extensions["worldsmith"].tasks
    task = tasks.create(User.from_dict(store.get("users", owner["user_id"])), "writing", "offline")
    with store.unit_of_work():
        store.put("tasks", task["task_id"], {**store.get("tasks", task["task_id"]), "status": "processing",
                                             "partial": "Half a sent", "runner": f"{socket.gethostname()}:999999:x"})   # a dead pid
    text = client.get(f"/api/gpt/results/{task['task_id']}/stream", headers=owner["headers"]).get_data(as_text=True)
    assert '"offset":0,"text":"Half a sent"' in text
    assert "event: done" in text and INTERRUPTED.split(":")[0] in text
