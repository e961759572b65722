"""Signed image links: how a private image works in ``<img src>``.

A browser fetches ``<img src>`` without the ``Authorization`` header, so an
image of a non-public world is served to a link that carries its own proof:
``/api/images/{id}?token=<user_id>.<expires>.<signature>``. The signature is an
HMAC-SHA256, under a key derived from the app's secret (for this use only), of
the image id, the user id, the expiry and the user's token version. So a link

* opens that one image (and its thumbnail), nothing else;
* stops working when it expires (``seconds`` after it was made, rounded up to
  the next ``BUCKET``: links made within the same few minutes are identical,
  so the browser's cache keeps working across page loads), when the user
  changes their password or is signed out everywhere (the token version), or
  is banned;
* grants nothing by itself: each fetch checks again that the user may see the
  world *now* (unsharing a world closes its links at once).

Links of public worlds carry no token: anyone may see them anyway.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import math
import time

from core.errors import Unauthorized

BUCKET = 600          # seconds: expiries are rounded up to this
SIGNATURE_BYTES = 16


class ImageLinks:
    def __init__(self, secret: str, seconds: int, clock=time.time):
        self._key = hmac.new(secret.encode(), b"worldsmith/image-links/v1", hashlib.sha256).digest()
        self.seconds = max(60, int(seconds))
        self.clock = clock

    def _signature(self, image_id: str, user_id: str, expires: int, token_version: int) -> str:
        message = f"{image_id}\n{user_id}\n{expires}\n{token_version}".encode()
        digest = hmac.new(self._key, message, hashlib.sha256).digest()[:SIGNATURE_BYTES]
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def token(self, image_id: str, user_id: str, token_version: int) -> tuple[str, int]:
        """(token, expiry as a Unix time) of a link for this user to this image."""
        expires = math.ceil((self.clock() + self.seconds) / BUCKET) * BUCKET
        return f"{user_id}.{expires}.{self._signature(image_id, user_id, expires, token_version)}", expires

    @staticmethod
    def claimed_user(token: str) -> str:
        """The user id a token names (not yet verified); 401 if it is malformed."""
        parts = token.split(".")
        if len(parts) != 3 or not all(parts):
            raise Unauthorized("The image link is malformed", code="image_link_invalid")
        return parts[0]

    def check(self, token: str, image_id: str, token_version: int) -> int:
        """The link's expiry if ``token`` opens ``image_id`` for the user it names
        (whose current token version is given); else 401."""
        user_id, expires, signature = token.split(".")
        if not (expires.isascii() and expires.isdigit() and len(expires) <= 12) or not hmac.compare_digest(
                signature, self._signature(image_id, user_id, int(expires), token_version)):
            raise Unauthorized("The image link is not valid", code="image_link_invalid")
        if int(expires) <= self.clock():
            raise Unauthorized("The image link has expired: list the images again for a new one",
                               code="image_link_expired")
        return int(expires)
