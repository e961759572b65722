"""Rate limits with Flask-Limiter: login and register per IP and per account,
change-password per IP and per user, AI jobs (POSTs under ``/api/gpt``) per user,
username lookups per user.

Views declare what they are with ``@rate_limit("login")``; ``init_limits``
applies the limits from the configuration (``RATELIMIT_<NAME>_PER_<KEY>``,
defaults below). Counters live in ``RATELIMIT_STORAGE_URI``: ``memory://`` for
one process, ``redis://host:port`` so that every worker shares them. When
Redis cannot be reached the same limits are counted in the process's memory
until it answers again (``RATELIMIT_IN_MEMORY_FALLBACK_ENABLED``), so requests
keep working; ``limiter_status`` reports it for ``/api/health/ready``. A
breach answers 429 in the app's error shape, with ``Retry-After`` in seconds.

Guessing limits (a password per account) count every attempt when it starts,
so concurrent attempts cannot slip past the limit, and a success clears them:
only failures add up.
"""
from __future__ import annotations

import logging
import math
import time

from flask import Flask, current_app, g, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded

from core import usernames
from core.errors import DomainError
from interfaces.errors import error_response
from interfaces.validation import errors

log = logging.getLogger(__name__)

AI_BLUEPRINTS = ("gpt",)
GUESSES = "guesses"  # scope of the limits a success clears


def rate_limit(name: str):
    """Mark a view as subject to the ``name`` limits (applied by ``init_limits``)."""
    def decorator(view):
        view.api_rate_limit = name
        return errors(429)(view)
    return decorator


def ip_key() -> str:
    return f"ip:{request.remote_addr or 'unknown'}"


def _named() -> str | None:
    """The ``username`` field of the JSON body (a login takes a username or an email)."""
    data = request.get_json(silent=True)
    name = data.get("username") if isinstance(data, dict) else None
    return name.strip()[:254] if isinstance(name, str) and name.strip() else None


def username_key() -> str:
    """The username a registration is for; the IP if there is none."""
    name = _named()
    return f"username:{usernames.username_key(name)}" if name else ip_key()


def account_key() -> str:
    """The account a login is for: its user id when it exists, so its username and
    its email share one counter; else the case-folded name; the IP if there is none."""
    if "rate_limit_account" not in g:
        name = _named()
        if name is None:
            g.rate_limit_account = ip_key()
        else:
            user = current_app.extensions["worldsmith"].auth.find_by_login(name)
            g.rate_limit_account = f"account:{user.user_id}" if user else f"account:{usernames.username_key(name)}"
    return g.rate_limit_account


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


# name -> {key: (default limit, key function, counts guesses)}.
LIMITS = {
    "login": {"ip": ("20 per minute; 200 per hour", ip_key, False),
              "username": ("5 per minute; 30 per hour", account_key, True)},
    "register": {"ip": ("10 per minute; 100 per hour", ip_key, False),
                 "username": ("5 per minute", username_key, False)},
    "change_password": {"ip": ("10 per minute; 50 per hour", ip_key, False),
                        "user": ("5 per minute; 20 per hour", user_key, True)},
    "ai": {"user": ("20 per minute; 300 per hour", user_key, False)},
    "lookup": {"user": ("30 per minute; 300 per hour", user_key, False)},
}


def _configured(app: Flask, name: str, key: str) -> str:
    return app.config.get(f"RATELIMIT_{name.upper()}_PER_{key.upper()}", LIMITS[name][key][0])


def _storage_options(app: Flask) -> dict:
    """Short Redis timeouts: a Redis that hangs must not hang every limited request."""
    if not str(app.config.get("RATELIMIT_STORAGE_URI", "")).startswith("redis"):
        return {}
    timeout = app.config.get("RATELIMIT_STORAGE_TIMEOUT", 1.0)
    return {"socket_connect_timeout": timeout, "socket_timeout": timeout}


def init_limits(app: Flask) -> Limiter:
    """Create the app's limiter and apply the declared limits to its views."""
    limiter = Limiter(
        ip_key, app=app, storage_uri=app.config.get("RATELIMIT_STORAGE_URI", "memory://"),
        storage_options=_storage_options(app), strategy="moving-window", headers_enabled=False,
        in_memory_fallback_enabled=app.config.get("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True),
        swallow_errors=app.config.get("RATELIMIT_SWALLOW_ERRORS", True))
    app.extensions["worldsmith_limiter"] = limiter
    for endpoint, view in list(app.view_functions.items()):
        name = getattr(view, "api_rate_limit", None)
        if name is None:
            continue
        for key, (_, key_func, guesses) in LIMITS[name].items():
            if name == "ai":  # one bucket per user for every route that starts an AI job
                view = limiter.shared_limit(_configured(app, name, key), "ai", key_func=key_func)(view)
                continue
            view = limiter.limit(_configured(app, name, key), key_func=key_func,
                                 scope=GUESSES if guesses else None)(view)
        app.view_functions[endpoint] = view
    for blueprint in AI_BLUEPRINTS:
        if blueprint in app.blueprints:
            limiter.shared_limit(_configured(app, "ai", "user"), "ai", key_func=user_key,
                                 methods=["POST"])(app.blueprints[blueprint])
            _declare_429(app, blueprint)

    @app.after_request
    def forget_guesses_on_success(response):
        if response.status_code < 400 and limiter.enabled:
            _clear_guesses(limiter)
        return response

    @app.errorhandler(RateLimitExceeded)
    def rate_limited(exc: RateLimitExceeded):
        current = limiter.current_limit
        retry_after = max(1, math.ceil(current.window[0] - time.time())) if current else 60
        return error_response(429, f"Too many requests: {exc.description}", "rate_limited",
                              {"limit": exc.description}, {"Retry-After": str(retry_after)})

    return limiter


def _clear_guesses(limiter: Limiter) -> None:
    """The request succeeded: its account's guess counters start again from zero."""
    for current in limiter.current_limits:
        if current.request_args[-1].endswith(f":{GUESSES}"):
            try:
                limiter.limiter.clear(current.limit, *current.request_args)
            except Exception:  # noqa: BLE001 - the storage is down; the answer stands
                log.warning("could not clear the rate limit %s", current.key, exc_info=True)


def limiter_status(app: Flask) -> tuple[bool, str]:
    """(healthy, description) of the rate-limit storage, for the readiness probe."""
    limiter: Limiter | None = app.extensions.get("worldsmith_limiter")
    if limiter is None or not limiter.enabled:
        return True, "disabled"
    kind = str(app.config.get("RATELIMIT_STORAGE_URI", "memory://")).split(":", 1)[0]
    if limiter.storage.check():
        if getattr(limiter, "_storage_dead", False):  # it rechecks on requests, with backoff
            return False, f"{kind}: ok again, still counting in memory until the limiter reconnects"
        return True, f"{kind}: ok"
    if app.config.get("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True):
        return False, f"{kind} unavailable, using in-memory fallback"
    return False, f"{kind} unavailable, limits not enforced"


def _declare_429(app: Flask, blueprint: str) -> None:
    """Tell the spec that the blueprint's POST routes may answer 429."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(f"{blueprint}.") and "POST" in rule.methods:
            errors(429)(app.view_functions[rule.endpoint])
