"""Hardening: CORS allow-list, security headers, body size (413), JSON only (415),
and no stack traces or exception text in any answer."""
from __future__ import annotations

import pytest


@pytest.fixture
def config_overrides():
    return {"CORS_ORIGINS": ["https://app.example.org"], "MAX_CONTENT_LENGTH": 2048}


def test_cors_allows_only_configured_origins(client):
    allowed = client.get("/api/health", headers={"Origin": "https://app.example.org"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.example.org"
    assert "Retry-After" in allowed.headers["Access-Control-Expose-Headers"]
    denied = client.get("/api/health", headers={"Origin": "https://evil.example.com"})
    assert "Access-Control-Allow-Origin" not in denied.headers
    preflight = client.options("/api/worlds", headers={
        "Origin": "https://evil.example.com", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_default_cors_origins_are_the_dev_servers():
    from config import Config

    assert set(Config().CORS_ORIGINS) >= {"http://localhost:5173"}
    assert "*" not in Config().CORS_ORIGINS


@pytest.mark.parametrize("path", ["/api/health", "/api/worlds", "/api/nowhere", "/apispec.json"])
def test_security_headers_everywhere(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    if path.startswith("/api/"):
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["Cache-Control"] == "no-store"


def test_oversized_body_is_413(client, auth):
    user = auth.register()
    response = client.post("/api/worlds", headers=user["headers"],
                           json={"name": "W", "description": "x" * 4096})
    assert response.status_code == 413
    assert response.json["code"] == "payload_too_large"


def test_oversized_login_is_413_in_the_auth_shape(client):
    response = client.post("/api/auth/login", json={"username": "u", "password": "p" * 4096})
    assert response.status_code == 413 and response.json["success"] is False


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "application/xml"])
def test_non_json_bodies_are_415(client, auth, content_type):
    user = auth.register()
    response = client.post("/api/worlds", headers={**user["headers"], "Content-Type": content_type},
                           data="name=W")
    assert response.status_code == 415
    assert response.json["code"] == "unsupported_media_type"


@pytest.mark.parametrize("raw", [b"{", b"[1, 2]", b'"text"', b"null", b'{"name": NaN}', b"\xff\xfe"])
def test_malformed_json_is_400_without_internals(client, auth, raw):
    user = auth.register()
    response = client.post("/api/worlds", data=raw,
                           headers={**user["headers"], "Content-Type": "application/json"})
    assert response.status_code == 400
    assert_no_internals(response)


def assert_no_internals(response):
    text = response.get_data(as_text=True)
    for marker in ("Traceback", 'File "', "line ", "Exception", "orjson", "pydantic", "werkzeug", "/work/"):
        assert marker not in text, (marker, text)


def test_unexpected_errors_answer_500_without_details(app, client, auth, monkeypatch):
    from services.world_service import WorldService

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals: /etc/passwd at line 42")

    monkeypatch.setattr(WorldService, "list", explode)
    response = client.get("/api/worlds")
    assert response.status_code == 500
    assert response.json == {"error": "Internal server error", "code": "internal_error", "details": {}}
    assert_no_internals(response)


def test_wrong_methods_and_unknown_paths_answer_json(client):
    assert client.delete("/api/worlds").status_code == 405
    assert client.delete("/api/worlds").json["code"] == "method_not_allowed"
    assert client.get("/api/nowhere").json["code"] == "not_found"
