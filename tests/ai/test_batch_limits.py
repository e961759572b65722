"""One batch analysis is bounded: at most MAX_BATCH_STORIES stories and
MAX_BATCH_CHARS characters of their text; past either, 400 in the error shape."""
from __future__ import annotations

import pytest

from services.ai_service import MAX_BATCH_CHARS, MAX_BATCH_STORIES

LONGEST = 200_000   # the most text one story may hold
PATH = "/api/gpt/batch-analyze-stories"


@pytest.fixture
def owner(auth):
    return auth.register()


@pytest.fixture
def world(owner, make_world):
    return make_world(owner)


def long_stories(owner, world, make_story, count):
    return [make_story(owner, world, title=f"Long {n}", content="The tide came in. " * (LONGEST // 18))["story_id"]
            for n in range(count)]


def assert_rejected(response, field="story_ids"):
    assert response.status_code == 400, response.json
    assert response.json["code"] == "validation_error" and response.json["error"]
    assert field in response.json["details"]


def test_more_story_ids_than_a_batch_holds_is_400(client, owner, world, store):
    ids = [f"story-{n}" for n in range(MAX_BATCH_STORIES + 1)]
    assert_rejected(client.post(PATH, json={"world_id": world["world_id"], "story_ids": ids},
                                headers=owner["headers"]))
    assert store.count("tasks") == 0
    spec = client.get("/apispec.json").json["components"]["schemas"]["BatchAnalyzeBody"]
    assert spec["properties"]["story_ids"]["maxItems"] == MAX_BATCH_STORIES


def test_more_text_than_a_batch_holds_is_400_naming_the_limit(client, owner, world, make_story, store):
    ids = long_stories(owner, world, make_story, MAX_BATCH_CHARS // LONGEST + 1)
    response = client.post(PATH, json={"world_id": world["world_id"], "story_ids": ids}, headers=owner["headers"])
    assert_rejected(response)
    assert f"{MAX_BATCH_CHARS:,}" in response.json["error"]
    assert store.count("tasks") == 0


def test_default_batch_takes_the_unlinked_stories_that_fit(client, owner, world, make_story, ai):
    ids = long_stories(owner, world, make_story, MAX_BATCH_CHARS // LONGEST + 1)
    response = client.post(PATH, json={"world_id": world["world_id"]}, headers=owner["headers"])
    assert response.status_code == 202, response.json
    task_id = response.json["task_id"]
    client.delete(f"/api/gpt/tasks/{task_id}", headers=owner["headers"])   # its size is what matters here
    task = client.get(f"/api/gpt/results/{task_id}", headers=owner["headers"]).json
    assert task["progress"]["total"] == MAX_BATCH_CHARS // LONGEST < len(ids)


def test_foreign_story_ids_are_still_400(client, auth, owner, world, make_world, make_story):
    stranger = auth.register()
    theirs = make_story(stranger, make_world(stranger))["story_id"]
    response = client.post(PATH, json={"world_id": world["world_id"], "story_ids": [theirs]},
                           headers=owner["headers"])
    assert_rejected(response)
    assert theirs in response.json["details"]["story_ids"]
