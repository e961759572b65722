"""Auth decorators. The user and role are read from storage on each request.

``token_required`` needs a valid token; ``optional_auth`` accepts none but
rejects a bad one; ``admin_required`` needs an admin; ``permission_required(p)``
needs a role with permission ``p`` (see ``core.permissions.ROLES``). Each sets
``g.user`` and records its mode on the view for the OpenAPI spec.
"""
from __future__ import annotations

from functools import wraps

from flask import current_app, g, request

from core import permissions
from core.errors import Forbidden, Unauthorized


def _bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("Authorization header must be 'Bearer <token>'", code="invalid_token")
    return token.strip()


def current_user():
    return g.get("user")


def _load_user(required: bool):
    token = _bearer_token()
    if token is None:
        if required:
            raise Unauthorized("Login required", code="token_missing")
        g.user = None
        return
    g.user = current_app.extensions["worldsmith"].auth.user_from_token(token)


def _auth_view(mode: str, required: bool, check=None):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            _load_user(required)
            if check is not None:
                check(g.user)
            return view(*args, **kwargs)

        wrapper.api_auth = mode
        return wrapper
    return decorator


def _must_be_admin(user) -> None:
    if not permissions.is_admin(user):
        raise Forbidden("Administrator role required")


def permission_required(permission: str):
    """Needs a login whose role grants ``permission``; 403 otherwise."""
    def check(user) -> None:
        if not permissions.has_permission(user, permission):
            raise Forbidden(f"Your role ({user.role}) lacks the '{permission}' permission",
                            code="permission_denied")

    def decorator(view):
        wrapper = _auth_view("token", required=True, check=check)(view)
        wrapper.api_permission = permission
        return wrapper
    return decorator


token_required = _auth_view("token", required=True)
optional_auth = _auth_view("opt", required=False)
admin_required = _auth_view("admin", required=True, check=_must_be_admin)
