"""Accounts: register, login, verify, me, change-password."""


def test_register_returns_user_and_token_without_secrets(client):
    response = client.post("/api/auth/register", json={
        "username": "alice", "email": "alice@example.com", "password": "correct horse"})
    assert response.status_code == 201
    body = response.json
    assert body["success"] is True
    assert body["token"]
    assert body["user"]["username"] == "alice"
    assert body["user"]["role"] == "user"
    assert "password_hash" not in body["user"] and "token_version" not in body["user"]


def test_register_ignores_a_requested_role(client):
    response = client.post("/api/auth/register", json={
        "username": "mallory", "email": "m@example.com", "password": "password123", "role": "admin"})
    assert response.status_code == 201
    assert response.json["user"]["role"] == "user"


def test_register_stores_an_argon2id_hash(client, store):
    client.post("/api/auth/register", json={"username": "bob", "email": "b@example.com",
                                            "password": "password123"})
    [user] = store.find("users", where={"username_key": "bob"})
    assert user["password_hash"].startswith("$argon2id$")
    assert "password123" not in user["password_hash"]


def test_register_rejects_duplicates_case_insensitively(client, auth):
    auth.register("carol")
    response = client.post("/api/auth/register", json={
        "username": "CAROL", "email": "other@example.com", "password": "password123"})
    assert response.status_code == 409
    assert response.json["success"] is False
    assert response.json["code"] == "username_taken"
    response = client.post("/api/auth/register", json={
        "username": "carol2", "email": "Carol@Example.com", "password": "password123"})
    assert response.status_code == 409
    assert response.json["code"] == "email_taken"


def test_register_validation_errors_name_the_fields(client):
    response = client.post("/api/auth/register", json={"username": "a b", "email": "nope", "password": "short"})
    assert response.status_code == 400
    body = response.json
    assert body["success"] is False and body["message"] == body["error"]
    assert set(body["details"]) == {"username", "email", "password"}


def test_login_by_username_or_email(client, auth):
    auth.register("dave", password="password123")
    for identifier in ("dave", "DAVE", "dave@example.com"):
        response = client.post("/api/auth/login", json={"username": identifier, "password": "password123"})
        assert response.status_code == 200, identifier
        assert response.json["success"] is True
        assert response.json["user"]["username"] == "dave"


def test_login_with_bad_credentials_is_401_for_both_unknown_user_and_wrong_password(client, auth):
    auth.register("erin", password="password123")
    wrong = client.post("/api/auth/login", json={"username": "erin", "password": "wrong-password"})
    unknown = client.post("/api/auth/login", json={"username": "nobody", "password": "password123"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json["error"] == unknown.json["error"]
    assert wrong.json["success"] is False


def test_verify_and_me_need_a_valid_token(client, auth):
    user = auth.register()
    for path in ("/api/auth/verify", "/api/auth/me"):
        assert client.get(path).status_code == 401
        assert client.get(path, headers={"Authorization": "Bearer garbage"}).status_code == 401
        response = client.get(path, headers=user["headers"])
        assert response.status_code == 200
        assert response.json["user"]["user_id"] == user["user_id"]


def test_change_password_revokes_old_tokens(client, auth):
    user = auth.register("frank", password="password123")
    response = client.post("/api/auth/change-password", headers=user["headers"],
                           json={"old_password": "password123", "new_password": "new-password-456"})
    assert response.status_code == 200
    assert client.get("/api/auth/me", headers=user["headers"]).status_code == 401
    new_headers = {"Authorization": f"Bearer {response.json['token']}"}
    assert client.get("/api/auth/me", headers=new_headers).status_code == 200
    assert client.post("/api/auth/login", json={"username": "frank", "password": "password123"}).status_code == 401
    assert client.post("/api/auth/login", json={"username": "frank", "password": "new-password-456"}).status_code == 200


def test_change_password_with_wrong_old_password_changes_nothing(client, auth):
    user = auth.register("gina", password="password123")
    response = client.post("/api/auth/change-password", headers=user["headers"],
                           json={"old_password": "not-it-at-all", "new_password": "new-password-456"})
    assert response.status_code == 400
    assert response.json["details"] == {"old_password": "incorrect"}
    assert client.get("/api/auth/me", headers=user["headers"]).status_code == 200


def test_banned_user_cannot_log_in_or_use_tokens(client, auth, store):
    user = auth.register("henry", password="password123")
    doc = store.get("users", user["user_id"])
    doc["banned"] = True
    store.put("users", user["user_id"], doc)
    assert client.post("/api/auth/login", json={"username": "henry", "password": "password123"}).status_code == 403
    assert client.get("/api/auth/me", headers=user["headers"]).status_code == 401


def test_deleted_user_tokens_stop_working(client, auth, store):
    user = auth.register()
    store.delete("users", user["user_id"])
    assert client.get("/api/auth/me", headers=user["headers"]).status_code == 401
