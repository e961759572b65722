"""Task records: ownership, listing, cancelling, the daily quota, recovery
of tasks a dead process left behind, pruning, validation and the spec."""
from __future__ import annotations

import socket
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from ai_helpers import FAST_AI, run_job, wait_task

ANALYZE = {"world_description": "Mara Vell lives in Karsk."}


@pytest.fixture
def config_overrides(fake_ai):
    return {**FAST_AI, "OPENAI_BASE_URL": fake_ai.url, "OPENAI_TIMEOUT": 10}


def ago(**delta) -> str:
    return (datetime.now(timezone.utc) - timedelta(**delta)).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def put_task(store, owner_id, status="completed", runner="", created=None, updated=None, task_id=None):
    task_id = task_id or f"t-{owner_id[:8]}-{status}-{len(store.find('tasks'))}"
    store.put("tasks", task_id, {
        "task_id": task_id, "owner_id": owner_id, "type": "world_analysis", "status": status,
        "progress": {"done": 0, "total": 1, "message": "Working"}, "result": None,
        "usage": {"prompt_tokens": 0, "completion_tokens": 0}, "provider": "offline", "runner": runner,
        "created_at": created or ago(), "updated_at": updated or created or ago()})
    return task_id


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_results_belong_to_their_owner(client, auth, ai):
    owner, other = auth.register(), auth.register()
    task = run_job(client, owner, "/api/gpt/analyze", ANALYZE)
    assert set(task) == {"task_id", "type", "status", "result", "progress", "provider", "model", "usage",
                         "created_at", "updated_at"}
    assert task["model"] == "test-model"
    url = f"/api/gpt/results/{task['task_id']}"
    assert client.get(url, headers=other["headers"]).status_code == 404
    assert client.delete(f"/api/gpt/tasks/{task['task_id']}", headers=other["headers"]).status_code == 404
    assert client.get(url).status_code == 401
    assert client.get("/api/gpt/results/no-such-task", headers=owner["headers"]).status_code == 404
    listed = client.get("/api/gpt/tasks", headers=owner["headers"])
    assert [t["task_id"] for t in listed.json] == [task["task_id"]] and listed.headers["X-Total-Count"] == "1"
    assert client.get("/api/gpt/tasks", headers=other["headers"]).json == []
    assert client.get("/api/gpt/tasks?status=error", headers=owner["headers"]).json == []
    assert client.get("/api/gpt/tasks?status=bogus", headers=owner["headers"]).status_code == 400


def test_cancel_a_running_job(client, auth, fake_ai, ai):
    owner = auth.register()
    fake_ai.default = "hang"
    started = client.post("/api/gpt/analyze", json=ANALYZE, headers=owner["headers"]).json
    wait_task(client, owner, started["task_id"], until=("processing",))
    cancelled = client.delete(f"/api/gpt/tasks/{started['task_id']}", headers=owner["headers"])
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"
    fake_ai.default = "ok"
    fake_ai.release.set()   # the provider answers after all...
    assert ai.runner.wait_idle(timeout=10)
    task = client.get(f"/api/gpt/results/{started['task_id']}", headers=owner["headers"]).json
    assert task["status"] == "cancelled"   # ...but the answer does not overwrite the cancel
    again = client.delete(f"/api/gpt/tasks/{started['task_id']}", headers=owner["headers"])
    assert again.status_code == 409 and again.json["code"] == "task_finished"


def test_daily_quota_is_counted_from_the_tasks(client, auth, store, ai):
    guest = auth.register(role="guest")   # 5 AI jobs per day
    put_task(store, guest["user_id"], created=ago(hours=25))   # yesterday's job does not count
    for _ in range(2):
        put_task(store, guest["user_id"], created=ago(hours=3))
    for _ in range(3):
        assert client.post("/api/gpt/analyze", json=ANALYZE, headers=guest["headers"]).status_code == 202
    refused = client.post("/api/gpt/analyze", json=ANALYZE, headers=guest["headers"])
    assert refused.status_code == 429 and refused.json["code"] == "ai_job_quota"
    retry = int(refused.headers["Retry-After"])
    assert 21 * 3600 - 60 < retry <= 21 * 3600 + 60   # when the oldest counted job is 24 hours old
    extract = client.post("/api/worlds/whatever/events/extract", headers=guest["headers"])
    assert extract.status_code == 404   # visibility is checked before the quota
    assert len(store.find("tasks", where={"owner_id": guest["user_id"]})) == 6
    admin = auth.register(role="admin")
    for _ in range(6):
        assert client.post("/api/gpt/analyze", json=ANALYZE, headers=admin["headers"]).status_code == 202


