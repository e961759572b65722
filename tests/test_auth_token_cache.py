"""AuthService keeps verified token claims: a kept token must still expire, be
revoked by a password change, and never vouch for a tampered copy."""
import time

import jwt
import pytest

from core.errors import Unauthorized


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_a_kept_token_still_expires(app, auth):
    service = app.extensions["worldsmith"].auth
    user = auth.register()
    token = jwt.encode({"sub": user["user_id"], "tv": 0, "exp": int(time.time()) + 1},
                       service.secret, algorithm="HS256")
    assert service.user_from_token(token).user_id == user["user_id"]  # now kept
    time.sleep(max(0.0, jwt.decode(token, options={"verify_signature": False})["exp"]
                   - time.time()) + 0.05)
    with pytest.raises(Unauthorized) as raised:
        service.user_from_token(token)
    assert raised.value.code == "token_expired"


def test_a_kept_token_is_revoked_by_a_password_change(client, auth):
    user = auth.register()
    assert client.get("/api/auth/me", headers=user["headers"]).status_code == 200
    changed = client.post("/api/auth/change-password", headers=user["headers"],
                          json={"old_password": "password123", "new_password": "another-pass-9"})
    assert changed.status_code == 200
    assert client.get("/api/auth/me", headers=user["headers"]).status_code == 401


def test_a_tampered_copy_of_a_kept_token_is_refused(client, auth):
    user = auth.register()
    assert client.get("/api/auth/me", headers=user["headers"]).status_code == 200
    header, payload, signature = user["token"].split(".")
    forged = f"{header}.{payload}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    assert client.get("/api/auth/me", headers=bearer(forged)).status_code == 401
