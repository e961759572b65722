"""The usage ledger: a record per AI job when it ends, priced from AI_PRICES; the caller's
totals by world and by day; a world's totals per member for its owner; records go with
their account and with their purged world."""
from __future__ import annotations

from datetime import timedelta

import pytest
from ai_helpers import FAST_AI, run_job
from fake_openai import COMPLETION_TOKENS, PROMPT_TOKENS

from core.clock import iso, now
from core.models import UsageRecord

# per million tokens: prompt 2.0, completion 10.0 (test-model); small-model unpriced
PRICE = (PROMPT_TOKENS * 2.0 + COMPLETION_TOKENS * 10.0) / 1_000_000


@pytest.fixture
def config_overrides(fake_ai, on_both_stores):
    return {**on_both_stores, **FAST_AI, "OPENAI_BASE_URL": fake_ai.url, "AI_ALLOWED_MODELS": ["small-model"],
            "AI_PRICES": {"test-model": (2.0, 10.0)}}


@pytest.fixture
def team(auth, make_world, store):
    """``owner``'s world "Thánh Gióng" with co-author ``writer`` and reader ``reader``; ``stranger``."""
    owner, writer, reader, stranger = (auth.register(n) for n in ("owner", "writer", "reader", "stranger"))
    world = make_world(owner, name="Thánh Gióng", description="Làng Gióng bên sông Hồng.")
    doc = store.get("worlds", world["world_id"])
    with store.unit_of_work():
        store.put("worlds", world["world_id"], {**doc, "co_authors": [writer["user_id"]],
                                                "shared_with": [reader["user_id"]]})
    return {"owner": owner, "writer": writer, "reader": reader, "stranger": stranger, "world": world}


def describe(client, user, world=None) -> dict:
    body = {"type": "world", "world_name": "Karsk", **({"world_id": world["world_id"]} if world else {})}
    task = run_job(client, user, "/api/gpt/generate-description", body)
    assert task["status"] == "completed", task
    return task


def usage(client, user, days=None):
    return client.get("/api/usage" + (f"?days={days}" if days is not None else ""), headers=user["headers"])


def test_every_job_is_recorded_with_its_tokens_and_cost(client, team, ai):
    owner, world = team["owner"], team["world"]
    describe(client, owner, world)
    describe(client, owner, world)
    describe(client, owner)   # on no world
    answer = usage(client, owner).json
    assert answer["currency"] == "USD" and answer["days"] == 30
    assert answer["totals"] == {"jobs": 3, "prompt_tokens": 3 * PROMPT_TOKENS,
                                "completion_tokens": 3 * COMPLETION_TOKENS, "cost": pytest.approx(3 * PRICE)}
    by_world = {w["world_id"]: w for w in answer["by_world"]}
    assert by_world[world["world_id"]]["name"] == "Thánh Gióng" and by_world[world["world_id"]]["jobs"] == 2
    assert by_world[world["world_id"]]["cost"] == pytest.approx(2 * PRICE)
    assert by_world[""]["jobs"] == 1 and by_world[""]["name"] == ""
    assert [d["day"] for d in answer["by_day"]] == [iso(now())[:10]] and answer["by_day"][0]["jobs"] == 3


def test_an_unpriced_model_costs_nothing_but_its_tokens_count(client, team, ai):
    owner, world = team["owner"], team["world"]
    client.patch(f"/api/worlds/{world['world_id']}", json={"ai_model": "small-model"}, headers=owner["headers"])
    describe(client, owner, world)
    totals = usage(client, owner).json["totals"]
    assert totals["prompt_tokens"] == PROMPT_TOKENS and totals["cost"] == 0


def test_a_failed_job_is_recorded_with_what_it_used(client, team, fake_ai, ai):
    fake_ai.push("401")
    task = run_job(client, team["owner"], "/api/gpt/generate-description",
                   {"type": "world", "world_name": "Karsk", "world_id": team["world"]["world_id"]})
    assert task["status"] == "error"
    assert usage(client, team["owner"]).json["totals"] == {"jobs": 1, "prompt_tokens": 0,
                                                          "completion_tokens": 0, "cost": 0}


