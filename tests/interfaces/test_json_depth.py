"""Deeply nested JSON bodies answer 400 ``too_deep``, never 500 (orjson cannot
serialise past 254 levels, so such a body, once stored, could never be read back)."""
import pytest
from flask import request

from interfaces.json_provider import JSONTooDeep, loads_limited, nested_deeper_than


def nested(depth: int) -> str:
    """``depth`` levels of nesting in all: an entity body whose attributes hold the rest."""
    inner = '{"a":' * (depth - 2) + "1" + "}" * (depth - 2)
    return '{"name": "Deep %d", "attributes": {"x": %s}}' % (depth, inner)


def post_entity(client, user, world, raw: str):
    return client.post(f"/api/worlds/{world['world_id']}/entities", data=raw,
                       content_type="application/json", headers=user["headers"])


def assert_too_deep(response):
    assert response.status_code == 400, response.get_data(as_text=True)[:200]
    assert set(response.json) >= {"error", "code", "details"}
    assert response.json["code"] == "too_deep" and response.json["details"]["body"]


def test_a_body_64_deep_reaches_normal_validation(client, auth, make_world):
    user = auth.register()
    world = make_world(user)
    created = post_entity(client, user, world, nested(64))
    assert created.status_code == 201, created.json
    assert client.get(f"/api/worlds/{world['world_id']}", headers=user["headers"]).status_code == 200
    invalid = post_entity(client, user, world, nested(64).replace('"name"', '"nom"'))
    assert invalid.status_code == 400 and invalid.json["code"] == "validation_error"


@pytest.mark.parametrize("depth", [65, 254, 300, 1025, 100_000])
def test_bodies_nested_deeper_than_64_are_400_too_deep(client, auth, make_world, store, depth):
    user = auth.register()
    world = make_world(user)
    assert_too_deep(post_entity(client, user, world, nested(depth)))
    assert store.count("entities", where={"world_id": world["world_id"]}) == 0


@pytest.mark.parametrize("raw", ["[" * 300 + "]" * 300, "[" * 100_000])
def test_deep_arrays_are_too_deep_on_any_route(client, raw):
    response = client.post("/api/auth/login", data=raw, content_type="application/json")
    assert_too_deep(response)


def test_brackets_inside_strings_do_not_count(client, auth, make_world):
    user = auth.register()
    world = make_world(user)
    raw = '{"name": "Brackets", "description": "%s"}' % ("[{" * 500)
    assert post_entity(client, user, world, raw).status_code == 201


class TestConfiguredLimit:
    @pytest.fixture
    def config_overrides(self):
        return {"MAX_JSON_DEPTH": 3}

    def test_the_limit_is_configurable(self, client):
        ok = client.post("/api/auth/login", data='{"username": [1]}', content_type="application/json")
        assert ok.status_code == 400 and ok.json["code"] == "validation_error"
        deep = client.post("/api/auth/login", data='{"username": [[[1]]]}', content_type="application/json")
        assert_too_deep(deep)


def test_request_get_json_refuses_deep_documents_too(app):
    with app.test_request_context("/", data="[" * 70 + "]" * 70, content_type="application/json"):
        assert request.get_json(silent=True) is None


def test_loads_limited_counts_levels_exactly():
    assert loads_limited("[" * 64 + "]" * 64) is not None
    with pytest.raises(JSONTooDeep):
        loads_limited("[" * 65 + "]" * 65)
    assert nested_deeper_than({"a": [1, {"b": []}]}, 2) is True
    assert nested_deeper_than({"a": [1, {"b": 2}]}, 3) is False
    assert nested_deeper_than("scalar", 0) is False

