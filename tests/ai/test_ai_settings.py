"""AI settings: the admin's view and connection test, the models a world may choose, and a
world's choice reaching the model (seen in the fake server's recorded requests)."""
from __future__ import annotations

import json

import pytest
from ai_helpers import FAST_AI, run_job

KEY = "sk-test-very-secret-0123"


@pytest.fixture
def config_overrides(fake_ai):
    return {**FAST_AI, "OPENAI_BASE_URL": fake_ai.url, "OPENAI_API_KEY": KEY,
            "AI_ALLOWED_MODELS": ["small-model"], "AI_PRICES": {"test-model": (0.5, 1.5)},
            "AI_CONTEXT_BUDGETS": {"small-model": 800}, "AI_PRICE_CURRENCY": "EUR"}


@pytest.fixture
def admin(auth):
    return auth.register("chief", role="admin")


@pytest.fixture
def owner(auth):
    return auth.register()


def host(fake_ai) -> str:
    return fake_ai.url.split("//")[1].split("/")[0]


def test_the_admin_sees_the_settings_without_the_key(client, admin, fake_ai):
    response = client.get("/api/admin/ai", headers=admin["headers"])
    assert response.status_code == 200
    assert KEY not in response.get_data(as_text=True) and fake_ai.url not in response.get_data(as_text=True)
    answer = response.json
    assert answer["provider"] == "openai-compatible" and answer["base_url_host"] == host(fake_ai)
    assert answer["api_key_set"] is True and answer["model"] == "test-model"
    assert answer["allowed_models"] == ["test-model", "small-model"]
    assert answer["context_budget"] == {"default": 2000, "per_model": {"small-model": 800}}
    assert answer["prices"] == {"test-model": {"prompt": 0.5, "completion": 1.5}} and answer["currency"] == "EUR"
    assert answer["capabilities"] == {"streaming": None, "json_mode": None, "tools": None, "checked_at": None}


def test_only_admins_see_or_test_the_settings(client, owner, auth):
    moderator = auth.register(role="moderator")
    for user in (owner, moderator):
        assert client.get("/api/admin/ai", headers=user["headers"]).status_code == 403
        assert client.post("/api/admin/ai/test", json={}, headers=user["headers"]).status_code == 403
    assert client.get("/api/admin/ai").status_code == 401


def test_the_connection_test_makes_real_tiny_calls(client, admin, fake_ai):
    answer = client.post("/api/admin/ai/test", json={}, headers=admin["headers"]).json
    assert answer["ok"] is True and answer["model"] == "test-model" and "error" not in answer
    assert answer["provider"] == "openai-compatible" and answer["latency_ms"] >= 0
    assert {k: answer["capabilities"][k] for k in ("streaming", "json_mode", "tools")} == {
        "streaming": True, "json_mode": True, "tools": True}
    assert {r["action"] for r in fake_ai.requests} == {"probe"}
    assert all(r["authorization"] == f"Bearer {KEY}" for r in fake_ai.requests)
    # what was found is kept: the settings show it and jobs use JSON mode from now on
    assert client.get("/api/admin/ai", headers=admin["headers"]).json["capabilities"]["json_mode"] is True


def test_the_connection_test_of_a_server_lacking_features(client, admin, fake_ai):
    fake_ai.reject_json_mode = fake_ai.reject_tools = True
    answer = client.post("/api/admin/ai/test", json={"model": "small-model"}, headers=admin["headers"]).json
    assert answer["ok"] is True and answer["model"] == "small-model"
    assert (answer["capabilities"]["json_mode"], answer["capabilities"]["tools"]) == (False, False)
    assert {r["body"]["model"] for r in fake_ai.requests} == {"small-model"}


def test_the_connection_test_refuses_a_model_not_allowed(client, admin, fake_ai):
    response = client.post("/api/admin/ai/test", json={"model": "huge-model"}, headers=admin["headers"])
    assert response.status_code == 400 and response.json["code"] == "model_not_allowed"
    assert "model" in response.json["details"]
    assert not fake_ai.requests


def test_the_connection_test_reports_an_unreachable_server(client, admin, fake_ai):
    fake_ai.stop()
    answer = client.post("/api/admin/ai/test", json={}, headers=admin["headers"]).json
    assert answer["ok"] is False
    assert answer["error"].startswith(f"Cannot reach the AI provider at {host(fake_ai)}")
    assert KEY not in json.dumps(answer)