def test_the_owner_sees_the_world_per_member_and_no_one_else_does(client, team, ai):
    owner, writer, reader, stranger, world = (team[k] for k in ("owner", "writer", "reader", "stranger", "world"))
    describe(client, owner, world)
    describe(client, writer, world)
    describe(client, writer, world)
    describe(client, reader, world)   # a reader's jobs are their own business: not the world's
    url = f"/api/worlds/{world['world_id']}/usage"
    answer = client.get(url, headers=owner["headers"]).json
    assert answer["world_id"] == world["world_id"] and answer["totals"]["jobs"] == 3
    members = [(m["username"], m["jobs"], m["prompt_tokens"]) for m in answer["members"]]
    assert members == [("writer", 2, 2 * PROMPT_TOKENS), ("owner", 1, PROMPT_TOKENS)]
    assert answer["members"][0]["cost"] == pytest.approx(2 * PRICE)
    assert client.get(url, headers=writer["headers"]).status_code == 403
    assert client.get(url, headers=reader["headers"]).status_code == 403
    assert client.get(url, headers=stranger["headers"]).status_code == 404
    assert client.get(url).status_code == 401
    # everyone sees their own jobs only
    assert usage(client, writer).json["totals"]["jobs"] == 2
    reader_usage = usage(client, reader).json
    assert reader_usage["totals"]["jobs"] == 1 and [w["world_id"] for w in reader_usage["by_world"]] == [""]
    assert usage(client, stranger).json == {"currency": "USD", "days": 30, "totals": {
        "jobs": 0, "prompt_tokens": 0, "completion_tokens": 0, "cost": 0}, "by_world": [], "by_day": []}


def test_days_bound_what_is_counted(client, team, store, ai):
    owner = team["owner"]
    old = UsageRecord(user_id=owner["user_id"], task_id="old-task", task_type="world_description",
                      provider="openai-compatible", model="test-model", prompt_tokens=1000, completion_tokens=0,
                      cost=0.5, usage_id="old-task", created_at=iso(now() - timedelta(days=40)))
    with store.unit_of_work():
        store.put(UsageRecord.collection, old.usage_id, old.to_dict())
    describe(client, owner)
    assert usage(client, owner, 7).json["totals"]["jobs"] == 1
    long = usage(client, owner, 60).json
    assert long["totals"]["jobs"] == 2 and long["totals"]["prompt_tokens"] == 1000 + PROMPT_TOKENS
    assert len(long["by_day"]) == 2 and long["by_day"][0]["day"] < long["by_day"][1]["day"]
    assert usage(client, owner, 0).status_code == 400 and usage(client, owner, 367).status_code == 400


def test_account_deletion_removes_the_records(client, team, store, ai):
    writer = team["writer"]
    describe(client, writer, team["world"])
    assert store.find_ids(UsageRecord.collection, where={"user_id": writer["user_id"]})
    response = client.delete("/api/auth/me", headers=writer["headers"], json={"password": "password123",
                                                                               "worlds": []})
    assert response.status_code == 200, response.json
    assert not store.find_ids(UsageRecord.collection, where={"user_id": writer["user_id"]})


def test_a_purged_world_takes_its_records_along(client, team, store, ai):
    owner, world = team["owner"], team["world"]
    describe(client, owner, world)
    describe(client, owner)
    trashed = client.delete(f"/api/worlds/{world['world_id']}", headers=owner["headers"]).json
    assert usage(client, owner).json["totals"]["jobs"] == 2   # in the trash: restorable, still counted
    assert client.delete(f"/api/trash/{trashed['trash_id']}", headers=owner["headers"]).status_code == 200
    assert not store.find_ids(UsageRecord.collection, where={"world_id": world["world_id"]})
    assert usage(client, owner).json["totals"]["jobs"] == 1


def test_a_cancelled_job_is_recorded_once_it_stops(client, team, fake_ai, ai):
    owner = team["owner"]
    fake_ai.push("hang", "hang", "hang")
    started = client.post("/api/gpt/generate-description", headers=owner["headers"],
                          json={"type": "world", "world_name": "Karsk", "world_id": team["world"]["world_id"]}).json
    assert client.delete(f"/api/gpt/tasks/{started['task_id']}", headers=owner["headers"]).status_code == 200
    fake_ai.release.set()
    assert ai.runner.wait_idle(timeout=20)
    task = client.get(f"/api/gpt/results/{started['task_id']}", headers=owner["headers"]).json
    assert task["status"] == "cancelled"
    assert usage(client, owner).json["totals"]["jobs"] == 1
