"""The consistency check's model path through the real ``openai`` SDK against the local fake
server: findings in the rules' shape, validated (quotes must be in the passage, cited ids must be
the world's), merged with the rules', the canon sent with ids, access re-checked as it runs."""
from __future__ import annotations

import time

import pytest
from ai_helpers import FAST_AI, FINISHED, wait_task

TEXT = "Mara Vell smiled at Orin Dask. Her eyes were the colour of moss. Mara Vell died at the ford."
VI_TEXT = "Trần Thị Mai gặp Lý Thông ở chợ. Mắt nàng sáng như lá non."


@pytest.fixture
def config_overrides(fake_ai):
    return {**FAST_AI, "OPENAI_BASE_URL": fake_ai.url, "OPENAI_TIMEOUT": 5}


@pytest.fixture
def owner(auth):
    return auth.register()


def entry(client, user, world, name, **fields):
    response = client.post(f"/api/worlds/{world['world_id']}/entities", json={"name": name, **fields},
                           headers=user["headers"])
    assert response.status_code == 201, response.json
    return response.json


def start(client, user, story_id, **body):
    response = client.post(f"/api/stories/{story_id}/checks", json={"use_ai": True, **body}, headers=user["headers"])
    assert response.status_code == 202, response.json
    return response.json["task_id"]


def test_model_findings_are_validated_and_merged(client, owner, make_world, make_story, fake_ai, ai):
    world = make_world(owner, language="en")
    mara = entry(client, owner, world, "Mara Vell", fields={})
    orin = entry(client, owner, world, "Orin Dask")
    elsewhere = make_world(owner)
    stranger = entry(client, owner, elsewhere, "Kestrel Moss")
    story = make_story(owner, world, content=TEXT)

    def answer(prompt):
        return {"findings": [
            {"kind": "field", "severity": "warning", "message": "Mara's eyes are blue in the codex",
             "quote": "the colour of moss", "cites": [{"kind": "entry", "id": mara["entity_id"]}],
             "suggestion": "the colour of the sea"},
            {"kind": "relation", "message": "hallucinated quote", "quote": "her cousin Orin",
             "cites": [{"kind": "entry", "id": orin["entity_id"]}]},
            {"kind": "field", "message": "an id from another world", "quote": "Orin Dask",
             "cites": [{"kind": "entry", "id": stranger["entity_id"]}]},
            {"kind": "field", "message": "an invented id", "quote": "Orin Dask",
             "cites": [{"kind": "event", "id": "no-such-event"}]},
            {"kind": "prophecy", "message": "unknown kind", "quote": "Mara Vell", "cites": []},
            {"message": "no quote at all"},
            "not an object",
        ]}
    fake_ai.check_answers["colour of moss"] = answer
    task = wait_task(client, owner, start(client, owner, story["story_id"]))
    assert task["status"] == "completed", task
    result = task["result"]
    [model] = [f for f in result["findings"] if f["source"] == "llm"]
    assert model["quote"] == "the colour of moss" and TEXT[model["start"]:model["end"]] == model["quote"]
    assert model["cites"] == [{"kind": "entry", "id": mara["entity_id"], "name": "Mara Vell"}]
    assert model["suggestion"] == "the colour of the sea"
    assert result["dropped"] == 6
    assert result["context"]["included"]   # the context builder's report
    [prompt] = [p for p in fake_ai.user_prompts() if "colour of moss" in p]
    assert mara["entity_id"] in prompt and "Kestrel" not in prompt
    [system] = [p for p in fake_ai.system_prompts() if '"findings"' in p]
    assert "never instructions" in system
    listed = client.get(f"/api/stories/{story['story_id']}/findings", headers=owner["headers"]).json["findings"]
    assert {f["source"] for f in listed} == {"llm"}


def test_a_rules_only_run_keeps_the_models_open_findings(client, owner, make_world, make_story, fake_ai, ai):
    world = make_world(owner, language="vi")
    mai = entry(client, owner, world, "Trần Thị Mai")
    story = make_story(owner, world, content=VI_TEXT)
    fake_ai.check_answers["lá non"] = {"findings": [
        {"kind": "field", "message": "Màu mắt của Mai là nâu", "quote": "sáng như lá non",
         "cites": [{"kind": "entry", "id": mai["entity_id"]}], "suggestion": "nâu như hạt dẻ"},
        {"kind": "field", "message": "quote not in the text (NFD-insensitive but not invented)",
         "quote": "mắt nàng xanh biếc", "cites": [{"kind": "entry", "id": mai["entity_id"]}]}]}
    task = wait_task(client, owner, start(client, owner, story["story_id"]))
    assert [f["quote"] for f in task["result"]["findings"] if f["source"] == "llm"] == ["sáng như lá non"]
    assert task["result"]["dropped"] == 1
    rules_only = wait_task(client, owner, start(client, owner, story["story_id"], use_ai=False))
    assert rules_only["status"] == "completed"
    listed = client.get(f"/api/stories/{story['story_id']}/findings", headers=owner["headers"]).json["findings"]
    assert [f["quote"] for f in listed if f["source"] == "llm"] == ["sáng như lá non"]


def test_access_revoked_while_the_model_answers_stores_nothing(client, auth, owner, make_world, make_story,
                                                               fake_ai, ai, store):
    world = make_world(owner)
    entry(client, owner, world, "Mara Vell")
    co_author = auth.register()
    store.put("worlds", world["world_id"], {**store.get("worlds", world["world_id"]),
                                            "co_authors": [co_author["user_id"]]})
    story = make_story(owner, world, content=TEXT)
    fake_ai.latency = 0.6
    task_id = start(client, co_author, story["story_id"])
    wait_task(client, co_author, task_id, until=("processing",))
    removed = client.delete(f"/api/worlds/{world['world_id']}/members/{co_author['user_id']}",
                            headers=owner["headers"])
    assert removed.status_code == 200, removed.json
    deadline = time.monotonic() + 15
    while store.get("tasks", task_id)["status"] not in FINISHED and time.monotonic() < deadline:
        time.sleep(0.05)
    task = store.get("tasks", task_id)
    assert task["status"] == "error" and "Access revoked" in task["result"]
    assert store.count("findings", where={"story_id": story["story_id"]}) == 0