def test_the_connection_test_reports_a_rejected_key(client, admin, fake_ai):
    fake_ai.push("401")
    answer = client.post("/api/admin/ai/test", json={}, headers=admin["headers"]).json
    assert answer["ok"] is False and "HTTP 401" in answer["error"]
    assert KEY not in json.dumps(answer)
    assert len(fake_ai.requests) == 1


@pytest.mark.parametrize("config_overrides", [{}])
def test_offline_the_test_says_no_server_is_needed(client, auth):
    admin = auth.register("chief", role="admin")
    answer = client.post("/api/admin/ai/test", json={}, headers=admin["headers"]).json
    assert answer["ok"] is True and answer["provider"] == "offline" and answer["model"] == "offline"
    assert answer["message"]
    settings = client.get("/api/admin/ai", headers=admin["headers"]).json
    assert settings["base_url_host"] == "" and settings["api_key_set"] is False


def test_signed_in_users_see_the_models_a_world_may_choose(client, owner):
    answer = client.get("/api/ai/models", headers=owner["headers"]).json
    assert answer == {"default": "test-model", "provider": "openai-compatible", "currency": "EUR", "models": [
        {"id": "test-model", "default": True, "price": {"prompt": 0.5, "completion": 1.5}},
        {"id": "small-model", "default": False, "price": None}]}
    assert client.get("/api/ai/models").status_code == 401


# -- a world's model -----------------------------------------------------------------------

@pytest.fixture
def world(owner, make_world):
    return make_world(owner, name="Thánh Gióng", description="Làng Gióng bên sông.")


def describe_in(client, user, world) -> dict:
    return run_job(client, user, "/api/gpt/generate-description",
                   {"type": "world", "world_name": world["name"], "world_id": world["world_id"]})


def test_the_owner_chooses_an_allowed_model_and_its_jobs_use_it(client, owner, world, fake_ai, ai):
    assert world["ai_model"] == ""
    response = client.patch(f"/api/worlds/{world['world_id']}", json={"ai_model": "small-model"},
                            headers=owner["headers"])
    assert response.status_code == 200 and response.json["ai_model"] == "small-model"
    assert client.get(f"/api/worlds/{world['world_id']}", headers=owner["headers"]).json["ai_model"] == "small-model"
    task = describe_in(client, owner, world)
    assert task["status"] == "completed" and task["model"] == "small-model"
    assert fake_ai.requests[-1]["body"]["model"] == "small-model"
    # back to the site's default
    client.patch(f"/api/worlds/{world['world_id']}", json={"ai_model": ""}, headers=owner["headers"])
    assert describe_in(client, owner, world)["model"] == "test-model"
    assert fake_ai.requests[-1]["body"]["model"] == "test-model"


def test_a_model_not_allowed_is_refused_with_a_field_error(client, owner, world):
    response = client.patch(f"/api/worlds/{world['world_id']}", json={"ai_model": "gpt-huge"},
                            headers=owner["headers"])
    assert response.status_code == 400
    assert response.json["code"] == "model_not_allowed"
    assert "small-model" in response.json["details"]["ai_model"]
    assert client.get(f"/api/worlds/{world['world_id']}", headers=owner["headers"]).json["ai_model"] == ""


def test_only_the_owner_chooses_the_model(client, owner, world, auth, store):
    co_author, reader = auth.register(), auth.register()
    doc = store.get("worlds", world["world_id"])
    with store.unit_of_work():
        store.put("worlds", world["world_id"], {**doc, "co_authors": [co_author["user_id"]],
                                                "shared_with": [reader["user_id"]]})
    for user in (co_author, reader):
        response = client.patch(f"/api/worlds/{world['world_id']}", json={"ai_model": "small-model"},
                                headers=user["headers"])
        assert response.status_code == 403


def test_a_model_no_longer_allowed_falls_back_to_the_default(client, owner, world, store, fake_ai, ai):
    doc = store.get("worlds", world["world_id"])
    with store.unit_of_work():
        store.put("worlds", world["world_id"], {**doc, "ai_model": "retired-model"})
    assert describe_in(client, owner, world)["model"] == "test-model"
    assert fake_ai.requests[-1]["body"]["model"] == "test-model"


def test_a_job_on_no_world_uses_the_default(client, owner, fake_ai, ai):
    task = run_job(client, owner, "/api/gpt/analyze", {"world_description": "Mara Vell lives in Karsk."})
    assert task["model"] == "test-model" and fake_ai.requests[-1]["body"]["model"] == "test-model"
