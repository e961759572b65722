"""One-port serving: the built React app at / with an SPA fallback beside /api."""
import pytest


@pytest.fixture
def config_overrides(tmp_path):
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><div id=root></div>")
    (dist / "assets" / "app.js").write_text("console.log('app')")
    return {"FRONTEND_DIST": str(dist)}


def test_index_assets_and_client_routes(client):
    assert b"id=root" in client.get("/").data
    assert client.get("/assets/app.js").data == b"console.log('app')"
    deep = client.get("/worlds/some-id/stories")
    assert deep.status_code == 200 and b"id=root" in deep.data


def test_api_and_missing_assets_are_not_swallowed_by_the_fallback(client):
    missing = client.get("/api/not-a-route")
    assert missing.status_code == 404 and missing.json["code"] == "not_found"
    assert client.get("/assets/missing.js").status_code == 404
    assert client.get("/api/health").json["status"] == "ok"


def test_unknown_api_paths_are_404_for_every_method_and_known_ones_keep_405(client):
    for method in ("get", "post", "put", "delete"):
        response = getattr(client, method)("/api/nope")
        assert response.status_code == 404 and response.json["code"] == "not_found", method
    assert client.delete("/api/stats").status_code == 405
    assert client.post("/worlds/x").status_code == 405
