"""The real server (waitress) bounds what a client can hold: a body declared
larger than the app accepts is refused from its headers, and idle connections
are closed after ``WAITRESS_CHANNEL_TIMEOUT`` so they cannot lock others out."""
from __future__ import annotations

import socket

import pytest
import requests

from live_server import LiveServer

pytestmark = pytest.mark.slow

ANSWER_WITHIN = 15  # seconds: a bound on waiting, far above what a working server needs


def raw_connection(server: LiveServer) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=ANSWER_WITHIN)
    sock.settimeout(ANSWER_WITHIN)
    return sock


def test_a_huge_declared_body_is_refused_without_being_read(tmp_path):
    with LiveServer(str(tmp_path / "db.json")) as server:
        with raw_connection(server) as sock:
            sock.sendall(b"POST /api/worlds HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Content-Type: application/json\r\nContent-Length: 300000000\r\n\r\n"
                         b'{"name": ')
            answer = sock.recv(4096)   # the other 300 MB are never sent
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def test_a_body_just_over_the_limit_gets_the_apps_413(tmp_path):
    with LiveServer(str(tmp_path / "db.json"), env={"MAX_CONTENT_LENGTH": "1000"}) as server:
        response = requests.post(server.url + "/api/auth/login", data=b"x" * 1010,
                                 headers={"Content-Type": "application/json"}, timeout=ANSWER_WITHIN)
        assert response.status_code == 413
        assert response.json()["code"] == "payload_too_large"


def test_idle_connections_are_closed_and_cannot_lock_out_a_request(tmp_path):
    limit = 100  # waitress's own default: stopped accepting for 120 s before channel_timeout was set
    env = {"WAITRESS_CHANNEL_TIMEOUT": "2", "WAITRESS_CONNECTION_LIMIT": str(limit)}
    with LiveServer(str(tmp_path / "db.json"), threads=2, env=env) as server:
        idle = [raw_connection(server) for _ in range(limit)]
        try:
            for sock in idle[::2]:
                sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.")  # a request never finished
            response = requests.get(server.url + "/api/health", timeout=ANSWER_WITHIN)
            assert response.status_code == 200
            assert idle[0].recv(1) == b""   # closed by the server, not by us
            assert idle[1].recv(1) == b""
        finally:
            for sock in idle:
                sock.close()


def test_an_image_over_the_json_limit_is_uploaded_through_the_real_server(tmp_path):
    """The upload route's own limit reaches waitress: a 1.4 MiB image (over MAX_CONTENT_LENGTH)
    is stored, a body over IMAGE_MAX_BYTES gets the app's 413, JSON routes keep their limit."""
    import image_files
    env = {"MAX_CONTENT_LENGTH": str(1024 * 1024), "IMAGE_MAX_BYTES": str(2 * 1024 * 1024)}
    with LiveServer(str(tmp_path / "db.json"), env=env) as server:
        token = requests.post(server.url + "/api/auth/register", timeout=ANSWER_WITHIN, json={
            "username": "painter", "email": "painter@example.com", "password": "password123"}).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        world = requests.post(server.url + "/api/worlds", headers=headers, timeout=ANSWER_WITHIN,
                              json={"name": "Canvas"}).json()
        url = f"{server.url}/api/worlds/{world['world_id']}/images"
        picture = image_files.encode(image_files.noise(700, 700), "PNG")
        assert 1024 * 1024 < len(picture) < 2 * 1024 * 1024
        stored = requests.post(url, headers=headers, files={"file": ("noise.png", picture)}, timeout=ANSWER_WITHIN)
        assert stored.status_code == 201, stored.text
        fetched = requests.get(server.url + stored.json()["url"], timeout=ANSWER_WITHIN)
        assert fetched.status_code == 200 and fetched.headers["Content-Type"] == "image/png"
        too_big = requests.post(url, headers=headers, files={"file": ("big.png", b"\x89PNG" + b"\0" * 2_200_000)},
                                timeout=ANSWER_WITHIN)
        assert too_big.status_code == 413 and too_big.json()["code"] == "image_too_large"
        json_route = requests.post(server.url + "/api/worlds", headers={**headers, "Content-Type": "application/json"},
                                   data=b"{" + b" " * 1_500_000 + b"}", timeout=ANSWER_WITHIN)
        assert json_route.status_code == 413 and json_route.json()["code"] == "payload_too_large"
