"""Forged, expired and tampered tokens are refused; the role comes from storage."""
from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta, timezone

import jwt
import pytest

SECRET = "test-secret-key-that-is-long-enough-for-hs256"


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def claims_for(user: dict, **extra) -> dict:
    now = datetime.now(timezone.utc)
    return {"sub": user["user_id"], "tv": 0, "iat": now, "exp": now + timedelta(hours=1), **extra}


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def assert_rejected(client, token: str, code: str = "invalid_token"):
    for path in ("/api/auth/me", "/api/worlds"):   # token_required and optional_auth alike
        response = client.get(path, headers=bearer(token))
        assert response.status_code == 401, (path, response.json)
        assert response.json["code"] == code


def test_a_genuine_token_works(client, auth):
    user = auth.register()
    assert client.get("/api/auth/me", headers=bearer(jwt.encode(claims_for(user), SECRET))).status_code == 200


def test_alg_none_is_rejected(client, auth):
    user = auth.register()
    claims = {"sub": user["user_id"], "tv": 0, "exp": 4102444800}
    assert_rejected(client, f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims)}.")


@pytest.mark.filterwarnings("ignore:The HMAC key")
def test_other_algorithms_are_rejected(client, auth):
    user = auth.register()
    token = jwt.encode(claims_for(user), SECRET, algorithm="HS512")
    assert_rejected(client, token)


def test_wrong_key_is_rejected(client, auth):
    user = auth.register()
    assert_rejected(client, jwt.encode(claims_for(user), "another-secret-key-of-decent-length!!"))


def test_expired_token_is_rejected(client, auth):
    user = auth.register()
    past = datetime.now(timezone.utc) - timedelta(hours=2)
    token = jwt.encode(claims_for(user, iat=past, exp=past + timedelta(hours=1)), SECRET)
    assert_rejected(client, token, code="token_expired")


@pytest.mark.parametrize("missing", ["exp", "sub", "tv"])
def test_token_missing_a_claim_is_rejected(client, auth, missing):
    user = auth.register()
    claims = claims_for(user)
    claims.pop(missing)
    assert_rejected(client, jwt.encode(claims, SECRET))


def test_tampered_payload_breaks_the_signature(client, auth):
    user, victim = auth.register(), auth.register()
    header, _, signature = user["token"].split(".")
    forged = f"{header}.{b64({'sub': victim['user_id'], 'tv': 0, 'exp': 4102444800})}.{signature}"
    assert_rejected(client, forged)


def test_role_claim_is_ignored_even_when_signed(client, auth):
    """Even with the real key, a ``role`` claim grants nothing: the role is read from storage."""
    user = auth.register()
    token = jwt.encode(claims_for(user, role="admin", roles=["admin"]), SECRET)
    assert client.get("/api/admin/stats", headers=bearer(token)).status_code == 403
    assert client.get("/api/auth/me", headers=bearer(token)).json["user"]["role"] == "user"


def test_edited_role_claim_without_the_key_is_rejected(client, auth):
    user = auth.register()
    header, payload, signature = user["token"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    forged = f"{header}.{b64({**claims, 'role': 'admin'})}.{signature}"
    assert_rejected(client, forged)
    assert client.get("/api/admin/stats", headers=bearer(forged)).status_code == 401


def test_role_is_read_from_storage_on_each_request(client, auth):
    user = auth.register()
    assert client.get("/api/admin/stats", headers=user["headers"]).status_code == 403
    auth.set_role(user["user_id"], "admin")
    assert client.get("/api/admin/stats", headers=user["headers"]).status_code == 200
    auth.set_role(user["user_id"], "user")
    assert client.get("/api/admin/stats", headers=user["headers"]).status_code == 403


def test_deleted_users_tokens_stop_working(client, auth, store):
    user = auth.register()
    store.delete("users", user["user_id"])
    assert_rejected(client, user["token"])


def test_password_change_ends_older_tokens(client, auth):
    user = auth.register()
    response = client.post("/api/auth/change-password", headers=user["headers"],
                           json={"old_password": "password123", "new_password": "password456"})
    assert response.status_code == 200
    assert_rejected(client, user["token"])
    assert client.get("/api/auth/me", headers=bearer(response.json["token"])).status_code == 200


@pytest.mark.parametrize("header", ["Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "Bearer a.b.c",
                                    "Bearer not-a-jwt", "Bearer " + "A" * 5000])
def test_malformed_authorization_headers_are_401(client, header):
    response = client.get("/api/auth/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json["code"] in ("invalid_token", "token_missing")


def test_register_cannot_choose_a_role(client):
    response = client.post("/api/auth/register", json={
        "username": "sneaky", "email": "sneaky@example.com", "password": "password123",
        "role": "admin", "banned": False, "token_version": 99, "user_id": "chosen"})
    assert response.status_code == 201
    assert response.json["user"]["role"] == "user"
    assert response.json["user"]["user_id"] != "chosen"
    token = response.json["token"]
    assert client.get("/api/admin/users", headers=bearer(token)).status_code == 403
