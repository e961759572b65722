"""Rate limits: brute-forcing a login, registering in bulk and AI jobs answer 429
with ``Retry-After`` in the app's error shape; Redis shares counts across workers."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
import uuid

import pytest
import redis

LIMITS = {
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_LOGIN_PER_USERNAME": "3 per minute",
    "RATELIMIT_LOGIN_PER_IP": "6 per minute",
    "RATELIMIT_REGISTER_PER_IP": "3 per minute",
    "RATELIMIT_REGISTER_PER_USERNAME": "2 per minute",
    "RATELIMIT_AI_PER_USER": "2 per minute",
}


@pytest.fixture
def config_overrides():
    return LIMITS


def from_ip(client, ip: str, path: str, body: dict, headers=None):
    return client.post(path, json=body, headers=headers or {}, environ_base={"REMOTE_ADDR": ip})


def assert_limited(response):
    assert response.status_code == 429, response.json
    assert response.json["code"] == "rate_limited" and response.json["error"]
    assert 1 <= int(response.headers["Retry-After"]) <= 60


def test_brute_force_on_one_username_is_stopped_from_any_ip(client, auth):
    auth.register("victim")
    for attempt in range(3):
        response = from_ip(client, f"10.0.0.{attempt}", "/api/auth/login",
                           {"username": "victim", "password": f"guess{attempt}"})
        assert response.status_code == 401
    blocked = from_ip(client, "10.0.0.99", "/api/auth/login", {"username": "VICTIM", "password": "password123"})
    assert_limited(blocked)
    assert blocked.json["success"] is False and blocked.json["message"]   # the auth envelope
    other = from_ip(client, "10.0.0.99", "/api/auth/login", {"username": "bystander", "password": "nope"})
    assert other.status_code == 401


def test_successful_logins_do_not_count_against_the_username(client, auth):
    auth.register("regular")
    for attempt in range(5):
        response = from_ip(client, f"10.1.0.{attempt}", "/api/auth/login",
                           {"username": "regular", "password": "password123"})
        assert response.status_code == 200


def test_one_ip_spraying_many_usernames_is_stopped(client):
    for attempt in range(6):
        response = from_ip(client, "10.2.0.1", "/api/auth/login", {"username": f"u{attempt}", "password": "x"})
        assert response.status_code == 401
    assert_limited(from_ip(client, "10.2.0.1", "/api/auth/login", {"username": "fresh", "password": "x"}))
    assert from_ip(client, "10.2.0.2", "/api/auth/login", {"username": "fresh", "password": "x"}).status_code == 401


def test_registration_is_limited_per_ip_and_per_username(client):
    def register(ip, name):
        return from_ip(client, ip, "/api/auth/register",
                       {"username": name, "email": f"{name}@example.com", "password": "password123"})

    assert [register("10.3.0.1", f"new{i}").status_code for i in range(3)] == [201, 201, 201]
    assert_limited(register("10.3.0.1", "new9"))
    assert register("10.3.0.2", "taken").status_code == 201
    assert register("10.3.0.3", "taken").status_code == 409
    assert_limited(register("10.3.0.4", "Taken"))


def test_ai_jobs_are_limited_per_user(client, auth):
    first, second = auth.register(), auth.register()
    body = {"type": "world", "world_name": "Eld"}
    for _ in range(2):
        assert from_ip(client, "10.4.0.1", "/api/gpt/generate-description", body, first["headers"]).status_code == 202
    assert_limited(from_ip(client, "10.4.0.2", "/api/gpt/analyze", {"world_description": "A land."},
                           first["headers"]))
    assert from_ip(client, "10.4.0.1", "/api/gpt/generate-description", body, second["headers"]).status_code == 202
    assert client.get("/api/gpt/tasks", headers=first["headers"]).status_code == 200   # reads are not limited


def test_limits_are_off_when_disabled(make_app):
    client = make_app(RATELIMIT_ENABLED=False).test_client()
    for _ in range(8):
        assert client.post("/api/auth/login", json={"username": "x", "password": "y"}).status_code == 401


def test_the_spec_declares_429_on_limited_routes(client):
    paths = client.get("/apispec.json").json["paths"]
    for path in ("/api/auth/login", "/api/auth/register", "/api/gpt/analyze"):
        assert "429" in paths[path]["post"]["responses"], path


# -- Redis: several workers share the counts --------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A real redis-server of our own on a free loopback port."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server is needed (Debian package redis-server)"
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(workdir)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if redis.Redis.from_url(url).ping():
                    break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            raise RuntimeError("redis-server did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_redis_storage_shares_limits_across_workers(make_app, redis_url):
    prefix = f"test-{uuid.uuid4().hex}"
    clients = [make_app(RATELIMIT_STORAGE_URI=redis_url, RATELIMIT_KEY_PREFIX=prefix).test_client()
               for _ in range(2)]
    for attempt in range(3):
        response = from_ip(clients[attempt % 2], f"10.5.0.{attempt}", "/api/auth/login",
                           {"username": "shared-victim", "password": "guess"})
        assert response.status_code == 401
    for client in clients:
        assert_limited(from_ip(client, "10.5.0.9", "/api/auth/login",
                               {"username": "shared-victim", "password": "guess"}))
    assert any(prefix in key.decode() for key in redis.Redis.from_url(redis_url).keys("*"))
