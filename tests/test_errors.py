"""One error shape for every error, and no 500 for bad input."""
import pytest


def assert_error_shape(response, status, code=None):
    assert response.status_code == status
    assert response.is_json
    body = response.json
    assert set(body) >= {"error", "code", "details"}
    assert isinstance(body["error"], str) and body["error"]
    if code:
        assert body["code"] == code
    assert "Traceback" not in response.get_data(as_text=True)


def test_malformed_json(client, auth):
    user = auth.register()
    response = client.post("/api/worlds", data='{"name": ', content_type="application/json", headers=user["headers"])
    assert_error_shape(response, 400, "malformed_json")


def test_body_must_be_an_object(client, auth):
    user = auth.register()
    assert_error_shape(client.post("/api/worlds", json=["x"], headers=user["headers"]), 400, "validation_error")


def test_non_json_body_is_415(client, auth):
    user = auth.register()
    response = client.post("/api/worlds", data="name=x", content_type="application/x-www-form-urlencoded",
                           headers=user["headers"])
    assert_error_shape(response, 415, "unsupported_media_type")


def test_body_too_large_is_413(client, auth, app):
    user = auth.register()
    big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)
    response = client.post("/api/worlds", json={"name": "n", "description": big}, headers=user["headers"])
    assert_error_shape(response, 413, "payload_too_large")


def test_unknown_route_and_method(client):
    assert_error_shape(client.get("/api/no-such-thing"), 404, "not_found")
    response = client.delete("/api/stats")
    assert_error_shape(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_validation_details_map_fields_to_messages(client, auth):
    user = auth.register()
    response = client.post("/api/worlds", json={"name": 5, "starter_cast": "perhaps"}, headers=user["headers"])
    assert_error_shape(response, 400, "validation_error")
    assert set(response.json["details"]) == {"name", "starter_cast"}


@pytest.mark.parametrize("header", ["Bearer", "Token abc", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz"])
def test_bad_authorization_headers_are_401(client, header):
    assert_error_shape(client.get("/api/auth/me", headers={"Authorization": header}), 401)


def test_failed_write_changes_nothing(client, auth, make_world, store):
    user = auth.register()
    world = make_world(user)
    before = store.get("worlds", world["world_id"])
    response = client.patch(f"/api/worlds/{world['world_id']}", headers=user["headers"],
                            json={"name": "Fine", "visibility": "everyone"})
    assert response.status_code == 400
    assert store.get("worlds", world["world_id"]) == before


def test_security_headers_on_api_answers(client):
    response = client.get("/api/health")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


def test_nul_characters_are_rejected_everywhere(client, auth):
    user = auth.register()
    body = client.post("/api/worlds", data='{"name": "bad\\u0000name"}', content_type="application/json",
                       headers=user["headers"])
    assert_error_shape(body, 400, "nul_character")
    assert_error_shape(client.get("/api/worlds?q=a%00b"), 400, "nul_character")
    assert_error_shape(client.get("/api/worlds/abc%00def"), 400, "nul_character")
    assert client.get("/api/worlds", headers=user["headers"]).json == []


def test_unknown_query_parameters_are_400_not_silently_ignored(client, auth):
    user = auth.register()
    answer = client.get("/api/worlds?visiblity=public", headers=user["headers"])
    assert answer.status_code == 400
    assert answer.json["details"] == {"visiblity": "unknown query parameter"}
    assert client.get("/api/worlds?visibility=public&page=1&per_page=5",
                      headers=user["headers"]).status_code == 200
