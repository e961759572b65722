"""Writing tools share the per-user AI-job rate limit with every other AI job."""
from __future__ import annotations

import pytest


@pytest.fixture
def config_overrides():
    return {"RATELIMIT_ENABLED": True, "RATELIMIT_AI_PER_USER": "2 per minute"}


def test_writing_jobs_count_in_the_ai_bucket(client, auth, make_world, ai):
    owner = auth.register()
    world = make_world(owner)
    url = f"/api/worlds/{world['world_id']}/writing"
    body = {"tool": "rephrase", "selection": "Mưa  rơi ."}
    assert client.post("/api/gpt/generate-description", json={"type": "world", "world_name": "Eld"},
                       headers=owner["headers"]).status_code == 202
    assert client.post(url, json=body, headers=owner["headers"]).status_code == 202
    limited = client.post(url, json=body, headers=owner["headers"])
    assert limited.status_code == 429 and limited.json["code"] == "rate_limited", limited.json
    task_id = client.get("/api/gpt/tasks", headers=owner["headers"]).json[0]["task_id"]
    streamed = client.get(f"/api/gpt/results/{task_id}/stream", headers=owner["headers"])
    assert streamed.status_code == 200   # reading a job's stream is not limited
