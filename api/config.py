"""Configuration read from the environment (and a ``.env`` file).

Tests subclass ``Config`` (see ``tests/conftest.py``) or pass overrides to
``create_app``. No secret has a default: without ``JWT_SECRET_KEY`` the app
refuses to start unless in debug mode, where it makes an ephemeral key.
"""
from __future__ import annotations

import os

from dotenv import load_dotenv

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VERSION = "0.1.0"


def _env(name: str, default=None):
    value = os.environ.get(name)
    return default if value in (None, "") else value


def _flag(name: str, default: bool = False) -> bool:
    value = _env(name)
    return default if value is None else value.lower() in ("1", "true", "yes", "on")


def _pairs(value: str, convert) -> dict:
    """``"a=1,b=2"`` as ``{"a": convert("1"), "b": convert("2")}``; a malformed pair stops start-up."""
    out = {}
    for pair in filter(None, (p.strip() for p in value.split(","))):
        key, sep, raw = pair.rpartition("=")
        if not sep or not key.strip():
            raise ValueError(f"expected name=value, got {pair!r}")
        out[key.strip()] = convert(raw.strip())
    return out


def _price(value: str) -> tuple[float, float]:
    """``"0.15/0.60"``: per million prompt and completion tokens."""
    prompt, _, completion = value.partition("/")
    return float(prompt), float(completion or prompt)


