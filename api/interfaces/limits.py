"""Rate limits with Flask-Limiter: login and register per IP and per username,
AI jobs (POSTs under ``/api/gpt``) per user.

Views declare what they are with ``@rate_limit("login")``; ``init_limits``
applies the limits from the configuration (``RATELIMIT_<NAME>_PER_<KEY>``,
defaults below). Counters live in ``RATELIMIT_STORAGE_URI``: ``memory://`` for
one process, ``redis://host:port`` so that every worker shares them. A breach
answers 429 in the app's error shape, with ``Retry-After`` in seconds.
"""
from __future__ import annotations

import math
import time

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded

from core.errors import DomainError
from interfaces.errors import error_response
from interfaces.validation import errors

# name -> {key: default limit}. Failed logins alone count against a username.
LIMITS = {
    "login": {"ip": "20 per minute; 200 per hour", "username": "5 per minute; 30 per hour"},
    "register": {"ip": "10 per minute; 100 per hour", "username": "5 per minute"},
    "ai": {"user": "20 per minute; 300 per hour"},
}
AI_BLUEPRINTS = ("gpt",)


def rate_limit(name: str):
    """Mark a view as subject to the ``name`` limits (applied by ``init_limits``)."""
    def decorator(view):
        view.api_rate_limit = name
        return errors(429)(view)
    return decorator


def ip_key() -> str:
    return f"ip:{request.remote_addr or 'unknown'}"


def username_key() -> str:
    """The username (or email) a login or registration is for; the IP if there is none."""
    data = request.get_json(silent=True)
    name = data.get("username") if isinstance(data, dict) else None
    if isinstance(name, str) and name.strip():
        return f"username:{name.strip().casefold()[:254]}"
    return ip_key()


def user_key() -> str:
    """The caller's user id when the token is valid; the IP otherwise."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        try:
            user = current_app.extensions["worldsmith"].auth.user_from_token(token.strip())
            return f"user:{user.user_id}"
        except DomainError:
            pass
    return ip_key()


KEY_FUNCS = {"ip": ip_key, "username": username_key, "user": user_key}


def _failed(response) -> bool:
    return response.status_code >= 400


def _configured(app: Flask, name: str, key: str) -> str:
    return app.config.get(f"RATELIMIT_{name.upper()}_PER_{key.upper()}", LIMITS[name][key])


def init_limits(app: Flask) -> Limiter:
    """Create the app's limiter and apply the declared limits to its views."""
    limiter = Limiter(ip_key, app=app, storage_uri=app.config.get("RATELIMIT_STORAGE_URI", "memory://"),
                      strategy="moving-window", headers_enabled=False)
    for endpoint, view in list(app.view_functions.items()):
        name = getattr(view, "api_rate_limit", None)
        if name is None:
            continue
        for key, key_func in KEY_FUNCS.items():
            if key in LIMITS[name]:
                deduct_when = _failed if (name, key) == ("login", "username") else None
                view = limiter.limit(_configured(app, name, key), key_func=key_func,
                                     deduct_when=deduct_when)(view)
        app.view_functions[endpoint] = view
    for blueprint in AI_BLUEPRINTS:
        if blueprint in app.blueprints:
            limiter.shared_limit(_configured(app, "ai", "user"), "ai", key_func=user_key,
                                 methods=["POST"])(app.blueprints[blueprint])
            _declare_429(app, blueprint)

    @app.errorhandler(RateLimitExceeded)
    def rate_limited(exc: RateLimitExceeded):
        current = limiter.current_limit
        retry_after = max(1, math.ceil(current.window[0] - time.time())) if current else 60
        return error_response(429, f"Too many requests: {exc.description}", "rate_limited",
                              {"limit": exc.description}, {"Retry-After": str(retry_after)})

    return limiter


def _declare_429(app: Flask, blueprint: str) -> None:
    """Tell the spec that the blueprint's POST routes may answer 429."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(f"{blueprint}.") and "POST" in rule.methods:
            errors(429)(app.view_functions[rule.endpoint])
