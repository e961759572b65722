"""A queued AI job re-checks its owner's access when it runs: access revoked
while it waited (share withdrawn, account banned, admin demoted) ends it in
``error``, and none of the world's content reaches the model or the result."""
from __future__ import annotations

import time

import pytest
from ai_helpers import FAST_AI, FINISHED, wait_task

SECRET = "Vell"   # appears in the world's and the story's text only
PROMPTS_ONLY_IN_BLOCKER = "Nothing to see."


@pytest.fixture
def config_overrides(fake_ai):
    # One worker, and a model timeout long enough that the blocking job holds it until released.
    return {**FAST_AI, "OPENAI_BASE_URL": fake_ai.url, "TASK_WORKERS": 1, "OPENAI_TIMEOUT": 10}


@pytest.fixture
def scene(client, auth, make_world, make_story):
    owner, reader = auth.register(), auth.register()
    admin = auth.register(role="admin")
    world = make_world(owner, description=f"The secret isles of {SECRET}.")
    story = make_story(owner, world, title="Salt", content=f"Mara {SECRET} sailed to Karsk.")
    response = client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"],
                           json={"user_ids": [reader["user_id"]]})
    assert response.status_code == 200
    return {"owner": owner, "reader": reader, "admin": admin, "world": world, "story": story}


def occupy_the_worker(client, user, fake_ai) -> dict:
    """Start a job whose model call hangs until ``fake_ai.release`` is set."""
    fake_ai.push("hang")
    response = client.post("/api/gpt/analyze", json={"world_description": PROMPTS_ONLY_IN_BLOCKER},
                           headers=user["headers"])
    assert response.status_code == 202
    task = wait_task(client, user, response.json["task_id"], until=("processing",))
    assert task["status"] == "processing"
    return task


def settled(store, task_id, timeout=15.0) -> dict:
    """The task once finished, read from the store (a banned owner can no longer poll)."""
    deadline = time.monotonic() + timeout
    while True:
        task = store.get("tasks", task_id)
        if task["status"] in FINISHED or time.monotonic() > deadline:
            return task
        time.sleep(0.02)


def unshare(client, scene, store):
    response = client.post(f"/api/worlds/{scene['world']['world_id']}/unshare",
                           headers=scene["owner"]["headers"], json={"user_ids": [scene["reader"]["user_id"]]})
    assert response.status_code == 200


def ban_reader(client, scene, store):
    doc = store.get("users", scene["reader"]["user_id"])
    store.put_many("users", [(doc["user_id"], {**doc, "banned": True})])


def demote_admin(client, scene, store, auth):
    auth.set_role(scene["admin"]["user_id"], "user")


def story_description(scene):
    return "/api/gpt/generate-description", {"type": "story", "story_title": "Fog",
                                             "world_id": scene["world"]["world_id"]}


def story_analysis(scene):
    return "/api/gpt/analyze", {"story_description": "Someone sails.", "world_id": scene["world"]["world_id"]}


def batch_analysis(scene):
    return "/api/gpt/batch-analyze-stories", {"world_id": scene["world"]["world_id"]}


def world_events(scene):
    return f"/api/worlds/{scene['world']['world_id']}/events/extract", {}


def story_events(scene):
    return f"/api/stories/{scene['story']['story_id']}/events/extract", {}


CASES = {
    "reader unshared, story description": ("reader", story_description, unshare),
    "reader unshared, story analysis": ("reader", story_analysis, unshare),
    "reader banned, story description": ("reader", story_description, ban_reader),
    "admin demoted, batch analysis": ("admin", batch_analysis, demote_admin),
    "admin demoted, world events": ("admin", world_events, demote_admin),
    "admin demoted, story events": ("admin", story_events, demote_admin),
}


@pytest.mark.parametrize("case", list(CASES))
def test_job_queued_before_access_was_revoked_ends_in_error(case, client, auth, store, scene, fake_ai, ai):
    starter, job, revoke = CASES[case]
    user = scene[starter]
    occupy_the_worker(client, scene["owner"], fake_ai)
    path, body = job(scene)
    response = client.post(path, json=body, headers=user["headers"])
    assert response.status_code == 202, response.json
    task_id = response.json["task_id"]
    assert store.get("tasks", task_id)["status"] == "pending"   # queued behind the blocker
    if revoke is demote_admin:
        revoke(client, scene, store, auth)
    else:
        revoke(client, scene, store)
    fake_ai.release.set()
    task = settled(store, task_id)
    assert task["status"] == "error", task
    assert task["result"].startswith("Access revoked")
    assert SECRET not in str(task["result"]) and SECRET not in str(task["progress"])
    assert not any(SECRET in str(r["body"]) for r in fake_ai.requests)   # nothing reached the model
    assert store.find_ids("events", where={"world_id": scene["world"]["world_id"]}) == []
    assert store.get("stories", scene["story"]["story_id"])["entities"] == []


def test_job_still_runs_while_access_holds(client, scene, fake_ai, ai):
    occupy_the_worker(client, scene["owner"], fake_ai)
    path, body = story_description(scene)
    response = client.post(path, json=body, headers=scene["reader"]["headers"])
    fake_ai.release.set()
    task = wait_task(client, scene["reader"], response.json["task_id"])
    assert task["status"] == "completed", task
    assert any(SECRET in str(r["body"]) for r in fake_ai.requests)   # the world's text was used
