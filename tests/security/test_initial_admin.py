"""INITIAL_ADMIN_*: the operator's first admin is made once, from the configured
password, and never by promoting an account somebody else registered first
(regression for the initial-admin takeover)."""
from __future__ import annotations

import logging

import pytest

OPERATOR = {"INITIAL_ADMIN_USERNAME": "admin", "INITIAL_ADMIN_EMAIL": "ops@example.com",
            "INITIAL_ADMIN_PASSWORD": "operator's long passphrase"}


@pytest.fixture
def restart(make_app, tmp_path):
    """``restart(**overrides)``: (re)start the app on one database file."""
    path = str(tmp_path / "admin.json")
    running = []

    def start(**overrides):
        if running:
            running.pop().extensions["worldsmith"].store.close()
        running.append(make_app(DB_PATH=path, **overrides))
        return running[-1].test_client()

    return start


def login(client, username, password):
    return client.post("/api/auth/login", json={"username": username, "password": password})


def test_an_account_registered_first_under_the_name_is_never_promoted(restart, caplog):
    client = restart()
    squatter = client.post("/api/auth/register", json={
        "username": "Admin", "email": "squatter@example.com", "password": "squatter-password"})
    assert squatter.status_code == 201
    caplog.set_level(logging.ERROR)
    for _ in range(2):  # and not after a restart either
        client = restart(**OPERATOR)
        assert login(client, "Admin", "squatter-password").json["user"]["role"] == "user"
        assert login(client, "admin", OPERATOR["INITIAL_ADMIN_PASSWORD"]).status_code == 401
    assert "was NOT promoted" in caplog.text


def test_an_existing_account_is_promoted_only_with_the_configured_email_and_password(restart):
    client = restart()
    client.post("/api/auth/register", json={"username": "admin", "email": "ops@example.com",
                                            "password": "a different password"})
    client = restart(**OPERATOR)
    assert login(client, "admin", "a different password").json["user"]["role"] == "user"
    client = restart(**{**OPERATOR, "INITIAL_ADMIN_PASSWORD": "a different password"})
    assert login(client, "admin", "a different password").json["user"]["role"] == "admin"


def test_the_initial_admin_is_made_once_and_a_demotion_sticks_across_restarts(restart):
    client = restart(**OPERATOR)
    first = login(client, "admin", OPERATOR["INITIAL_ADMIN_PASSWORD"])
    assert first.json["user"]["role"] == "admin"
    headers = {"Authorization": f"Bearer {first.json['token']}"}
    other = client.post("/api/auth/register", json={
        "username": "second", "email": "second@example.com", "password": "second-password"}).json
    assert client.put(f"/api/admin/users/{other['user']['user_id']}/role", json={"role": "admin"},
                      headers=headers).status_code == 200
    second = {"Authorization": f"Bearer {other['token']}"}
    demoted = client.put(f"/api/admin/users/{first.json['user']['user_id']}/role",
                         json={"role": "user"}, headers=second)
    assert demoted.status_code == 200
    client = restart(**OPERATOR)
    assert login(client, "admin", OPERATOR["INITIAL_ADMIN_PASSWORD"]).json["user"]["role"] == "user"


def test_the_configured_email_of_another_account_blocks_creation(restart, caplog):
    client = restart()
    client.post("/api/auth/register", json={"username": "someone", "email": "ops@example.com",
                                            "password": "someone-password"})
    caplog.set_level(logging.ERROR)
    client = restart(**OPERATOR)
    assert login(client, "admin", OPERATOR["INITIAL_ADMIN_PASSWORD"]).status_code == 401
    assert login(client, "someone", "someone-password").json["user"]["role"] == "user"
    assert "belongs to another account" in caplog.text
