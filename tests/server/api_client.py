"""A small HTTP client for the Worldsmith API over ``requests`` (one session per
user and thread: ``requests.Session`` is not thread-safe)."""
from __future__ import annotations

import itertools
import os

import requests

TIMEOUT = 30
_serial = itertools.count(1)


def unique_name(prefix: str) -> str:
    return f"{prefix}{os.getpid()}_{next(_serial)}"


class ApiUser:
    """A registered user talking to one server."""

    def __init__(self, base_url: str, token: str, user: dict):
        self.base_url = base_url
        self.token = token
        self.user = user
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    @classmethod
    def register(cls, base_url: str, username: str | None = None) -> "ApiUser":
        username = username or unique_name("user")
        response = requests.post(f"{base_url}/api/auth/register", timeout=TIMEOUT, json={
            "username": username, "email": f"{username}@example.com", "password": "password123"})
        response.raise_for_status()
        body = response.json()
        return cls(base_url, body["token"], body["user"])

    def clone(self) -> "ApiUser":
        """The same user with a session of its own, for another thread."""
        return ApiUser(self.base_url, self.token, self.user)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self.base_url + path, timeout=TIMEOUT, **kwargs)

    def post(self, path: str, body: dict) -> requests.Response:
        return self.session.post(self.base_url + path, json=body, timeout=TIMEOUT)

    def post_world(self, **fields) -> requests.Response:
        return self.post("/api/worlds", {"name": unique_name("World "), "world_type": "fantasy",
                                         "visibility": "private", **fields})

    def post_story(self, world_id: str, **fields) -> requests.Response:
        return self.post("/api/stories", {"world_id": world_id, "title": unique_name("Story "),
                                          "description": "A tale.", **fields})
