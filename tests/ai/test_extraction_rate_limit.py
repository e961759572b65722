"""Event extraction starts AI jobs, so it is under the per-user AI rate limit
like every ``/api/gpt`` job (tests elsewhere run with rate limiting off)."""
from __future__ import annotations

import pytest


@pytest.fixture
def config_overrides():
    return {"RATELIMIT_ENABLED": True, "RATELIMIT_AI_PER_USER": "2 per minute"}


@pytest.mark.parametrize("route", ["world", "story"])
def test_event_extraction_answers_429_past_the_ai_limit(route, client, auth, make_world, make_story, ai):
    owner, other = auth.register(), auth.register()
    world = make_world(owner)
    story = make_story(owner, world, content="Mara Vell sailed to Karsk.")
    path = (f"/api/worlds/{world['world_id']}/events/extract" if route == "world"
            else f"/api/stories/{story['story_id']}/events/extract")
    assert [client.post(path, headers=owner["headers"]).status_code for _ in range(2)] == [202, 202]
    limited = client.post(path, headers=owner["headers"])
    assert limited.status_code == 429, limited.json
    assert limited.json["code"] == "rate_limited" and int(limited.headers["Retry-After"]) >= 1
    assert client.post(path, headers=other["headers"]).status_code == 404   # per user: others are not limited



def test_extraction_and_gpt_jobs_share_one_bucket_per_user(client, auth, make_world, make_story, ai):
    owner = auth.register()
    world = make_world(owner)
    story = make_story(owner, world, content="Mara Vell sailed to Karsk.")
    analyse = client.post("/api/gpt/analyze", headers=owner["headers"],
                          json={"story_title": "T", "story_description": "Mara met Tobin."})
    extract = client.post(f"/api/stories/{story['story_id']}/events/extract", headers=owner["headers"])
    assert [analyse.status_code, extract.status_code] == [202, 202]
    assert client.post(f"/api/worlds/{world['world_id']}/events/extract",
                       headers=owner["headers"]).status_code == 429
    assert client.post("/api/gpt/analyze", headers=owner["headers"],
                       json={"story_title": "T", "story_description": "Again."}).status_code == 429
