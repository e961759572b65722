"""Shared fixtures: an app over a real temp TinyDB file, its client, and
``auth`` for registering users and getting their headers."""
from __future__ import annotations

import itertools
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "api"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # shared helpers (pg_schema)

from config import Config  # noqa: E402
from interfaces.app_factory import create_app  # noqa: E402

_names = itertools.count(1)


class TestConfig(Config):
    """Fast password hashing, a fixed secret, a file in the test's temp dir."""

    def __init__(self, db_path: str, **overrides):
        super().__init__(**{
            "TESTING": True,
            "JWT_SECRET_KEY": "test-secret-key-that-is-long-enough-for-hs256",
            "DB_PATH": db_path,
            "DATABASE_URL": None,
            "ARGON2_TIME_COST": 1,
            "ARGON2_MEMORY_COST": 8 * 1024,
            "RATELIMIT_ENABLED": False,
            "OPENAI_API_KEY": None,
            "OPENAI_BASE_URL": None,
            "INITIAL_ADMIN_USERNAME": None,
            "INITIAL_ADMIN_PASSWORD": None,
            "FRONTEND_DIST": None,
            "LIVE_STREAM_SECONDS": 0,   # a live stream replays, then ends: the test client reads it whole
            **overrides,
        })


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "worldsmith.json")


@pytest.fixture
def config_overrides():
    """Override in a test module to change the app's configuration."""
    return {}


@pytest.fixture(params=["tinydb", pytest.param("postgres", marks=pytest.mark.postgres)])
def on_both_stores(request):
    """Overrides running the app on TinyDB, then on a fresh PostgreSQL schema; a
    module runs its tests on both stores with
    ``def config_overrides(on_both_stores): return on_both_stores``."""
    if request.param == "tinydb":
        yield {}
        return
    from pg_schema import fresh_schema
    with fresh_schema() as url:
        yield {"DATABASE_URL": url, "DATABASE_POOL_SIZE": 20}


@pytest.fixture
def app(db_path, config_overrides):
    app = create_app(TestConfig(db_path, **config_overrides))
    yield app
    app.extensions["worldsmith"].store.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def store(app):
    return app.extensions["worldsmith"].store


class Auth:
    """Registers users through the API and hands out their auth headers."""

    def __init__(self, client, app):
        self.client = client
        self.app = app

    def register(self, username: str | None = None, password: str = "password123", role: str | None = None):
        username = username or f"user{next(_names)}"
        response = self.client.post("/api/auth/register", json={
            "username": username, "email": f"{username}@example.com", "password": password})
        assert response.status_code == 201, response.json
        user = response.json["user"]
        if role is not None:
            self.set_role(user["user_id"], role)
            user["role"] = role
        return {**user, "token": response.json["token"],
                "headers": {"Authorization": f"Bearer {response.json['token']}"}}

    def set_role(self, user_id: str, role: str) -> None:
        store = self.app.extensions["worldsmith"].store
        with store.unit_of_work():
            doc = store.get("users", user_id)
            doc["role"] = role
            store.put("users", user_id, doc)


@pytest.fixture
def auth(client, app):
    return Auth(client, app)


@pytest.fixture
def make_world(client):
    def make(user, **fields):
        body = {"name": f"World {next(_names)}", "world_type": "fantasy", "visibility": "private", **fields}
        response = client.post("/api/worlds", json=body, headers=user["headers"])
        assert response.status_code == 201, response.json
        return response.json
    return make


@pytest.fixture
def make_story(client):
    def make(user, world, **fields):
        body = {"world_id": world["world_id"], "title": f"Story {next(_names)}", **fields}
        response = client.post("/api/stories", json=body, headers=user["headers"])
        assert response.status_code == 201, response.json
        return response.json["story"]
    return make
