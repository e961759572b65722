"""Counting tokens the way the model will: what the context builder fits to a budget.

``token_counter(config, model, client=None)`` picks, once per model and server:

1. **tiktoken**, when ``tiktoken`` knows the model's encoding (``gpt-4o`` ->
   ``o200k_base``) *and* the encoding's file is already in tiktoken's cache
   (``TIKTOKEN_CACHE_DIR``, else ``<tmp>/data-gym-cache``) with the right hash.
   tiktoken downloads a missing file on first use; the app never does, so it
   looks in the cache itself first. An operator warms the cache once with
   ``TIKTOKEN_CACHE_DIR=... python -c "import tiktoken; tiktoken.get_encoding('o200k_base')"``.
2. **The server's own tokenizer**, when an OpenAI-compatible server offers one:
   llama.cpp (``POST /tokenize {"content"}`` -> ``{"tokens": [...]}``) or vLLM
   (``POST /tokenize {"model", "prompt"}`` -> ``{"count", "tokens"}``), at the
   server's root (the base URL without ``/v1``). Which one (if any) is probed
   once per (server, model); a server that offers neither is asked again after
   ``RETRY_SECONDS``. A count that fails later falls back to the estimate for
   that text (and ``degraded`` is set).
3. **An estimate** (``estimate_tokens``), meant to count *more* tokens than the
   BPE tokenizers of current models do for English, Vietnamese and CJK prose,
   so a budget counted with it is not overrun:

   * text is read in NFC (a name typed composed or decomposed counts the same);
   * an ASCII word: one token per 4 letters, rounded up ("the" 1, "Seraphina" 3);
   * a word with letters outside ASCII (Vietnamese "Nguyễn", French "Zoë"): one
     token per 2 bytes of UTF-8, rounded up ("Nguyễn" 4, "Văn" 2). Each toned
     Vietnamese syllable then counts 2-4, where cl100k spends 1-3 and o200k 1-2;
   * Chinese, Japanese and Korean characters: 3 tokens per 2 characters
     (cl100k writes common ones as one token, rarer ones as two or three);
   * digits: one token per 3 (tokenizers split numbers in groups of 3);
   * each other visible character (punctuation, symbols): one token, an
     emoji or other 4-byte character two;
   * spaces are free (they join the next word's token), a run of blank space
     holding line breaks is one token.

   The estimate adds up exactly over pieces that each end with a line break,
   as the context builder's lines do.

Every counter has ``name`` (what the context report shows as ``tokenizer``) and
``count(text) -> int``.
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import tempfile
import threading
import time
import unicodedata
import urllib.error
import urllib.request
from collections import OrderedDict
from typing import Protocol

log = logging.getLogger(__name__)

RETRY_SECONDS = 300.0     # a server without a tokenizer (or a missing tiktoken file) is asked again after this
PROBE_TIMEOUT = 3.0       # seconds for one /tokenize request at most
COUNT_CACHE = 4096        # texts whose server count is remembered (the builder recounts the same lines)

# The one-file encodings tiktoken knows (tiktoken_ext.openai_public): where tiktoken fetches
# each file from (the cache is keyed by this address) and the file's SHA-256.
_BLOB = "https://openaipublic.blob.core.windows.net/encodings/"
ENCODING_FILES = {
    "r50k_base": (_BLOB + "r50k_base.tiktoken", "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930"),
    "p50k_base": (_BLOB + "p50k_base.tiktoken", "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069"),
    "p50k_edit": (_BLOB + "p50k_base.tiktoken", "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069"),
    "cl100k_base": (_BLOB + "cl100k_base.tiktoken",
                    "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"),
    "o200k_base": (_BLOB + "o200k_base.tiktoken", "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"),
    "o200k_harmony": (_BLOB + "o200k_base.tiktoken",
                      "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"),
}


class TokenCounter(Protocol):
    name: str

    def count(self, text: str) -> int: ...


# -- the estimate ----------------------------------------------------------------------

_CJK = "\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff" \
       "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"
_PIECE = re.compile(
    rf"(?P<cjk>[{_CJK}]+)"
    rf"|(?P<word>(?:(?![{_CJK}])[^\W\d_])+)"
    r"|(?P<digits>\d+)"
    r"|(?P<blank>\s+)"
    r"|(?P<other>.)", re.S)


def estimate_tokens(text: str) -> int:
    """A conservative token count of ``text`` (see the module's docstring)."""
    total = 0
    for match in _PIECE.finditer(unicodedata.normalize("NFC", text or "")):
        kind, piece = match.lastgroup, match.group()
        if kind == "word":
            total += math.ceil(len(piece) / 4) if piece.isascii() else math.ceil(len(piece.encode()) / 2)
        elif kind == "cjk":
            total += math.ceil(len(piece) * 3 / 2)
        elif kind == "digits":
            total += math.ceil(len(piece) / 3)
        elif kind == "blank":
            total += 1 if ("\n" in piece or "\r" in piece) else 0
        else:
            total += 2 if len(piece.encode()) > 3 else 1
    return total


class EstimateCounter:
    name = "estimate"

    def count(self, text: str) -> int:
        return estimate_tokens(text)


# -- tiktoken -------------------------------------------------------------------------

class TiktokenCounter:
    """Counts with a ``tiktoken.Encoding`` (special tokens in the text are counted as text)."""

    def __init__(self, encoding):
        self.encoding = encoding
        self.name = f"tiktoken:{encoding.name}"

    def count(self, text: str) -> int:
        return len(self.encoding.encode_ordinary(text or ""))


def tiktoken_cache_dir() -> str | None:
    """Where tiktoken keeps its files ("" in the environment: no cache, so None)."""
    for variable in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"):
        if variable in os.environ:
            return os.environ[variable] or None
    return os.path.join(tempfile.gettempdir(), "data-gym-cache")


def encoding_name(model: str) -> str | None:
    """The tiktoken encoding of ``model``, if tiktoken knows the model."""
    try:
        import tiktoken.model
        return tiktoken.model.encoding_name_for_model(model)
    except (ImportError, KeyError):
        return None


def cached_encoding_file(name: str) -> str | None:
    """The path of encoding ``name``'s file in tiktoken's cache, if it is there and whole."""
    known, cache_dir = ENCODING_FILES.get(name), tiktoken_cache_dir()
    if known is None or cache_dir is None:
        return None
    url, sha256 = known
    path = os.path.join(cache_dir, hashlib.sha1(url.encode()).hexdigest())   # tiktoken's own cache key
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return path if hashlib.sha256(data).hexdigest() == sha256 else None


_local: dict[str, tuple[float, object]] = {}
_local_lock = threading.Lock()


def local_encoding(model: str):
    """The model's ``tiktoken.Encoding`` when its file is already cached; else None.
    Never downloads (tiktoken reads the verified cached file)."""
    with _local_lock:
        seen = _local.get(model)
        if seen is not None and (seen[1] is not None or time.monotonic() - seen[0] < RETRY_SECONDS):
            return seen[1]
    name, encoding = encoding_name(model), None
    if name is not None and cached_encoding_file(name) is not None:
        import tiktoken
        try:
            encoding = tiktoken.get_encoding(name)
        except Exception as exc:   # noqa: BLE001 - a broken cache only costs the real tokenizer
            log.warning("tiktoken encoding %s unusable: %s", name, exc)
    with _local_lock:
        _local[model] = (time.monotonic(), encoding)
    return encoding


# -- the server's tokenizer -----------------------------------------------------------------

def server_root(base_url: str) -> str:
    """The server's root, where llama.cpp and vLLM answer ``/tokenize``."""
    root = base_url.rstrip("/")
    return root[:-3] if root.endswith("/v1") else root


def _post(url: str, payload: dict, api_key: str | None, timeout: float) -> dict:
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=timeout) as response:   # noqa: S310 - the operator's URL
        return json.loads(response.read() or b"{}")


