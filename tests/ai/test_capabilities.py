"""Capability detection and its fallbacks, over real HTTP with the real ``openai`` SDK
against the local fake server (which can be told to lack JSON mode, tools or streaming)."""
from __future__ import annotations

import pytest

from ai import prompts
from ai.capabilities import Capabilities, host_of, probe
from ai.gpt_client import GPTClient, Usage
from ai.schemas import WorldDescription


def make_client(fake_ai, **overrides) -> GPTClient:
    settings = {"api_key": None, "base_url": fake_ai.url, "model": "test-model", "timeout": 2.0,
                "max_retries": 0, "backoff": 0.01, **overrides}
    return GPTClient(**settings)


def describe(client: GPTClient, model: str | None = None) -> dict:
    system = prompts.system_prompt("describe_world", "en", prompts.new_fence())
    return client.complete("describe_world", "Describe Karsk.", WorldDescription, Usage(), system=system,
                           model=model).model_dump()


def sent(fake_ai, action: str | None = None) -> list[dict]:
    return [r["body"] for r in fake_ai.requests if action is None or r["action"] == action]


def test_a_full_server_has_every_capability(fake_ai):
    client = make_client(fake_ai)
    result = probe(client, "test-model")
    assert result["ok"] is True and result["model"] == "test-model" and result["latency_ms"] >= 0
    caps = result["capabilities"]
    assert (caps["streaming"], caps["json_mode"], caps["tools"]) == (True, True, True)
    assert caps["checked_at"]
    bodies = sent(fake_ai, "probe")
    assert len(bodies) == 4   # the plain request, then one per capability
    assert bodies[1]["response_format"] == {"type": "json_object"}
    assert bodies[2]["tools"][0]["function"]["name"] == "ping"
    assert bodies[3]["stream"] is True
    assert all(b["max_tokens"] <= 16 for b in bodies)   # tiny requests
    assert client.capabilities.get(fake_ai.url, "test-model") == caps   # remembered


@pytest.mark.parametrize("lacking", ["json_mode", "tools", "streaming"])
def test_a_server_lacking_a_feature_is_detected(fake_ai, lacking):
    setattr(fake_ai, f"reject_{lacking}", True)
    result = probe(make_client(fake_ai), "test-model")
    assert result["ok"] is True
    caps = result["capabilities"]
    assert caps[lacking] is False
    assert all(caps[name] is True for name in ("json_mode", "tools", "streaming") if name != lacking)
    assert len(sent(fake_ai, "refused")) == 1


def test_capabilities_are_per_model(fake_ai):
    client = make_client(fake_ai)
    probe(client, "small-model")
    assert client.capabilities.get(fake_ai.url, "small-model")["json_mode"] is True
    assert client.capabilities.get(fake_ai.url, "test-model")["json_mode"] is None   # not probed
    assert {b["model"] for b in sent(fake_ai)} == {"small-model"}


def test_json_mode_is_used_once_detected(fake_ai):
    client = make_client(fake_ai)
    describe(client)
    assert "response_format" not in sent(fake_ai)[-1]   # nothing known: plain prompt, as before
    probe(client, "test-model")
    assert describe(client) == {"description": "A world of storms and old oaths."}
    assert sent(fake_ai)[-1]["response_format"] == {"type": "json_object"}


def test_json_mode_refused_mid_job_falls_back_to_a_plain_prompt(fake_ai):
    client = make_client(fake_ai)
    client.capabilities.learn(fake_ai.url, "test-model", json_mode=True)
    fake_ai.reject_json_mode = True   # the server changed (or a proxy strips the feature)
    assert describe(client) == {"description": "A world of storms and old oaths."}
    refused, answered = sent(fake_ai)
    assert refused["response_format"] == {"type": "json_object"} and "response_format" not in answered
    assert client.capabilities.flag(fake_ai.url, "test-model", "json_mode") is False
    describe(client)   # remembered: no second refusal
    assert len(sent(fake_ai, "refused")) == 1 and "response_format" not in sent(fake_ai)[-1]


def test_with_nothing_known_only_openai_itself_gets_json_mode(fake_ai):
    openai_itself = GPTClient(api_key="sk-x", base_url=None, model="gpt-4o-mini", timeout=1, max_retries=0,
                              backoff=0)
    assert openai_itself.structured("gpt-4o-mini") == "json_mode"
    assert make_client(fake_ai).structured("test-model") == "plain"   # as before: no capability known


def test_tool_calls_carry_the_answer_where_json_mode_is_missing(fake_ai):
    client = make_client(fake_ai)
    fake_ai.reject_json_mode = True
    probe(client, "test-model")
    assert client.structured("test-model") == "tools"
    assert describe(client) == {"description": "A world of storms and old oaths."}
    request = sent(fake_ai)[-1]
    assert "response_format" not in request and request["tool_choice"]["function"]["name"] == "answer"
    assert request["tools"][0]["function"]["parameters"]["properties"]["description"]
    assert fake_ai.requests[-1]["action"] == "tool_call"


def test_tools_refused_mid_job_fall_back_to_a_plain_prompt(fake_ai):
    client = make_client(fake_ai)
    client.capabilities.learn(fake_ai.url, "test-model", json_mode=False, tools=True)
    fake_ai.reject_tools = True
    assert describe(client) == {"description": "A world of storms and old oaths."}
    assert [r["action"] for r in fake_ai.requests] == ["refused", "ok"]
    assert client.structured("test-model") == "plain"


def test_a_plain_request_never_uses_what_a_server_lacks(fake_ai):
    fake_ai.reject_tools = fake_ai.reject_streaming = True
    assert describe(make_client(fake_ai)) == {"description": "A world of storms and old oaths."}
    assert not sent(fake_ai, "refused")
    assert not {"tools", "stream", "response_format"} & set(sent(fake_ai)[-1])


def test_a_call_picks_its_model(fake_ai):
    client = make_client(fake_ai)
    describe(client)
    describe(client, model="small-model")
    assert [b["model"] for b in sent(fake_ai)] == ["test-model", "small-model"]


def test_the_connection_test_reports_an_unreachable_server_by_host(fake_ai):
    client = make_client(fake_ai, base_url=fake_ai.url.replace("http://", "http://u:pw@"))
    fake_ai.stop()
    result = probe(client, "test-model")
    assert result["ok"] is False
    assert result["error"].startswith(f"Cannot reach the AI provider at {host_of(fake_ai.url)}")
    assert "pw" not in result["error"] and "http" not in result["error"]
    assert result["capabilities"]["json_mode"] is None


def test_the_connection_test_reports_a_rejected_key_without_it(fake_ai):
    client = make_client(fake_ai, api_key="sk-very-secret-key")
    fake_ai.push("401")
    result = probe(client, "test-model")
    assert result["ok"] is False and "401" in result["error"] and "API key" in result["error"]
    assert "sk-very-secret-key" not in result["error"]
    assert len(fake_ai.requests) == 1   # nothing else is tried


def test_host_of_never_keeps_a_user_or_password():
    assert host_of("http://user:secret@llm.local:8080/v1") == "llm.local:8080"
    assert host_of("https://api.example.com/v1/") == "api.example.com"
    assert host_of(None) == "api.openai.com"


def test_learning_rejects_unknown_flags():
    with pytest.raises(ValueError):
        Capabilities().learn(None, "m", vision=True)
