"""Tickets that open a live stream: ``EventSource`` cannot send an Authorization
header, and a login token must never travel in a URL (logs, history). A ticket is
short-lived, names one user and one world, and is signed with a key of its own
(derived from ``JWT_SECRET_KEY``), so neither a ticket nor a login token passes
for the other."""
from __future__ import annotations

import hashlib
import hmac
import time

import jwt

from core.errors import NotFound, Unauthorized

AUDIENCE = "worldsmith-live"


class LiveTickets:
    def __init__(self, secret: str, seconds: int = 60):
        self.key = hmac.new(secret.encode(), b"worldsmith live tickets", hashlib.sha256).hexdigest()
        self.seconds = max(5, int(seconds))

    def issue(self, user_id: str, token_version: int, world_id: str) -> str:
        now = int(time.time())
        return jwt.encode({"sub": user_id, "tv": token_version, "world": world_id, "aud": AUDIENCE,
                           "iat": now, "exp": now + self.seconds}, self.key, algorithm="HS256")

    def check(self, ticket: str, world_id: str) -> tuple[str, int]:
        """(user_id, token_version) of a valid ticket for this world; 401 for a bad or
        expired one, 404 for another world's (answered as a missing world is)."""
        try:
            claims = jwt.decode(ticket, self.key, algorithms=["HS256"], audience=AUDIENCE,
                                options={"require": ["exp", "sub", "tv", "world", "aud"]})
        except jwt.PyJWTError:
            raise Unauthorized("The live ticket is invalid or has expired: ask for a new one",
                               code="invalid_ticket") from None
        if claims["world"] != world_id:
            raise NotFound("World not found")
        return claims["sub"], int(claims["tv"])
