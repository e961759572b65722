"""The context preview route counting with the AI server's own tokenizer, over real HTTP."""
from __future__ import annotations

import pytest
from ai_helpers import FAST_AI
from fake_openai import fake_token_count

from ai.tokens import forget_detected


@pytest.fixture
def config_overrides(fake_ai):
    return {**FAST_AI, "OPENAI_BASE_URL": fake_ai.url, "AI_CONTEXT_BUDGETS": {"test-model": 12}}


@pytest.fixture(autouse=True)
def fresh_probes():
    forget_detected()
    yield
    forget_detected()


@pytest.fixture
def world(client, auth, make_world):
    owner = auth.register()
    world = make_world(owner)
    base = f"/api/worlds/{world['world_id']}"
    for name, description in (("Mara Vell", "A sailor."),
                              ("Orin Dask", "A smith of the northern forges, old and patient.")):
        assert client.post(f"{base}/entities", headers=owner["headers"],
                           json={"name": name, "description": description}).status_code == 201
    return owner, base


def test_preview_counts_with_the_servers_tokenizer(client, world, fake_ai):
    owner, base = world
    answer = client.post(f"{base}/context", headers=owner["headers"], json={"text": "Mara Vell and Orin Dask."})
    body = answer.json
    assert answer.status_code == 200, body
    assert (body["tokenizer"], body["model"], body["budget_tokens"]) == ("server:llama.cpp", "test-model", 12)
    line = "Character: Mara Vell. A sailor.\n"
    assert body["text"] == line and body["used_tokens"] == fake_token_count(line) == 8
    assert body["included"] == [{"kind": "entry", "id": body["included"][0]["id"], "name": "Mara Vell",
                                 "tokens": 8, "why": "named", "rank": 1}]
    orin = body["skipped"][0]
    assert (orin["name"], orin["reason"], orin["rank"]) == ("Orin Dask", "budget", 2) and 8 + orin["tokens"] > 12
    assert fake_ai.tokenize_requests and all(set(r) == {"content"} for r in fake_ai.tokenize_requests)
    assert fake_ai.requests == []   # counting is no chat completion
    probes = len(fake_ai.tokenize_requests)
    client.post(f"{base}/context", headers=owner["headers"], json={"text": "Mara Vell and Orin Dask."})
    assert len(fake_ai.tokenize_requests) == probes   # detected once; the same lines are not asked again


def test_a_server_without_a_tokenizer_falls_back_to_the_estimate(client, world, fake_ai):
    fake_ai.tokenizer = False
    owner, base = world
    body = client.post(f"{base}/context", headers=owner["headers"], json={"text": "Mara Vell."}).json
    assert body["tokenizer"] == "estimate" and body["used_tokens"] <= 12
