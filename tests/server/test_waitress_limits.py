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
