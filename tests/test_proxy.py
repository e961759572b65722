"""Behind a trusted proxy the app sees the client's address (per-IP rate limits rely on it)."""
import pytest
from flask import request


@pytest.fixture
def config_overrides():
    return {"TRUSTED_PROXY_HOPS": 1}


def add_whoami(app):
    app.add_url_rule("/whoami", "whoami", lambda: {"ip": request.remote_addr})
    return app.test_client()


def test_forwarded_for_is_trusted_for_one_hop(app):
    client = add_whoami(app)
    answer = client.get("/whoami", headers={"X-Forwarded-For": "198.51.100.7, 203.0.113.9"},
                        environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert answer.json == {"ip": "203.0.113.9"}


def test_without_trusted_proxies_the_header_is_ignored(tmp_path):
    from conftest import TestConfig
    from interfaces.app_factory import create_app
    app = create_app(TestConfig(str(tmp_path / "db.json")))
    try:
        answer = add_whoami(app).get("/whoami", headers={"X-Forwarded-For": "203.0.113.9"},
                                     environ_base={"REMOTE_ADDR": "127.0.0.1"})
        assert answer.json == {"ip": "127.0.0.1"}
    finally:
        app.extensions["worldsmith"].store.close()