def _llama_payload(model: str, text: str) -> dict:
    return {"content": text}


def _vllm_payload(model: str, text: str) -> dict:
    return {"model": model, "prompt": text, "add_special_tokens": False}


def _tokens_of(answer: dict) -> int:
    if isinstance(answer.get("count"), int):
        return answer["count"]
    tokens = answer.get("tokens")
    if isinstance(tokens, list):
        return len(tokens)
    raise ValueError("no tokens in the answer")


STYLES = {"llama.cpp": _llama_payload, "vllm": _vllm_payload}


class ServerCounter:
    """Counts with the server's ``POST /tokenize`` (``style``: "llama.cpp" or "vllm")."""

    def __init__(self, base_url: str, style: str, model: str, api_key: str | None = None,
                 timeout: float = PROBE_TIMEOUT):
        self.url = server_root(base_url) + "/tokenize"
        self.style, self.model, self.api_key, self.timeout = style, model, api_key, timeout
        self.name = f"server:{style}"
        self.degraded = False
        self._cache: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def ask(self, text: str) -> int:
        """The server's count (raises on any failure)."""
        return _tokens_of(_post(self.url, STYLES[self.style](self.model, text), self.api_key, self.timeout))

    def count(self, text: str) -> int:
        text = text or ""
        with self._lock:
            if text in self._cache:
                self._cache.move_to_end(text)
                return self._cache[text]
        try:
            found = self.ask(text)
        except (OSError, ValueError, urllib.error.URLError) as exc:
            log.warning("the server's tokenizer failed (%s); estimating instead", exc)
            self.degraded = True
            return estimate_tokens(text)
        with self._lock:
            self._cache[text] = found
            while len(self._cache) > COUNT_CACHE:
                self._cache.popitem(last=False)
        return found


