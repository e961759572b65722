"""What an OpenAI-compatible server can do, per (base URL, model): streaming,
JSON mode (``response_format``) and tool calls.

Servers differ: OpenAI has all three, a llama.cpp or an older Ollama may
refuse ``response_format`` or ``tools`` with HTTP 400, some proxies refuse
``stream``. ``probe`` asks with tiny real requests (a handful of tokens each)
and ``Capabilities`` remembers the answers for the life of the process;
``GPTClient`` uses them (``GPTClient.structured``: JSON mode, else a forced
tool call, else a plain prompt) and learns from a refusal in the middle of a
job (a 400 to a request with ``response_format`` or ``tools`` marks that
unsupported and the request is sent again as a plain prompt). A flag is ``True`` (works), ``False`` (refused) or ``None``
(not known yet: the client keeps its defaults, JSON mode only for OpenAI
itself).
"""
from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit

from core.clock import utc_now

FLAGS = ("streaming", "json_mode", "tools")
PROBE_PROMPT = 'Reply with the JSON object {"ok": true} and nothing else.'
PROBE_TOKENS = 16   # max_tokens of a probe: enough for '{"ok": true}'
REFUSED = (400, 422)   # what servers answer to a parameter they do not support
PING_TOOL = {"type": "function", "function": {
    "name": "ping", "description": "Answer the ping.",
    "parameters": {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}}}


def host_of(base_url: str | None) -> str:
    """The host (and port) of ``base_url``, never its path, user or password; OpenAI's when none."""
    if not base_url:
        return "api.openai.com"
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    return f"{host}:{parts.port}" if parts.port else host


class Capabilities:
    """Known capabilities per (base URL, model), shared by the threads of one process."""

    def __init__(self):
        self._known: dict[tuple[str, str], dict] = {}
        self._lock = threading.Lock()

    def get(self, base_url: str | None, model: str) -> dict:
        """``{streaming, json_mode, tools, checked_at}``; ``None`` for what is not known."""
        with self._lock:
            found = self._known.get((base_url or "", model))
            return dict(found) if found else {**dict.fromkeys(FLAGS), "checked_at": None}

    def flag(self, base_url: str | None, model: str, name: str) -> bool | None:
        return self.get(base_url, model)[name]

    def learn(self, base_url: str | None, model: str, **flags: bool) -> dict:
        """Record what a request showed (``json_mode=False`` after a refusal, ...)."""
        unknown = set(flags) - set(FLAGS)
        if unknown:
            raise ValueError(f"unknown capabilities: {sorted(unknown)}")
        with self._lock:
            key = (base_url or "", model)
            entry = self._known.setdefault(key, {**dict.fromkeys(FLAGS), "checked_at": None})
            entry.update(flags, checked_at=utc_now())
            return dict(entry)


def refused(exc: Exception) -> bool:
    """Whether ``exc`` is a server's refusal of a request's parameters (HTTP 400/422)."""
    return getattr(exc, "status_code", None) in REFUSED


def probe(client, model: str) -> dict:
    """Test the connection and the capabilities of ``model`` with tiny real requests.

    ``{ok, latency_ms, model, capabilities, error?}``: ``latency_ms`` is the time of
    one plain request; if it fails the rest is not tried and ``error`` says why in
    plain words (never the API key). Capabilities found are remembered on
    ``client.capabilities``."""
    openai, sdk = client._openai()
    messages = [{"role": "user", "content": PROBE_PROMPT}]
    started = time.monotonic()
    try:
        sdk.chat.completions.create(model=model, messages=messages, max_tokens=PROBE_TOKENS)
    except openai.OpenAIError as exc:
        return {"ok": False, "latency_ms": round((time.monotonic() - started) * 1000), "model": model,
                "capabilities": client.capabilities.get(client.base_url, model),
                "error": client.describe_error(exc, 1, host_only=True)}
    latency = round((time.monotonic() - started) * 1000)

    def accepted(**extra) -> bool | None:
        try:
            answer = sdk.chat.completions.create(model=model, messages=messages, max_tokens=PROBE_TOKENS, **extra)
            if extra.get("stream"):
                with answer:   # a chunk shows it streams; closing ends the request
                    return next(iter(answer), None) is not None
            return True
        except openai.APIStatusError as exc:
            return False if refused(exc) else None
        except openai.OpenAIError:
            return None   # timeouts and the like say nothing about the feature

    found = {"json_mode": accepted(response_format={"type": "json_object"}),
             "tools": accepted(tools=[PING_TOOL]),
             "streaming": accepted(stream=True)}
    caps = client.capabilities.learn(client.base_url, model,
                                     **{k: v for k, v in found.items() if v is not None})
    return {"ok": True, "latency_ms": latency, "model": model, "capabilities": caps}