def test_tasks_of_dead_processes_end_interrupted(client, auth, store, ai):
    owner = auth.register()
    host = socket.gethostname()
    dead = put_task(store, owner["user_id"], "processing", f"{host}:{dead_pid()}:abc")
    queued = put_task(store, owner["user_id"], "pending", f"{host}:{dead_pid()}:abc")
    far_stale = put_task(store, owner["user_id"], "processing", "elsewhere:1:x", updated=ago(hours=2))
    far_alive = put_task(store, owner["user_id"], "processing", "elsewhere:1:x")
    assert ai.tasks.recover_interrupted() == 3
    for task_id in (dead, queued, far_stale):
        task = client.get(f"/api/gpt/results/{task_id}", headers=owner["headers"]).json
        assert task["status"] == "error" and task["result"].startswith("interrupted"), task
    assert client.get(f"/api/gpt/results/{far_alive}", headers=owner["headers"]).json["status"] == "processing"
    # a poll settles it too, whichever process serves it
    late = put_task(store, owner["user_id"], "processing", f"{host}:{dead_pid()}:abc")
    assert client.get(f"/api/gpt/results/{late}", headers=owner["headers"]).json["status"] == "error"


def test_old_finished_tasks_are_pruned(auth, store, ai):
    owner = auth.register()
    old = put_task(store, owner["user_id"], "completed", created=ago(days=31))
    old_error = put_task(store, owner["user_id"], "error", created=ago(days=40))
    recent = put_task(store, owner["user_id"], "completed", created=ago(days=29))
    assert ai.tasks.prune() == 2
    assert store.get("tasks", old) is None and store.get("tasks", old_error) is None
    assert store.get("tasks", recent) is not None


@pytest.mark.parametrize("path, body, field", [
    ("/api/gpt/generate-description", {"type": "world"}, "body"),
    ("/api/gpt/generate-description", {"type": "poem", "world_name": "x"}, "type"),
    ("/api/gpt/generate-description", {"type": "story", "story_title": "x", "characters": [1]}, "characters.0.CharacterRef"),
    ("/api/gpt/analyze", {}, "body"),
    ("/api/gpt/analyze", {"world_description": "x", "world_type": "steampunk"}, "world_type"),
    ("/api/gpt/batch-analyze-stories", {}, "world_id"),
    ("/api/gpt/batch-analyze-stories", {"world_id": "w", "story_ids": "all"}, "story_ids"),
])
def test_bad_bodies_are_400(client, auth, path, body, field):
    user = auth.register()
    response = client.post(path, json=body, headers=user["headers"])
    assert response.status_code == 400, response.json
    assert field in response.json["details"], response.json
    assert client.post(path, data="{nope", headers={**user["headers"], "Content-Type": "application/json"}).status_code == 400
    assert client.post(path, json=body).status_code == 401


def test_batch_checks_the_world_and_its_stories(client, auth, make_world, make_story, ai):
    owner, reader = auth.register(), auth.register()
    world, other = make_world(owner), make_world(owner)
    foreign = make_story(owner, other)
    client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"],
                json={"user_ids": [reader["user_id"]]})
    body = {"world_id": world["world_id"]}
    assert client.post("/api/gpt/batch-analyze-stories", json=body, headers=reader["headers"]).status_code == 403
    stranger = auth.register()
    assert client.post("/api/gpt/batch-analyze-stories", json=body, headers=stranger["headers"]).status_code == 404
    mixed = client.post("/api/gpt/batch-analyze-stories", headers=owner["headers"],
                        json={**body, "story_ids": [foreign["story_id"]]})
    assert mixed.status_code == 400 and "story_ids" in mixed.json["details"]
    empty = run_job(client, owner, "/api/gpt/batch-analyze-stories", body)
    assert empty["status"] == "completed" and empty["result"]["analyzed_stories"] == []


def test_spec_documents_the_ai_routes(client):
    spec = client.get("/apispec.json").json
    for path in ("/api/gpt/generate-description", "/api/gpt/analyze", "/api/gpt/batch-analyze-stories",
                 "/api/worlds/{world_id}/events/extract", "/api/stories/{story_id}/events/extract"):
        post = spec["paths"][path]["post"]
        assert "202" in post["responses"] and "429" in post["responses"] and post["summary"], path
    assert spec["paths"]["/api/gpt/analyze"]["post"]["requestBody"]
    assert "delete" in spec["paths"]["/api/gpt/tasks/{task_id}"]
    assert {"put", "delete"} <= set(spec["paths"]["/api/events/{event_id}"])
    assert "DescriptionBody" in spec["components"]["schemas"]
