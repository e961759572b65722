"""Serving configuration: gunicorn's worker rules and the Vercel deployment."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import requests

from gunicorn_server import GunicornServer
from live_server import ROOT, server_env
from pg_schema import fresh_schema

API = os.path.join(ROOT, "api")


def import_app(env: dict) -> subprocess.CompletedProcess:
    """``import app`` (what Vercel's Python runtime does) in a fresh interpreter."""
    code = ("import app; print(app.app.config['TASK_MODE'], "
            "app.app.extensions['worldsmith'].store.kind)")
    return subprocess.run([sys.executable, "-c", code], cwd=API, env=server_env(env),
                          capture_output=True, text=True, timeout=60)


def test_tinydb_refuses_more_than_one_gunicorn_worker(tmp_path):
    server = GunicornServer(str(tmp_path), workers=2, env={"WORLDSMITH_DB_PATH": str(tmp_path / "db.json")})
    with pytest.raises(RuntimeError) as failed:
        server.start(timeout=30)
    assert "TinyDB backend" in str(failed.value) and "set DATABASE_URL" in str(failed.value)
    assert not os.path.exists(tmp_path / "db.json")


@pytest.mark.slow
def test_tinydb_serves_with_one_threaded_worker(tmp_path):
    env = {"WORLDSMITH_DB_PATH": str(tmp_path / "db.json")}
    with GunicornServer(str(tmp_path), workers=1, env=env) as server:
        health = requests.get(server.url + "/api/health", timeout=10)
        assert health.json()["storage"] == "tinydb"
        registered = requests.post(server.url + "/api/auth/register", timeout=30, json={
            "username": "solo", "email": "solo@example.com", "password": "password123"})
        assert registered.status_code == 201
    with open(tmp_path / "db.json", "rb") as handle:  # the stopped worker compacted its journal
        assert b'"solo"' in handle.read()


def test_vercel_without_database_url_refuses_clearly(tmp_path):
    done = import_app({"VERCEL": "1", "WORLDSMITH_DB_PATH": str(tmp_path / "db.json")})
    assert done.returncode != 0
    assert "DATABASE_URL is required on Vercel" in done.stderr
    assert not os.path.exists(tmp_path / "db.json")


def test_a_cold_start_does_not_import_pillow(tmp_path):
    """Pillow is imported by the first image upload, not by every (serverless) cold start."""
    code = "import sys, app; print('PIL' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=API, timeout=60, capture_output=True, text=True,
                          env=server_env({"WORLDSMITH_DB_PATH": str(tmp_path / "db.json")}))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


@pytest.mark.postgres
def test_vercel_runs_on_postgres_with_inline_tasks():
    with fresh_schema() as url:
        done = import_app({"VERCEL": "1", "DATABASE_URL": url, "TASK_MODE": "thread"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["inline", "postgres"]


def test_vercel_json_routes_the_api_to_the_function_and_the_rest_to_the_spa():
    with open(os.path.join(ROOT, "vercel.json")) as handle:
        config = json.load(handle)
    builds = {b["src"]: b for b in config["builds"]}
    assert builds["api/app.py"]["use"] == "@vercel/python"
    assert builds["frontend/package.json"]["use"] == "@vercel/static-build"
    assert builds["frontend/package.json"]["config"]["distDir"] == "dist"
    with open(os.path.join(ROOT, "frontend", "package.json")) as handle:
        assert "build" in json.load(handle)["scripts"]

    def destination(path: str) -> str:
        """Where Vercel sends a path: the first route whose (anchored) src matches."""
        for route in config["routes"]:
            match = re.fullmatch(route["src"], path)
            if match:
                return match.expand(re.sub(r"\$(\d)", r"\\g<\1>", route["dest"]))
        return "no route"

    for path in ("/api/worlds", "/api/gpt/results/abc", "/apispec.json", "/apidocs/"):
        assert destination(path) == "/api/app.py", path
    assert destination("/assets/index-abc123.js") == "/frontend/assets/index-abc123.js"
    assert destination("/favicon.svg") == "/frontend/favicon.svg"
    for path in ("/", "/worlds/123", "/stories/9/timeline"):
        assert destination(path) == "/frontend/index.html", path


def test_waitress_bounds_come_from_the_configuration(monkeypatch):
    from config import Config
    from interfaces.uploads import MULTIPART_OVERHEAD
    from main import BODY_MARGIN, serve_options
    monkeypatch.setenv("WAITRESS_CHANNEL_TIMEOUT", "7")
    monkeypatch.setenv("WAITRESS_CONNECTION_LIMIT", "50")
    monkeypatch.setenv("WAITRESS_THREADS", "3")
    monkeypatch.setenv("LIVE_MAX_STREAMS", "5")   # each live stream holds a thread of its own
    monkeypatch.setenv("MAX_CONTENT_LENGTH", str(10 * 1024 * 1024))
    monkeypatch.setenv("IMAGE_MAX_BYTES", "1024")
    options = serve_options(vars(Config()))
    assert options["channel_timeout"] == 7 and options["cleanup_interval"] == 3
    assert options["connection_limit"] == 50 and options["threads"] == 3 + 5
    assert options["max_request_body_size"] == 10 * 1024 * 1024 + BODY_MARGIN
    # The image route's limit, with its multipart envelope, when it is the larger one.
    monkeypatch.setenv("MAX_CONTENT_LENGTH", "2048")
    monkeypatch.setenv("IMAGE_MAX_BYTES", str(3 * 1024 * 1024))
    assert serve_options(vars(Config()))["max_request_body_size"] == \
        3 * 1024 * 1024 + MULTIPART_OVERHEAD + BODY_MARGIN
    assert serve_options(vars(Config()), threads=12)["threads"] == 12 + 5   # --threads wins


def test_waitress_defaults_bound_idle_connections_and_bodies(monkeypatch):
    from config import Config
    from main import serve_options
    for name in ("WAITRESS_CHANNEL_TIMEOUT", "WAITRESS_CONNECTION_LIMIT", "WAITRESS_THREADS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("IMAGE_MAX_BYTES", raising=False)
    options = serve_options(vars(Config(MAX_CONTENT_LENGTH=1024 * 1024)))
    assert options["channel_timeout"] == 30 and options["cleanup_interval"] == 15
    assert options["connection_limit"] == 200
    # The image upload route's limit (8 MiB) and its envelope; waitress alone: 1 GiB.
    assert 8 * 1024 * 1024 < options["max_request_body_size"] < 9 * 1024 * 1024
