"""A local OpenAI-compatible server for tests and benchmarks: a real HTTP
server on 127.0.0.1 that answers ``POST /v1/chat/completions`` like OpenAI.

Answers are scripted per job (recognised from the JSON shape the system prompt
asks for). ``push(*actions)`` queues what the next requests get; ``default``
is what every other request gets. Actions:

* ``"ok"``: a valid answer        * ``"429"``, ``"500"``, ``"401"``: that HTTP error
* ``"hang"``: no answer until released (client timeout)
* ``"not_json"``: content that is no JSON   * ``"bad_shape"``: JSON of the wrong shape
* ``"broken_body"``: an HTTP body that is not JSON at all
* ``{"content": "..."}``: exactly that message content; ``{"answer": {...}}``: that JSON object
``latency`` delays every answer (slow server).
``POST /tokenize`` answers like llama.cpp (``{"content"}`` -> ``{"tokens": [...]}``) while ``tokenizer``
is True: one token per run of word characters and one per other visible character (spaces are
free), so "Mara's  blade." is 5 tokens (``fake_token_count``); ``tokenize_requests`` records them. ``requests`` records every request's body
(``system_prompts()``/``user_prompts()`` give the messages sent).

Servers that lack a feature (see ``capability_reply``): ``reject_json_mode``, ``reject_tools`` and
``reject_streaming`` make the server answer requests using ``response_format``, ``tools`` or
``stream`` with HTTP 400, as such servers do. ``GET /v1/models`` lists ``models``. The capability
probes (``ai.capabilities.PROBE_PROMPT``) get ``{"ok": true}``, streamed when asked (unless
an error action is queued: ``push("401")`` fails the next probe); a job's request with ``tools``
gets its answer as a tool call (``action`` ``"tool_call"`` in ``requests``).
"""
from __future__ import annotations

import json
import threading
import time
import re
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HANG_LIMIT = 10.0   # seconds a "hang" lasts at most, so no thread outlives a test by long
PROMPT_TOKENS, COMPLETION_TOKENS = 11, 7

ANSWERS = {
    "findings": {"findings": []},   # the consistency check's default; ``check_answer`` scripts it per passage
    "names": {"names": [
        {"name": "Mara Vell", "kind": "character", "confidence": 0.95, "quote": "Mara Vell sailed to Karsk.",
         "aliases": []},
        {"name": "Karsk", "kind": "place", "confidence": 0.9, "quote": "Mara Vell sailed to Karsk.", "aliases": []},
        {"name": "Orin Dask", "kind": "character", "confidence": 0.9,
         "quote": "There Orin Dask forged her a blade.", "aliases": []},
    ]},
    "events": {"events": [
        {"title": "Mara reaches Karsk", "description": "Mara Vell arrives in Karsk.",
         "characters": ["Mara Vell"], "locations": ["Karsk"]},
        {"title": "Orin forges the blade", "description": "Orin Dask forges a blade.",
         "characters": ["Orin Dask", "Nobody Known"], "locations": []},
    ]},
    "story_description": {"story_description": "A tale of salt and iron."},
    "description": {"description": "A world of storms and old oaths."},
    "entities": {"entities": [{"name": "Mara Vell", "entity_type": "character", "description": "A sailor"}],
                 "locations": [{"name": "Karsk", "description": "A port"}]},
    "characters": {"characters": [{"name": "Mara Vell", "role": "hero"}, {"name": "Orin Dask", "role": "smith"}],
                   "locations": [{"name": "Karsk", "description": "A port"}]},
}


_FAKE_TOKEN = re.compile(r"\w+|[^\w\s]")


def fake_token_count(text: str) -> int:
    """The fake server's tokenizer: words and other visible characters, one token each."""
    return len(_FAKE_TOKEN.findall(text))


def job_key(system_prompt: str) -> str:
    for key in ("findings", "names", "events", "story_description", "entities", "characters", "description"):
        if f'"{key}"' in system_prompt:
            return key
    raise ValueError("unknown job")


def check_answer(fake, body: dict) -> dict:
    """The consistency check's answer (its system prompt asks for ``"findings"``): the first entry of
    ``fake.check_answers`` whose marker (a piece of the passage) the user prompt holds; its value is
    the answer ``{"findings": [...]}``, or a function of the user prompt giving it. Else no findings."""
    messages = body.get("messages") or []
    prompt = messages[1]["content"] if len(messages) > 1 else ""
    for marker, answer in fake.check_answers.items():
        if marker in prompt:
            return answer(prompt) if callable(answer) else answer
    return {"findings": []}


