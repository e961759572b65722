"""Rate limits: brute-forcing a login or a password change, registering in bulk
and AI jobs answer 429 with ``Retry-After`` in the app's error shape; Redis
shares counts across workers, and when it is down the limits count in memory."""
from __future__ import annotations

import shutil
import socket
import subprocess
import threading
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
    "RATELIMIT_CHANGE_PASSWORD_PER_IP": "8 per minute",   # per user: the default, 5 per minute
}


@pytest.fixture
def config_overrides():
    return LIMITS


def from_ip(client, ip: str, path: str, body: dict, headers=None):
    return client.post(path, json=body, headers=headers or {}, environ_base={"REMOTE_ADDR": ip})


def assert_limited(response):
    assert response.status_code == 429, response.json
    assert set(response.json) >= {"error", "code", "details"}
    assert response.json["code"] == "rate_limited" and response.json["error"]
    assert 1 <= int(response.headers["Retry-After"]) <= 60


def login(client, ip: str, name: str, password: str = "wrong-guess"):
    return from_ip(client, ip, "/api/auth/login", {"username": name, "password": password})


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


def test_username_and_email_share_one_login_counter(client, auth):
    auth.register("alice")   # alice@example.com
    spellings = ["alice", "alice@example.com", " ALICE "]
    for attempt, name in enumerate(spellings):
        assert login(client, f"10.6.0.{attempt}", name).status_code == 401
    for name in spellings + ["Alice@Example.com"]:
        assert_limited(login(client, "10.6.0.9", name, "password123"))


def test_a_successful_login_clears_the_failed_attempts(client, auth):
    auth.register("forgetful")
    for attempt in range(2):
        assert login(client, f"10.7.0.{attempt}", "forgetful").status_code == 401
    assert login(client, "10.7.0.5", "forgetful@example.com", "password123").status_code == 200
    for attempt in range(3):
        assert login(client, f"10.7.1.{attempt}", "forgetful").status_code == 401
    assert_limited(login(client, "10.7.2.1", "forgetful"))


def test_concurrent_failed_logins_cannot_exceed_the_limit(app, auth):
    auth.register("target")
    attempts = 12
    barrier = threading.Barrier(attempts)
    statuses = []

    def guess(n: int):
        client = app.test_client()
        barrier.wait()
        statuses.append(login(client, f"10.8.0.{n}", "target" if n % 2 else "target@example.com").status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [401] * 3 + [429] * (attempts - 3)


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


def change_password(client, ip: str, user, old: str):
    return from_ip(client, ip, "/api/auth/change-password",
                   {"old_password": old, "new_password": "new-password-456"}, user["headers"])


def test_the_sixth_wrong_old_password_in_a_minute_is_429(client, auth):
    user, other = auth.register(), auth.register()
    for attempt in range(5):
        response = change_password(client, f"10.9.0.{attempt}", user, f"guess{attempt}")
        assert response.status_code == 400 and response.json["code"] == "wrong_password"
    blocked = change_password(client, "10.9.0.99", user, "password123")
    assert_limited(blocked)
    assert blocked.json["success"] is False and blocked.json["message"]   # the auth envelope
    assert change_password(client, "10.9.0.99", other, "guess").status_code == 400


def test_a_password_change_clears_the_failed_attempts(client, auth):
    user = auth.register()
    for attempt in range(4):
        assert change_password(client, "10.10.0.1", user, f"guess{attempt}").status_code == 400
    changed = change_password(client, "10.10.0.1", user, "password123")
    assert changed.status_code == 200
    user["headers"] = {"Authorization": f"Bearer {changed.json['token']}"}
    for attempt in range(4):
        assert change_password(client, "10.10.0.2", user, f"guess{attempt}").status_code == 400


def test_change_password_is_limited_per_ip_across_accounts(client, auth):
    users = [auth.register() for _ in range(3)]
    for user in users[:2]:
        for attempt in range(4):
            assert change_password(client, "10.11.0.1", user, f"guess{attempt}").status_code == 400
    assert_limited(change_password(client, "10.11.0.1", users[2], "guess"))
    assert change_password(client, "10.11.0.2", users[2], "guess").status_code == 400


def test_limits_are_off_when_disabled(make_app):
    client = make_app(RATELIMIT_ENABLED=False).test_client()
    for _ in range(8):
        assert client.post("/api/auth/login", json={"username": "x", "password": "y"}).status_code == 401


def test_the_spec_declares_429_on_limited_routes(client):
    paths = client.get("/apispec.json").json["paths"]
    for path in ("/api/auth/login", "/api/auth/register", "/api/auth/change-password", "/api/gpt/analyze"):
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


# -- Redis down: the same limits in memory, and readiness says so ---------------------

CLOSED_REDIS = "redis://127.0.0.1:1/0"   # nothing listens on port 1


def test_with_redis_down_requests_work_and_limits_count_in_memory(make_app):
    app = make_app(RATELIMIT_STORAGE_URI=CLOSED_REDIS, RATELIMIT_KEY_PREFIX=f"down-{uuid.uuid4().hex}")
    client = app.test_client()
    registered = from_ip(client, "10.12.0.1", "/api/auth/register",
                         {"username": "offline", "email": "offline@example.com", "password": "password123"})
    assert registered.status_code == 201, registered.json
    headers = {"Authorization": f"Bearer {registered.json['token']}"}
    assert login(client, "10.12.0.2", "offline", "password123").status_code == 200
    for attempt in range(3):
        assert login(client, f"10.12.1.{attempt}", "offline").status_code == 401
    assert_limited(login(client, "10.12.1.9", "offline"))
    body = {"type": "world", "world_name": "Eld"}
    assert from_ip(client, "10.12.0.3", "/api/gpt/generate-description", body, headers).status_code == 202
    assert client.get("/api/health").json["status"] == "ok"
    ready = client.get("/api/health/ready")
    assert ready.status_code == 200
    assert ready.json["status"] == "degraded"
    assert ready.json["checks"] == {"storage": "ok",
                                    "rate_limit": "redis unavailable, using in-memory fallback"}


def test_readiness_reports_a_reachable_redis(make_app, redis_url):
    app = make_app(RATELIMIT_STORAGE_URI=redis_url, RATELIMIT_KEY_PREFIX=f"up-{uuid.uuid4().hex}")
    client = app.test_client()
    assert login(client, "10.13.0.1", "nobody").status_code == 401
    ready = client.get("/api/health/ready")
    assert ready.status_code == 200
    assert ready.json["status"] == "ok"
    assert ready.json["checks"] == {"storage": "ok", "rate_limit": "redis: ok"}
