"""Behind a trusted proxy the app sees the client's address (per-IP rate limits rely on it);
with no trusted proxy, X-Forwarded-For is ignored."""
import pytest
from flask import request


@pytest.fixture(params=[0, 1], ids=["no-proxy", "one-proxy"])
def config_overrides(request):
    return {"TRUSTED_PROXY_HOPS": request.param}


def test_remote_address_honours_only_trusted_hops(app, config_overrides):
    app.add_url_rule("/whoami", "whoami", lambda: {"ip": request.remote_addr})
    answer = app.test_client().get("/whoami", headers={"X-Forwarded-For": "198.51.100.7, 203.0.113.9"},
                                   environ_base={"REMOTE_ADDR": "127.0.0.1"})
    expected = "203.0.113.9" if config_overrides["TRUSTED_PROXY_HOPS"] else "127.0.0.1"
    assert answer.json == {"ip": expected}