class Config:
    """Settings as attributes, so ``app.config.from_object`` can load them."""

    def __init__(self, **overrides):
        load_dotenv(os.path.join(REPO_ROOT, ".env"))
        self.DEBUG = _flag("FLASK_DEBUG") or _env("FLASK_ENV") == "development"
        self.TESTING = False
        self.JWT_SECRET_KEY = _env("JWT_SECRET_KEY")
        self.JWT_EXPIRES_MINUTES = int(_env("JWT_EXPIRES_MINUTES", 60 * 24))
        # A relative path is relative to the repository, wherever the app is started from.
        self.DB_PATH = os.path.join(REPO_ROOT, _env("WORLDSMITH_DB_PATH", "data/worldsmith.json"))
        # The TinyDB journal is compacted into the file once it is this large (or larger than the file).
        self.TINYDB_COMPACT_BYTES = int(_env("TINYDB_COMPACT_BYTES", 16 * 1024 * 1024))
        self.DATABASE_URL = _env("DATABASE_URL")
        self.DATABASE_POOL_SIZE = int(_env("DATABASE_POOL_SIZE", 10))  # per process
        self.SERVERLESS = bool(_env("VERCEL"))  # Vercel sets VERCEL=1: no disk, no threads
        self.MAX_CONTENT_LENGTH = int(_env("MAX_CONTENT_LENGTH", 1024 * 1024))
        # Images: largest upload (bytes; the image route's own body limit, above MAX_CONTENT_LENGTH),
        # most pixels (width x height; more is refused before decoding), images per world, the
        # thumbnail's longest side (px), and the life (s) of a signed image link (see services/image_links.py).
        self.IMAGE_MAX_BYTES = int(_env("IMAGE_MAX_BYTES", 8 * 1024 * 1024))
        self.IMAGE_MAX_PIXELS = int(_env("IMAGE_MAX_PIXELS", 25_000_000))
        self.IMAGE_MAX_PER_WORLD = int(_env("IMAGE_MAX_PER_WORLD", 200))
        self.IMAGE_THUMB_SIZE = int(_env("IMAGE_THUMB_SIZE", 256))
        self.IMAGE_LINK_SECONDS = int(_env("IMAGE_LINK_SECONDS", 3600))
        # Deepest JSON nesting accepted in a request body (400 above; orjson stops at 254 on output).
        self.MAX_JSON_DEPTH = int(_env("MAX_JSON_DEPTH", 64))
        # waitress (python api/main.py): worker threads, open connections at most, seconds an
        # idle connection is kept. Bodies above MAX_CONTENT_LENGTH (or, for image uploads,
        # IMAGE_MAX_BYTES) plus a margin are refused from their headers, before they are read.
        self.WAITRESS_THREADS = int(_env("WAITRESS_THREADS", 8))
        self.WAITRESS_CONNECTION_LIMIT = int(_env("WAITRESS_CONNECTION_LIMIT", 200))
        self.WAITRESS_CHANNEL_TIMEOUT = int(_env("WAITRESS_CHANNEL_TIMEOUT", 30))
        # Scheme and host of pagination links (e.g. https://worlds.example); empty: relative links.
        self.PUBLIC_BASE_URL = _env("PUBLIC_BASE_URL", "").rstrip("/")
        # Proxies in front of the app whose X-Forwarded-For is trusted (per-IP rate limits).
        self.TRUSTED_PROXY_HOPS = int(_env("TRUSTED_PROXY_HOPS", 1 if _env("VERCEL") else 0))
        self.CORS_ORIGINS = [o.strip() for o in _env(
            "CORS_ORIGINS", "http://localhost:5173,http://127.0.0.1:5173").split(",") if o.strip()]
        self.RATELIMIT_STORAGE_URI = _env("RATELIMIT_STORAGE_URI", "memory://")
        self.RATELIMIT_ENABLED = _flag("RATELIMIT_ENABLED", True)
        # Keeps apart deployments (or test runs) that share one Redis.
        self.RATELIMIT_KEY_PREFIX = _env("RATELIMIT_KEY_PREFIX", "")
        # Redis down: count in this process's memory (same limits) until it is back, rather
        # than answer 500; any other limiter failure is logged and the request goes through.
        self.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = _flag("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
        self.RATELIMIT_SWALLOW_ERRORS = _flag("RATELIMIT_SWALLOW_ERRORS", True)
        self.RATELIMIT_STORAGE_TIMEOUT = float(_env("RATELIMIT_STORAGE_TIMEOUT", 1.0))  # seconds, Redis
        self.OPENAI_API_KEY = _env("OPENAI_API_KEY")
        self.OPENAI_BASE_URL = _env("OPENAI_BASE_URL")
        self.OPENAI_MODEL = _env("OPENAI_MODEL", "gpt-4o-mini")
        self.OPENAI_TIMEOUT = float(_env("OPENAI_TIMEOUT", 60))
        self.OPENAI_MAX_RETRIES = int(_env("OPENAI_MAX_RETRIES", 3))
        self.OPENAI_RETRY_BACKOFF = float(_env("OPENAI_RETRY_BACKOFF", 1.0))  # seconds, doubled per retry
        # Canon-aware AI (see README "AI that knows the world"). Models a world may choose
        # besides OPENAI_MODEL (comma-separated); canon tokens sent with a job, by default and
        # per model ("model=tokens,..."); prices per million prompt/completion tokens
        # ("model=0.15/0.60,..."), in AI_PRICE_CURRENCY; seconds the offline provider waits
        # between streamed words (0: as fast as it can; the e2e run slows it to watch it stream).
        self.AI_ALLOWED_MODELS = [m.strip() for m in _env("AI_ALLOWED_MODELS", "").split(",") if m.strip()]
        self.AI_CONTEXT_TOKENS = int(_env("AI_CONTEXT_TOKENS", 2000))
        self.AI_CONTEXT_BUDGETS = _pairs(_env("AI_CONTEXT_BUDGETS", ""), int)
        self.AI_PRICES = _pairs(_env("AI_PRICES", ""), _price)
        self.AI_PRICE_CURRENCY = _env("AI_PRICE_CURRENCY", "USD")
        self.OFFLINE_STREAM_DELAY = float(_env("OFFLINE_STREAM_DELAY", 0))
        self.TASK_MODE = _env("TASK_MODE", "thread")
        self.TASK_WORKERS = int(_env("TASK_WORKERS", 4))
        # Wall-time budget of one AI job (the offline heuristics and model calls honour it).
        self.AI_JOB_SECONDS = float(_env("AI_JOB_SECONDS", 300))
        self.TASK_RETENTION_DAYS = int(_env("TASK_RETENTION_DAYS", 30))
        # Earlier versions kept per story, world, character, location or event (older ones deleted).
        self.HISTORY_MAX_VERSIONS = int(_env("HISTORY_MAX_VERSIONS", 50))
        # Days a deleted world, story, character or location stays restorable in the trash.
        self.TRASH_RETENTION_DAYS = int(_env("TRASH_RETENTION_DAYS", 30))
        # Days an invitation to a world stays open.
        self.INVITATION_DAYS = int(_env("INVITATION_DAYS", 14))
        # Live streams (services/live): Redis for fan-out across processes (unset: this process
        # only, enough for one worker), a heartbeat comment every so many seconds, a stream's
        # life (the client reconnects with Last-Event-ID), streams one process holds at most
        # (each holds a server thread: see README "Live updates"), a ticket's life.
        self.LIVE_REDIS_URL = _env("LIVE_REDIS_URL")
        self.LIVE_HEARTBEAT_SECONDS = float(_env("LIVE_HEARTBEAT_SECONDS", 15))
        self.LIVE_STREAM_SECONDS = float(_env("LIVE_STREAM_SECONDS", 600))
        self.LIVE_MAX_STREAMS = int(_env("LIVE_MAX_STREAMS", 56))
        self.LIVE_TICKET_SECONDS = int(_env("LIVE_TICKET_SECONDS", 60))
        self.LIVE_CHANNEL_PREFIX = _env("LIVE_CHANNEL_PREFIX", "worldsmith:live:")
        self.INITIAL_ADMIN_USERNAME = _env("INITIAL_ADMIN_USERNAME")
        self.INITIAL_ADMIN_EMAIL = _env("INITIAL_ADMIN_EMAIL")
        self.INITIAL_ADMIN_PASSWORD = _env("INITIAL_ADMIN_PASSWORD")
        # argon2id; OWASP's minimum is t=2, m=19 MiB. Tests lower it for speed.
        self.ARGON2_TIME_COST = int(_env("ARGON2_TIME_COST", 3))
        self.ARGON2_MEMORY_COST = int(_env("ARGON2_MEMORY_COST", 64 * 1024))
        self.FRONTEND_DIST = _env("FRONTEND_DIST", os.path.join(REPO_ROOT, "frontend", "dist"))
        self.VERSION = VERSION
        for key, value in overrides.items():
            setattr(self, key, value)
        if self.SERVERLESS:
            self.TASK_MODE = "inline"  # a function is frozen once it has answered
