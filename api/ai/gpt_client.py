"""Chat completions with the ``openai`` SDK, for OpenAI or any server that
speaks its API (Ollama, llama.cpp, vLLM, LM Studio), answering in JSON.

* The SDK is imported on first use, so starting the app stays fast.
* Retries are ours (the SDK's are turned off): bounded by
  ``OPENAI_MAX_RETRIES``, exponential backoff from ``OPENAI_RETRY_BACKOFF``
  seconds, honouring ``Retry-After``, on 429, 5xx, timeouts and dropped
  connections. The SDK's own backoff cannot be shortened, which tests need.
* Answers are validated against a pydantic schema; an invalid answer gets one
  repair request, then the job fails with a clear message.
* ``model=`` picks the model per call (a world's choice); by default the
  configured one. JSON mode is asked for where ``ai.capabilities`` knows the
  server has it (unknown: OpenAI itself only), else a forced tool call where
  tool calls are known to work, else a plain prompt; a server refusing JSON
  mode or tools (HTTP 400) is remembered and the request goes again as a plain
  prompt, its JSON read from the text.
"""
from __future__ import annotations

import json
import logging
import random
import re
import threading
import time
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from ai import prompts
from ai.capabilities import Capabilities, host_of, refused

log = logging.getLogger(__name__)

MAX_RETRY_AFTER = 60.0
PLACEHOLDER_KEY = "not-needed"   # local servers ignore the key; the SDK insists on one


class AIError(Exception):
    """A job cannot get a usable answer; the message is shown on the task."""


class InvalidAnswer(ValueError):
    pass


