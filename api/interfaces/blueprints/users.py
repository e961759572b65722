"""People: public profiles and avatars."""
from __future__ import annotations

from flask import Response, jsonify, request

from core.errors import NotFound
from interfaces.auth import optional_auth
from interfaces.resource import resource_blueprint
from interfaces.schemas.accounts_out import PublicProfileOut
from interfaces.validation import responds
from services.image_codec import CONTENT_TYPES, sniff

BINARY = {"type": "string", "format": "binary"}
AVATAR_MEDIA = {"image/png": BINARY, "image/jpeg": BINARY, "image/webp": BINARY}
AVATAR_HEADERS = {
    "ETag": {"description": "Changes with every new avatar; send it as `If-None-Match` for a 304",
             "required": True, "schema": {"type": "string"}},
    "Cache-Control": {"description": "`no-cache`: revalidated on every use, so a new avatar shows at once",
                      "required": True, "schema": {"type": "string"}},
}


def create_users_blueprint(services):
    bp = resource_blueprint("users", __name__, services.store)
    auth, accounts = services.auth, services.accounts

    @bp.get("/users/<user_id>/avatar")
    @optional_auth
    @responds(200, "The avatar", headers=AVATAR_HEADERS, media=AVATAR_MEDIA)
    @responds(304, "Not modified (`If-None-Match` names its ETag)", media={})
    def get_avatar(user_id):
        """Someone's avatar image (a square, re-encoded without metadata); 404 when they have
        none. Open like a profile picture: `<img src>` cannot send a token."""
        key, data = accounts.avatar(user_id)
        response = Response(data, mimetype=CONTENT_TYPES.get(sniff(data) or "", "application/octet-stream"))
        response.set_etag(key)
        response.headers["Cache-Control"] = "no-cache"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response.make_conditional(request)

    @bp.get("/users/by-name/<username>")
    @optional_auth
    @responds(200, "Their public profile", schema=PublicProfileOut)
    def profile(username):
        """Someone's public profile by username (matched like a login: ignoring case and
        compatibility forms): name, bio, avatar and public worlds. Never an email."""
        user = auth.find_by_name(username)
        if user is None or user.banned:
            raise NotFound("User not found", code="user_not_found")
        return jsonify(success=True, profile=accounts.profile(user))

    return bp
