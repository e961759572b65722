"""The first admin: ``flask create-admin`` (password from env or a hidden prompt,
never printed) and ``INITIAL_ADMIN_*`` configuration; no default password."""
from __future__ import annotations

import os
import subprocess
import sys

from core.models import REGISTRY
from interfaces.cli import create_admin
from storage.tinydb_store import TinyDBStore

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SECRET_PASSWORD = "correct horse battery staple"


def login(client, username, password=SECRET_PASSWORD):
    return client.post("/api/auth/login", json={"username": username, "password": password})


def test_create_admin_from_env_never_prints_the_password(app, client, monkeypatch):
    monkeypatch.setenv("WORLDSMITH_ADMIN_PASSWORD", SECRET_PASSWORD)
    result = app.test_cli_runner().invoke(create_admin, ["--username", "root", "--email", "root@example.com"])
    assert result.exit_code == 0, result.output
    assert SECRET_PASSWORD not in result.output and "root" in result.output
    answer = login(client, "root")
    assert answer.status_code == 200 and answer.json["user"]["role"] == "admin"


def test_create_admin_prompts_with_confirmation(app, client, monkeypatch):
    monkeypatch.delenv("WORLDSMITH_ADMIN_PASSWORD", raising=False)
    typed = f"{SECRET_PASSWORD}\n{SECRET_PASSWORD}\n"
    result = app.test_cli_runner().invoke(create_admin, ["--username", "boss"], input=typed)
    assert result.exit_code == 0, result.output
    assert SECRET_PASSWORD not in result.output
    assert login(client, "boss").json["user"]["role"] == "admin"


def test_create_admin_refuses_a_weak_password_without_echoing_it(app, client, monkeypatch):
    monkeypatch.setenv("WORLDSMITH_ADMIN_PASSWORD", "short")
    result = app.test_cli_runner().invoke(create_admin, ["--username", "weak"])
    assert result.exit_code != 0
    assert "password" in result.output and "short" not in result.output.replace("--", "")
    assert login(client, "weak", "short").status_code == 401


def test_create_admin_promotes_an_existing_account(app, client, auth, monkeypatch):
    auth.register("veteran")
    monkeypatch.setenv("WORLDSMITH_ADMIN_PASSWORD", SECRET_PASSWORD)
    result = app.test_cli_runner().invoke(create_admin, ["--username", "veteran"])
    assert result.exit_code == 0, result.output
    answer = login(client, "veteran", "password123")      # keeps its own password
    assert answer.json["user"]["role"] == "admin"


def test_flask_command_line(tmp_path):
    """The documented command, in a real process: ``flask --app api/app.py create-admin``."""
    env = {**os.environ, "JWT_SECRET_KEY": "cli-test-secret-key-long-enough-for-hs256",
           "WORLDSMITH_DB_PATH": str(tmp_path / "cli.json"), "DATABASE_URL": "",
           "WORLDSMITH_ADMIN_PASSWORD": SECRET_PASSWORD, "ARGON2_MEMORY_COST": "8192",
           "ARGON2_TIME_COST": "1", "INITIAL_ADMIN_USERNAME": "", "INITIAL_ADMIN_PASSWORD": ""}
    flask = os.path.join(os.path.dirname(sys.executable), "flask")
    done = subprocess.run([flask, "--app", "api/app.py", "create-admin", "--username", "ops"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert SECRET_PASSWORD not in done.stdout + done.stderr
    assert "ops" in done.stdout
    store = TinyDBStore(str(tmp_path / "cli.json"), REGISTRY)  # replays what the command committed
    try:
        (ops,) = store.find("users", where={"username_key": "ops"})
        assert ops["role"] == "admin"
    finally:
        store.close()


def test_initial_admin_from_configuration(make_app):
    client = make_app(INITIAL_ADMIN_USERNAME="first", INITIAL_ADMIN_EMAIL="first@example.com",
                      INITIAL_ADMIN_PASSWORD=SECRET_PASSWORD).test_client()
    assert login(client, "first").json["user"]["role"] == "admin"


def test_no_admin_without_a_configured_password(make_app):
    client = make_app(INITIAL_ADMIN_USERNAME="admin", INITIAL_ADMIN_PASSWORD=None).test_client()
    for guess in ("admin", "password", "admin123", "changeme", ""):
        assert login(client, "admin", guess or "x").status_code == 401


def test_no_default_admin_password_in_the_code():
    config = open(os.path.join(ROOT, "api", "config.py")).read()
    assert 'INITIAL_ADMIN_PASSWORD", "' not in config.replace("'", '"')
