"""Start-up configuration: no default secret anywhere."""
import logging

import pytest

from config import Config
from interfaces.app_factory import create_app


def test_refuses_to_start_without_a_jwt_secret(tmp_path):
    with pytest.raises(RuntimeError, match="JWT_SECRET_KEY"):
        create_app(Config(JWT_SECRET_KEY=None, DEBUG=False, DB_PATH=str(tmp_path / "db.json")))


def test_debug_mode_uses_an_ephemeral_key_and_warns(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        first = create_app(Config(JWT_SECRET_KEY=None, DEBUG=True, DB_PATH=str(tmp_path / "a.json")))
        second = create_app(Config(JWT_SECRET_KEY=None, DEBUG=True, DB_PATH=str(tmp_path / "b.json")))
    try:
        assert first.config["JWT_SECRET_KEY"] != second.config["JWT_SECRET_KEY"]
        assert len(first.config["JWT_SECRET_KEY"]) >= 32
        assert "ephemeral" in caplog.text
    finally:
        for app in (first, second):
            app.extensions["worldsmith"].store.close()


def test_initial_admin_from_configuration(tmp_path):
    app = create_app(Config(JWT_SECRET_KEY="k" * 32, DB_PATH=str(tmp_path / "db.json"),
                            ARGON2_TIME_COST=1, ARGON2_MEMORY_COST=8192,
                            INITIAL_ADMIN_USERNAME="root", INITIAL_ADMIN_PASSWORD="a-long-admin-password"))
    try:
        response = app.test_client().post("/api/auth/login", json={"username": "root", "password": "a-long-admin-password"})
        assert response.status_code == 200 and response.json["user"]["role"] == "admin"
    finally:
        app.extensions["worldsmith"].store.close()