class FeatureRefused(Exception):
    """The server refused ``response_format`` or ``tools`` (it has no JSON mode, or no tool calls)."""

    def __init__(self, status: int):
        super().__init__(f"HTTP {status}")
        self.status = status


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, usage) -> None:
        if usage is not None:
            self.prompt_tokens += getattr(usage, "prompt_tokens", 0) or 0
            self.completion_tokens += getattr(usage, "completion_tokens", 0) or 0

    def to_dict(self) -> dict:
        return {"prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens}


def parse_answer(content: str | None, schema: type[BaseModel]) -> BaseModel:
    """The JSON object in ``content`` (code fences and chatter around it are ignored)."""
    text = (content or "").strip()
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        raise InvalidAnswer("the answer holds no JSON object")
    try:
        data = json.loads(text[start:end + 1])
    except json.JSONDecodeError as exc:
        raise InvalidAnswer(f"the answer is not valid JSON ({exc.msg} at char {exc.pos})") from None
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "answer"
        raise InvalidAnswer(f"{where}: {first['msg']} ({exc.error_count()} problem(s))") from None


class GPTClient:
    def __init__(self, api_key: str | None, base_url: str | None, model: str,
                 timeout: float, max_retries: int, backoff: float):
        self.api_key = api_key or PLACEHOLDER_KEY
        self.base_url = base_url or None
        self.model = model
        self.timeout = timeout
        self.max_retries = max(0, max_retries)
        self.backoff = max(0.0, backoff)
        self._sdk = None
        self._client = None
        self._lock = threading.Lock()
        self.capabilities = Capabilities()

    def _openai(self):
        with self._lock:   # one shared client (thread-safe, pools connections)
            if self._client is None:
                import openai  # lazy: the SDK takes a couple of seconds to import
                self._sdk = openai
                self._client = openai.OpenAI(api_key=self.api_key, base_url=self.base_url,
                                             timeout=self.timeout, max_retries=0)
        return self._sdk, self._client

    def complete(self, job: str, user_prompt: str, schema: type[BaseModel], usage: Usage,
                 system: str | None = None, model: str | None = None) -> BaseModel:
        """The model's answer to ``user_prompt`` for ``job``, validated against ``schema``
        (``system``: the system prompt, by default ``prompts.system_prompt(job)``;
        ``model``: by default the configured one)."""
        messages = [{"role": "system", "content": system or prompts.system_prompt(job)},
                    {"role": "user", "content": user_prompt}]
        content = self._chat(messages, usage, model, schema=schema)
        try:
            return parse_answer(content, schema)
        except InvalidAnswer as exc:
            log.info("AI answer for %s invalid (%s); asking for a repair", job, exc)
            messages += [{"role": "assistant", "content": content or ""},
                         {"role": "user", "content": prompts.repair(str(exc))}]
        content = self._chat(messages, usage, model, schema=schema)
        try:
            return parse_answer(content, schema)
        except InvalidAnswer as exc:
            raise AIError(f"The AI answered with unusable JSON twice (after one repair request): {exc}") from None

    def json_mode(self, model: str) -> bool:
        """Whether to ask ``model`` for JSON mode: as detected, else only OpenAI itself."""
        known = self.capabilities.flag(self.base_url, model, "json_mode")
        return (not self.base_url) if known is None else known

    def structured(self, model: str) -> str:
        """How to ask ``model`` for a JSON answer: ``json_mode`` (``response_format``) where it
        works (unknown: OpenAI itself only), else ``tools`` (a forced call of an ``answer``
        function) where tool calls are known to work, else ``plain`` (JSON read from the text)."""
        if self.json_mode(model):
            return "json_mode"
        return "tools" if self.capabilities.flag(self.base_url, model, "tools") else "plain"

    def _chat(self, messages: list[dict], usage: Usage, model: str | None = None, json_mode: bool = True,
              schema: type[BaseModel] | None = None) -> str:
        """The answer's text (``json_mode``: may ask for JSON, per ``structured``; ``schema``: the
        answer's shape, the function's parameters for ``tools``). A refusal of JSON mode or tools
        is remembered and the request goes again as a plain prompt."""
        model = model or self.model
        request = {"model": model, "messages": messages}
        how = self.structured(model) if json_mode else "plain"
        if how == "tools" and schema is None:
            how = "plain"
        extra = {"json_mode": {"response_format": {"type": "json_object"}},
                 "tools": {"tools": [_answer_tool(schema)] if schema else [],
                           "tool_choice": {"type": "function", "function": {"name": ANSWER_TOOL}}},
                 "plain": {}}[how]
        try:
            response = self._create(**request, **extra)
        except FeatureRefused as exc:
            log.info("%s refused %s for %s (HTTP %d); asking with plain prompts", self.where, how, model,
                     exc.status)
            self.capabilities.learn(self.base_url, model, **{how: False})
            response = self._create(**request)
        usage.add(getattr(response, "usage", None))
        choices = getattr(response, "choices", None) or []
        if not choices:
            return ""
        message = choices[0].message
        calls = getattr(message, "tool_calls", None) or []
        if how == "tools" and calls and getattr(calls[0], "function", None) is not None:
            return calls[0].function.arguments or ""
        return message.content or ""

    def _create(self, **request):
        """``chat.completions.create(**request)`` with our retries (429, 5xx, timeouts, dropped
        connections); any other HTTP error is an ``AIError`` at once."""
        openai, client = self._openai()
        retryable = (openai.RateLimitError, openai.InternalServerError, openai.APIConnectionError,
                     openai.APIResponseValidationError, json.JSONDecodeError)
        attempts = self.max_retries + 1
        for attempt in range(1, attempts + 1):
            try:
                return client.chat.completions.create(**request)
            except retryable as exc:
                if attempt == attempts:
                    raise AIError(self.describe_error(exc, attempts)) from None
                delay = self._delay(attempt, exc)
                log.info("AI call failed (%s); retry %d/%d in %.2fs", type(exc).__name__,
                         attempt, self.max_retries, delay)
                time.sleep(delay)
            except openai.APIStatusError as exc:
                if (request.get("response_format") or request.get("tools")) and refused(exc):
                    raise FeatureRefused(exc.status_code) from None
                raise AIError(self.describe_error(exc, attempt)) from None
        raise AssertionError("unreachable")

    def _delay(self, attempt: int, exc: Exception) -> float:
        headers = getattr(getattr(exc, "response", None), "headers", None) or {}
        retry_after = headers.get("retry-after")
        if retry_after and re.fullmatch(r"\d+(\.\d+)?", retry_after.strip()):
            return min(float(retry_after), MAX_RETRY_AFTER)
        base = self.backoff * (2 ** (attempt - 1))
        return base * random.uniform(0.75, 1.25)

    @property
    def where(self) -> str:
        """The server as logs name it: the base URL's host (never a password in it), or OpenAI."""
        return host_of(self.base_url) if self.base_url else "OpenAI"

    def describe_error(self, exc: Exception, attempts: int, host_only: bool = False) -> str:
        """``exc`` in plain words, the API key never in them (a server may echo it);
        ``host_only``: the server named by its host, not its whole base URL."""
        text = self._describe(exc, attempts, self.where if host_only else None)
        if self.api_key and self.api_key != PLACEHOLDER_KEY:
            text = text.replace(self.api_key, "***")
        return text

    def _describe(self, exc: Exception, attempts: int, where: str | None = None) -> str:
        openai = self._sdk
        tries = f"after {attempts} attempt{'s' if attempts != 1 else ''}"
        where = where or self.base_url or "OpenAI"
        if isinstance(exc, openai.APITimeoutError):
            return f"The AI provider did not answer within {self.timeout:g}s ({tries})"
        if isinstance(exc, openai.APIConnectionError):
            return f"Cannot reach the AI provider at {where} ({tries})"
        if isinstance(exc, openai.RateLimitError):
            return f"The AI provider is rate limiting requests (HTTP 429, {tries})"
        if isinstance(exc, openai.AuthenticationError):
            return "The AI provider rejected the API key (HTTP 401); check OPENAI_API_KEY"
        if isinstance(exc, openai.APIStatusError):
            return f"The AI provider failed with HTTP {exc.status_code} ({tries}): {_short(exc.message)}"
        return f"The AI provider sent a malformed response ({tries})"


ANSWER_TOOL = "answer"


def _answer_tool(schema: type[BaseModel]) -> dict:
    """The function whose arguments are the answer, for servers that call tools but lack JSON mode."""
    return {"type": "function", "function": {"name": ANSWER_TOOL, "description": "Give the answer.",
                                             "parameters": schema.model_json_schema()}}


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