_servers: dict[tuple[str, str], tuple[float, ServerCounter | None]] = {}
_servers_lock = threading.Lock()


def server_counter(base_url: str, model: str, api_key: str | None = None,
                   timeout: float = PROBE_TIMEOUT) -> ServerCounter | None:
    """The server's tokenizer, if it offers one (probed once per server and model)."""
    key = (server_root(base_url), model)
    with _servers_lock:
        seen = _servers.get(key)
        if seen is not None and (seen[1] is not None or time.monotonic() - seen[0] < RETRY_SECONDS):
            return seen[1]
    found = None
    for style in STYLES:
        candidate = ServerCounter(base_url, style, model, api_key, timeout)
        try:
            if candidate.ask("Hello, world.") > 0:
                found = candidate
                break
        except (OSError, ValueError, urllib.error.URLError):
            continue
    with _servers_lock:
        _servers[key] = (time.monotonic(), found)
    return found


def forget_detected() -> None:
    """Forget every probe (a settings change; tests)."""
    with _servers_lock:
        _servers.clear()
    with _local_lock:
        _local.clear()


# -- choosing -------------------------------------------------------------------------

def token_counter(config, model: str, client=None) -> TokenCounter:
    """The best counter for ``model``: tiktoken (cached file), else the server's tokenizer,
    else the estimate. ``client``: the model's client (anything with ``base_url`` and
    ``api_key``, e.g. ``ai.gpt_client.GPTClient``) or a base URL; by default the
    configured ``OPENAI_BASE_URL``."""
    encoding = local_encoding(model)
    if encoding is not None:
        return TiktokenCounter(encoding)
    base_url = getattr(client, "base_url", client) or config.get("OPENAI_BASE_URL")
    if base_url:
        api_key = getattr(client, "api_key", None) or config.get("OPENAI_API_KEY")
        timeout = min(float(config.get("OPENAI_TIMEOUT") or PROBE_TIMEOUT), PROBE_TIMEOUT)
        counter = server_counter(str(base_url), model, api_key, timeout)
        if counter is not None:
            return counter
    return EstimateCounter()


def context_budget(config, model: str) -> int:
    """Canon tokens a job for ``model`` may send: ``AI_CONTEXT_BUDGETS[model]``, else ``AI_CONTEXT_TOKENS``."""
    budgets = config.get("AI_CONTEXT_BUDGETS") or {}
    return int(budgets.get(model, config.get("AI_CONTEXT_TOKENS", 2000)))
