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
Streaming (``"stream": true``, see ``stream_answer``): the answer goes out as SSE chunks in
OpenAI's format, a word per chunk, ``chunk_delay`` seconds apart, then a chunk with
``finish_reason``, one with ``usage`` (``include_usage``) and ``data: [DONE]``. Action
``"stream_cut"`` closes the connection after half the chunks; ``reject_streaming`` answers
``stream: true`` with HTTP 400 (a server that does not stream). ``streams`` records, per
streamed answer, the chunks sent, their total, whether the client hung up first and when
each chunk went out.
Writing prompts (``ai.writing_prompts``) get ``WRITING_ANSWERS`` in the prompt's language.
"""
from __future__ import annotations

import json
import re
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
        self.chunk_delay = 0.0          # seconds between two streamed chunks (a slow stream)
        self.reject_streaming = False   # answer ``stream: true`` with HTTP 400
        self.streams: list[dict] = []   # per streamed answer: {"sent", "total", "hung_up", "times"}
        self.default = "ok"
        self.script: deque = deque()
        self.requests: list[dict] = []
        self.reject_json_mode = self.reject_tools = self.reject_streaming = False   # see capability_reply
        self.models = ["test-model", "small-model"]   # GET /v1/models
        self.check_answers: dict = {}   # consistency check: passage marker -> answer (see ``check_answer``)
        self.tokenizer = True                 # offer llama.cpp's POST /tokenize
        self.tokenize_requests: list[dict] = []
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
                if capability_reply(fake, self, body):
                    return
                if self.path.rstrip("/") == "/tokenize":   # llama.cpp's tokenizer (no scripted action)
                    return self._tokenize(body)
                action = fake._next_action()
                with fake._lock:
                    fake.requests.append({"path": self.path, "body": body, "action": action,
                                          "authorization": self.headers.get("Authorization")})
                if self.path.rstrip("/") != "/v1/chat/completions":
                    return self._send(404, {"error": {"message": "not found"}})
                if fake.latency:
                    time.sleep(fake.latency)
                if body.get("stream") and (isinstance(action, dict) or action in ("ok", "stream_cut")):
                    return stream_answer(fake, self, body, action)
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
                if writing_tool(body["messages"][0]["content"]):
                    return self._answer(body, writing_answer(body["messages"][0]["content"]))
                key = job_key(body["messages"][0]["content"])
                content = {"not_json": "Sure! Here are the names: Mara, Karsk.",
                           "bad_shape": json.dumps({"unexpected": True, key: None})
                           }.get(action) or json.dumps(check_answer(fake, body) if key == "findings" else ANSWERS[key])
                self._answer(body, content)

            def do_GET(self):
                if self.path.rstrip("/") != "/v1/models":
                    return self._send(404, {"error": {"message": "not found"}})
                self._send(200, {"object": "list", "data": [{"id": m, "object": "model", "created": 0,
                                                              "owned_by": "fake"} for m in fake.models]})
            def _tokenize(self, body):
                with fake._lock:
                    fake.tokenize_requests.append(body)
                if not fake.tokenizer:
                    return self._send(404, {"error": {"message": "not found"}})
                if not isinstance(body.get("content"), str):
                    return self._send(400, {"error": {"message": "content is required"}})
                pieces = _FAKE_TOKEN.findall(body["content"])
                self._send(200, {"tokens": [sum(map(ord, p)) % 32000 for p in pieces]})

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
# -- streaming and the writing tools -------------------------------------------------------

WRITING_ANSWERS = {
    "en": {
        "continue": "Mara Vell lifted the blade to the light. Far below, the harbour of Karsk woke to the bells.",
        "expand": "Mara Vell sailed slowly to Karsk, the salt wind in her hair and the grey sea heaving under the "
                  "hull, until the harbour lights rose out of the dusk.",
        "rephrase": "Mara Vell sailed to Karsk, where Orin Dask forged a blade for her.",
        "summarise": "Mara reaches Karsk and Orin forges her a blade.",
        "titles": "Salt and Iron\n- The Blade of Karsk\n2. \"Mara's Voyage\"",
        "describe_entry": "Mara Vell is a sailor of Karsk with blue eyes, the sister of Orin Dask.",
    },
    "vi": {
        "continue": "Nguyễn Văn An nâng thanh gươm lên trước ánh sáng. Dưới kia, bến cảng thức dậy trong tiếng chuông.",
        "expand": "Nguyễn Văn An chậm rãi đi về làng, gió sông thổi mát, cánh đồng lúa chín vàng trải dài "
                  "đến tận chân trời.",
        "rephrase": "Nguyễn Văn An trở về làng, nơi Thánh Gióng từng cưỡi ngựa sắt.",
        "summarise": "An về làng và nghe chuyện Thánh Gióng.",
        "titles": "Ngựa sắt\n- Chuyện làng Gióng\n3. Về làng",
        "describe_entry": "Nguyễn Văn An là một nhân vật của làng, em trai của Thánh Gióng.",
    },
}


def writing_tool(system_prompt: str) -> str | None:
    """The writing tool a system prompt asks for (None: not a writing prompt)."""
    from ai.writing_prompts import TASKS
    for language in ("vi", "en"):
        for tool, task in TASKS[language].items():
            if task in system_prompt:
                return tool
    return None


def writing_answer(system_prompt: str) -> str:
    language = "vi" if "tiếng Việt" in system_prompt else "en"
    return WRITING_ANSWERS[language][writing_tool(system_prompt)]


def _content_of(body: dict, action) -> str:
    if isinstance(action, dict):
        return action.get("content") if action.get("content") is not None else json.dumps(action["answer"])
    system = body["messages"][0]["content"]
    return writing_answer(system) if writing_tool(system) else json.dumps(ANSWERS[job_key(system)])


def stream_answer(fake: FakeOpenAI, handler, body: dict, action) -> None:
    """Answer a ``stream: true`` request with SSE chunks (see the module's docstring)."""
    if fake.reject_streaming:
        return handler._send(400, {"error": {"message": "streaming is not supported", "type": "invalid_request_error",
                                             "code": "stream_unsupported"}})
    content = _content_of(body, action)
    words = [m.group() for m in re.finditer(r"\s*\S+\s*", content)] or [""]
    head = {"id": "chatcmpl-stream", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": body.get("model")}
    events = [{**head, "choices": [{"index": 0, "delta": {"role": "assistant", "content": w}, "finish_reason": None}]}
              for w in words]
    events.append({**head, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    if (body.get("stream_options") or {}).get("include_usage"):
        events.append({**head, "choices": [], "usage": {"prompt_tokens": PROMPT_TOKENS,
                                                        "completion_tokens": COMPLETION_TOKENS,
                                                        "total_tokens": PROMPT_TOKENS + COMPLETION_TOKENS}})
    cut = len(words) // 2 if action == "stream_cut" else None
    record = {"sent": 0, "total": len(words), "hung_up": False, "words": words,
              "times": []}   # times: when each word was sent (monotonic)
    with fake._lock:
        fake.streams.append(record)
    try:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.send_header("Cache-Control", "no-cache")
        handler.end_headers()   # HTTP/1.0, no length: the body ends when the connection closes
        for n, event in enumerate(events):
            if cut is not None and n == cut:
                handler.close_connection = True
                return          # closed mid-way: no final chunk, no [DONE]
            if n and fake.chunk_delay:
                time.sleep(fake.chunk_delay)
            handler.wfile.write(b"data: " + json.dumps(event).encode() + b"\n\n")
            handler.wfile.flush()
            record["times"].append(time.monotonic())
            record["sent"] = min(n + 1, len(words))
        handler.wfile.write(b"data: [DONE]\n\n")
        handler.wfile.flush()
    except (BrokenPipeError, ConnectionResetError):
        record["hung_up"] = True