class FakeOpenAI:
    def __init__(self, latency: float = 0.0):
        self.latency = latency
        self.default = "ok"
        self.script: deque = deque()
        self.requests: list[dict] = []
        self.check_answers: dict = {}   # consistency check: passage marker -> answer (see ``check_answer``)
        self.tokenizer = True                 # offer llama.cpp's POST /tokenize
        self.tokenize_requests: list[dict] = []
        self.reject_json_mode = self.reject_tools = self.reject_streaming = False   # see capability_reply
        self.models = ["test-model", "small-model"]   # GET /v1/models
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening (idempotent); hanging answers are released."""
        self.release.set()
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()

    def push(self, *actions: str | dict) -> None:
        with self._lock:
            self.script.extend(actions)

    def system_prompts(self) -> list[str]:
        return [r["body"]["messages"][0]["content"] for r in self.requests if r["body"].get("messages")]

    def user_prompts(self) -> list[str]:
        return [r["body"]["messages"][1]["content"] for r in self.requests if len(r["body"].get("messages", [])) > 1]

    def _next_action(self) -> str | dict:
        with self._lock:
            return self.script.popleft() if self.script else self.default

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):   # keep test output quiet
                pass

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = json.loads(raw or b"{}")
                if self.path.rstrip("/") == "/tokenize":   # llama.cpp's tokenizer (no scripted action)
                    return self._tokenize(body)
                if capability_reply(fake, self, body):
                    return
                action = fake._next_action()
                with fake._lock:
                    fake.requests.append({"path": self.path, "body": body, "action": action,
                                          "authorization": self.headers.get("Authorization")})
                if self.path.rstrip("/") != "/v1/chat/completions":
                    return self._send(404, {"error": {"message": "not found"}})
                if fake.latency:
                    time.sleep(fake.latency)
                if isinstance(action, dict):
                    content = action.get("content")
                    return self._answer(body, content if content is not None else json.dumps(action["answer"]))
                if action == "hang":
                    fake.release.wait(HANG_LIMIT)
                    return self._send(500, {"error": {"message": "released"}})
                if action in ("429", "500", "401"):
                    return self._send(int(action), {"error": {"message": f"scripted {action}",
                                                              "type": "test", "code": action}})
                if action == "broken_body":
                    return self._send(200, b"{this is not json", raw=True)
                key = job_key(body["messages"][0]["content"])
                content = {"not_json": "Sure! Here are the names: Mara, Karsk.",
                           "bad_shape": json.dumps({"unexpected": True, key: None})
                           }.get(action) or json.dumps(check_answer(fake, body) if key == "findings" else ANSWERS[key])
                self._answer(body, content)

            def _tokenize(self, body):
                with fake._lock:
                    fake.tokenize_requests.append(body)
                if not fake.tokenizer:
                    return self._send(404, {"error": {"message": "not found"}})
                if not isinstance(body.get("content"), str):
                    return self._send(400, {"error": {"message": "content is required"}})
                pieces = _FAKE_TOKEN.findall(body["content"])
                self._send(200, {"tokens": [sum(map(ord, p)) % 32000 for p in pieces]})

            def do_GET(self):
                if self.path.rstrip("/") != "/v1/models":
                    return self._send(404, {"error": {"message": "not found"}})
                self._send(200, {"object": "list", "data": [{"id": m, "object": "model", "created": 0,
                                                              "owned_by": "fake"} for m in fake.models]})

            def _answer(self, body, content):
                self._send(200, {
                    "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
                    "model": body.get("model"),
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": content}}],
                    "usage": {"prompt_tokens": PROMPT_TOKENS, "completion_tokens": COMPLETION_TOKENS,
                              "total_tokens": PROMPT_TOKENS + COMPLETION_TOKENS},
                })

            def _send(self, status, payload, raw=False):
                data = payload if raw else json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass   # the client gave up (timeout test)

        return Handler


# -- capabilities: servers lacking JSON mode, tools or streaming; the probes ---------------

REFUSALS = (("reject_json_mode", "response_format", "response_format is not supported"),
            ("reject_tools", "tools", "tools are not supported"),
            ("reject_streaming", "stream", "streaming is not supported"))


def capability_reply(fake: FakeOpenAI, handler, body: dict) -> bool:
    """Answer (and record) a request using a feature the server is told to lack (HTTP 400, like
    llama.cpp or an old Ollama), or a capability probe; False for every other request."""
    from ai.capabilities import PROBE_PROMPT
    refusal = next((message for switch, key, message in REFUSALS if getattr(fake, switch) and body.get(key)), None)
    messages = body.get("messages") or [{}]
    probe = messages[-1].get("content") == PROBE_PROMPT and not fake.script   # scripted errors still apply
    tool_call = bool(body.get("tools")) and not probe and not fake.script and refusal is None
    if refusal is None and not probe and not tool_call:
        return False
    with fake._lock:
        action = "refused" if refusal else "probe" if probe else "tool_call"
        fake.requests.append({"path": handler.path, "body": body, "action": action,
                              "authorization": handler.headers.get("Authorization")})
    if refusal is not None:
        handler._send(400, {"error": {"message": refusal, "type": "invalid_request_error", "code": None}})
    elif tool_call:   # a job's answer as the arguments of the function it was told to call
        function = (body.get("tool_choice") or {}).get("function", {}).get("name") or body["tools"][0]["function"]["name"]
        call = {"id": "call_1", "type": "function",
                "function": {"name": function, "arguments": json.dumps(ANSWERS[job_key(messages[0]["content"])])}}
        handler._send(200, {
            "id": "chatcmpl-tool", "object": "chat.completion", "created": int(time.time()), "model": body.get("model"),
            "choices": [{"index": 0, "finish_reason": "tool_calls",
                         "message": {"role": "assistant", "content": None, "tool_calls": [call]}}],
            "usage": {"prompt_tokens": PROMPT_TOKENS, "completion_tokens": COMPLETION_TOKENS,
                      "total_tokens": PROMPT_TOKENS + COMPLETION_TOKENS}})
    elif body.get("stream"):
        _probe_stream(handler, body)
    else:
        handler._answer(body, '{"ok": true}')
    return True


def _probe_stream(handler, body: dict) -> None:
    """``{"ok": true}`` as two SSE chunks and ``[DONE]``."""
    head = {"id": "chatcmpl-probe", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": body.get("model")}
    chunks = [{**head, "choices": [{"index": 0, "delta": {"role": "assistant", "content": '{"ok": true}'},
                                    "finish_reason": None}]},
              {**head, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}]
    handler.send_response(200)
    handler.send_header("Content-Type", "text/event-stream")
    handler.end_headers()
    for chunk in chunks:
        handler.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
    handler.wfile.write(b"data: [DONE]\n\n")
    handler.close_connection = True
