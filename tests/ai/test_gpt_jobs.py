"""Every AI job over the real ``openai`` SDK, against the local fake server."""
from __future__ import annotations

import pytest
from ai_helpers import FAST_AI, run_job
from fake_openai import COMPLETION_TOKENS, PROMPT_TOKENS

STORY_TEXT = "Mara Vell sailed to Karsk. There Orin Dask forged her a blade."


@pytest.fixture
def config_overrides(fake_ai):
    return {**FAST_AI, "OPENAI_BASE_URL": fake_ai.url}


@pytest.fixture
def owner(auth):
    return auth.register()


@pytest.fixture
def world(owner, make_world):
    return make_world(owner, description="A world of storms.")


@pytest.fixture
def stories(owner, world, make_story):
    return [make_story(owner, world, title=f"Voyage {n}", content=STORY_TEXT, time_index=10 * n)
            for n in (1, 2)]


def job_requests(world, stories):
    """(path, body, query, check(result)) for every job type."""
    return {
        "world_description": ("/api/gpt/generate-description",
                              {"type": "world", "world_name": "Karsk", "world_type": "fantasy"}, "",
                              lambda r: r == {"description": "A world of storms and old oaths."}),
        "story_description": ("/api/gpt/generate-description",
                              {"type": "story", "story_title": "Salt", "characters": ["Mara"]}, "",
                              lambda r: r == {"story_description": "A tale of salt and iron."}),
        "world_analysis": ("/api/gpt/analyze", {"world_description": "Mara Vell lives in Karsk."}, "",
                           lambda r: r["entities"][0]["name"] == "Mara Vell" and r["locations"][0]["name"] == "Karsk"),
        "story_analysis": ("/api/gpt/analyze", {"story_description": STORY_TEXT, "story_title": "Salt"}, "",
                           lambda r: [c["name"] for c in r["characters"]] == ["Mara Vell", "Orin Dask"]),
        "batch_analysis": ("/api/gpt/batch-analyze-stories", {"world_id": world["world_id"]}, "",
                           lambda r: len(r["analyzed_stories"]) == 2 and r["linked_count"] == 1),
        "story_events": (f"/api/stories/{stories[0]['story_id']}/events/extract", {}, "",
                         lambda r: r["event_count"] == 2 and not r["cached"]),
        "world_events": (f"/api/worlds/{world['world_id']}/events/extract", {}, "",
                         lambda r: r["total_events"] == 4 and len(r["stories"]) == 2),
    }


JOBS = ["world_description", "story_description", "world_analysis", "story_analysis",
        "batch_analysis", "story_events", "world_events"]


@pytest.mark.parametrize("job", JOBS)
def test_every_job_completes_through_the_sdk(job, client, owner, world, stories, fake_ai, ai):
    path, body, query, check = job_requests(world, stories)[job]
    task = run_job(client, owner, path, body, query)
    assert task["status"] == "completed", task
    assert task["type"] == job
    assert check(task["result"]), task["result"]
    assert task["provider"] == "openai-compatible"
    calls = len(fake_ai.requests)
    assert calls >= 1
    assert task["usage"] == {"prompt_tokens": PROMPT_TOKENS * calls, "completion_tokens": COMPLETION_TOKENS * calls}
    assert task["progress"]["done"] == task["progress"]["total"]
    sent = fake_ai.requests[0]
    assert sent["body"]["model"] == "test-model"
    assert sent["authorization"] == "Bearer not-needed"   # a base URL without a key works
    assert "response_format" not in sent["body"]         # local servers may not support it


def test_batch_analysis_creates_and_links_the_cast(client, owner, world, stories, ai):
    task = run_job(client, owner, "/api/gpt/batch-analyze-stories",
                   {"world_id": world["world_id"], "story_ids": [s["story_id"] for s in stories]})
    assert task["status"] == "completed", task
    result = task["result"]
    assert result["total_characters_found"] == 4 and result["total_locations_found"] == 2
    first, second = result["analyzed_stories"]
    assert first["created_entities"] == ["Mara Vell", "Orin Dask"] and second["created_entities"] == []
    characters = client.get(f"/api/worlds/{world['world_id']}/characters", headers=owner["headers"]).json
    assert sorted(c["name"] for c in characters) == ["Mara Vell", "Orin Dask"]   # no duplicates
    story = client.get(f"/api/stories/{stories[0]['story_id']}", headers=owner["headers"]).json
    assert len(story["entities"]) == 2 and len(story["locations"]) == 1
    assert story["linked_stories"] == [stories[1]["story_id"]]


def test_events_link_only_known_names(client, owner, world, stories, ai):
    client.post(f"/api/stories/{stories[0]['story_id']}/link-entities", headers=owner["headers"],
                json={"characters": ["Mara Vell", "Orin Dask"], "locations": ["Karsk"]})
    task = run_job(client, owner, f"/api/stories/{stories[0]['story_id']}/events/extract")
    first, second = task["result"]["events"]
    assert len(first["entities"]) == 1 and len(first["locations"]) == 1
    assert len(second["entities"]) == 1   # "Nobody Known" is not in the world: not linked, not created
    names = [c["name"] for c in client.get(f"/api/worlds/{world['world_id']}/characters",
                                           headers=owner["headers"]).json]
    assert "Nobody Known" not in names


def test_health_and_stats_report_the_provider(client, owner):
    assert client.get("/api/health").json["gpt_provider"] == "openai-compatible"
    assert client.get("/api/health").json["gpt_enabled"] is True
    assert client.get("/api/stats", headers=owner["headers"]).json["gpt_provider"] == "openai-compatible"
