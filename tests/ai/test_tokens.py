"""Token counters: tiktoken (from its cache only), the server's /tokenize, the estimate."""
from __future__ import annotations

import hashlib
import json
import os
import threading
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import tiktoken
from fake_openai import fake_token_count

from ai import tokens
from ai.tokens import (EstimateCounter, TiktokenCounter, context_budget, estimate_tokens, forget_detected,
                       local_encoding, server_counter, token_counter)


@pytest.fixture(autouse=True)
def fresh_probes(monkeypatch, tmp_path):
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "tiktoken"))
    forget_detected()
    yield
    forget_detected()


# -- the estimate -------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("", 0), ("the", 1), ("Seraphina", 3), ("Mara's blade.", 6),        # Mara ' s blade(2) .
    ("Nguyễn Văn An", 4 + 2 + 1), ("Thánh Gióng", 3 + 3),               # bytes / 2 for toned words
    ("你好世界", 6), ("こんにちは", 8), ("서울", 3),                        # 3 tokens per 2 characters
    ("1234567", 3), ("a — b", 3), ("🙂", 2), ("one\n\ntwo", 3), ("   ", 0),
])
def test_the_estimate_follows_its_documented_rules(text, expected):
    assert estimate_tokens(text) == expected


def test_the_estimate_counts_composed_and_decomposed_alike_and_adds_up_over_lines():
    for name in ("Nguyễn Văn An", "Trần Hưng Đạo", "Thánh Gióng", "Zoë"):
        assert estimate_tokens(unicodedata.normalize("NFD", name)) == estimate_tokens(name)
    lines = ["Character: Mara Vell — eyes: green. A sailor.\n", "Nhân vật: Trần Hưng Đạo. Danh tướng.\n",
             "Event (3 Frostfall 1024 TA): 城が落ちた\n", "Mara Vell — sibling of — Orin Dask\n"]
    assert estimate_tokens("".join(lines)) == sum(map(estimate_tokens, lines))


def test_the_estimate_is_no_lower_for_vietnamese_than_its_letters_suggest():
    """Conservative: a toned Vietnamese syllable never counts less than 2, so a Vietnamese text
    of as many characters as an English one counts more."""
    assert all(estimate_tokens(s) >= 2 for s in ("Việt", "người", "đường", "Đạo", "nước"))
    english = "The old captain sailed north with her crew at dawn."
    vietnamese = "Bà thuyền trưởng già đi về phương bắc cùng thủy thủ."
    assert estimate_tokens(vietnamese) > estimate_tokens(english)
    assert EstimateCounter().count(vietnamese) == estimate_tokens(vietnamese)


# -- tiktoken ---------------------------------------------------------------------------

def small_encoding() -> tiktoken.Encoding:
    """A byte-level encoding with two merges, built here: no file, no download."""
    ranks = {bytes([i]): i for i in range(256)}
    ranks[b"ar"] = 256
    ranks[b"ma"] = 257
    return tiktoken.Encoding(name="test_bytes", pat_str=r"""\s?[^\s]+|\s+""", mergeable_ranks=ranks,
                             special_tokens={"<|endoftext|>": 258})


def test_tiktoken_counts_with_the_encoding():
    counter = TiktokenCounter(small_encoding())
    assert counter.name == "tiktoken:test_bytes"
    assert counter.count("ma") == 1 and counter.count("mara") == 3   # m + ar + a: "ar" ranks first
    assert counter.count("ễ") == 3             # three UTF-8 bytes, no merge
    assert counter.count("<|endoftext|>") == len("<|endoftext|>")   # special tokens in prose are prose


def test_a_known_model_without_its_cached_file_is_not_downloaded(tmp_path):
    cache = tmp_path / "tiktoken"
    assert tokens.encoding_name("gpt-4o") == "o200k_base" and tokens.encoding_name("test-model") is None
    started = time.monotonic()
    assert local_encoding("gpt-4o") is None
    assert time.monotonic() - started < 1 and not cache.exists()
    cache.mkdir()
    url, _ = tokens.ENCODING_FILES["o200k_base"]
    stale = cache / hashlib.sha1(url.encode()).hexdigest()
    stale.write_bytes(b"not the encoding")
    forget_detected()
    assert local_encoding("gpt-4o") is None and stale.read_bytes() == b"not the encoding"   # left alone
    assert token_counter({}, "gpt-4o").name == "estimate"


def test_the_cache_dir_follows_tiktoken(monkeypatch, tmp_path):
    assert tokens.tiktoken_cache_dir() == str(tmp_path / "tiktoken")
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "")
    assert tokens.tiktoken_cache_dir() is None and tokens.cached_encoding_file("o200k_base") is None


def test_token_counter_prefers_a_local_tiktoken_encoding(monkeypatch, fake_ai):
    encoding = small_encoding()
    monkeypatch.setattr(tokens, "local_encoding", lambda model: encoding if model == "gpt-4o" else None)
    assert token_counter({"OPENAI_BASE_URL": fake_ai.url}, "gpt-4o").name == "tiktoken:test_bytes"
    assert fake_ai.tokenize_requests == []
    assert token_counter({"OPENAI_BASE_URL": fake_ai.url}, "local-llama").name == "server:llama.cpp"


# -- the server's tokenizer --------------------------------------------------------------------

def test_llama_cpp_tokenizer_over_http(fake_ai):
    counter = token_counter({"OPENAI_BASE_URL": fake_ai.url}, "test-model")
    assert counter.name == "server:llama.cpp" and counter.url == fake_ai.url[:-3] + "/tokenize"
    text = "Nguyễn Văn An's blade, forged in Karsk."
    assert counter.count(text) == fake_token_count(text) == 11
    asked = len(fake_ai.tokenize_requests)
    assert counter.count(text) == 11 and len(fake_ai.tokenize_requests) == asked   # remembered
    assert token_counter({"OPENAI_BASE_URL": fake_ai.url}, "test-model").name == "server:llama.cpp"
    assert len(fake_ai.tokenize_requests) == asked   # detected once per server and model
    assert fake_ai.requests == []


def test_no_tokenizer_means_the_estimate_and_a_dead_server_degrades_to_it(fake_ai):
    fake_ai.tokenizer = False
    assert token_counter({"OPENAI_BASE_URL": fake_ai.url}, "test-model").name == "estimate"
    assert len(fake_ai.tokenize_requests) == 2   # llama.cpp's shape, then vLLM's
    fake_ai.tokenizer = True
    assert token_counter({"OPENAI_BASE_URL": fake_ai.url}, "test-model").name == "estimate"   # until retried
    forget_detected()
    counter = token_counter({"OPENAI_BASE_URL": fake_ai.url}, "test-model")
    assert counter.name == "server:llama.cpp"
    fake_ai.stop()
    assert counter.count("Thánh Gióng rode.") == estimate_tokens("Thánh Gióng rode.") and counter.degraded


class VllmLike:
    """A server that answers only vLLM's /tokenize shape ({"model", "prompt"} -> {"count", "tokens"})."""

    def __init__(self):
        seen = self.seen = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                seen.append((self.path, body, self.headers.get("Authorization")))
                if self.path != "/tokenize" or "prompt" not in body:
                    status, answer = 400, {"error": "prompt is required"}
                else:
                    words = body["prompt"].split()
                    status, answer = 200, {"count": len(words) + 1, "tokens": list(range(len(words) + 1)),
                                           "max_model_len": 4096}
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1/"


def test_vllm_tokenizer_is_detected_after_llama_cpp_fails():
    server = VllmLike()
    try:
        counter = server_counter(server.url, "qwen", api_key="sk-local")
        assert counter is not None and counter.name == "server:vllm"
        assert counter.count("one two three") == 4
        path, body, authorization = server.seen[-1]
        assert (path, body, authorization) == ("/tokenize", {"model": "qwen", "prompt": "one two three",
                                                             "add_special_tokens": False}, "Bearer sk-local")
    finally:
        server.server.shutdown()
        server.server.server_close()


def test_no_server_no_tiktoken_is_the_estimate():
    counter = token_counter({}, "test-model")
    assert counter.name == "estimate" and counter.count("Mara Vell") == 2


def test_budget_per_model_else_the_default():
    config = {"AI_CONTEXT_TOKENS": 2000, "AI_CONTEXT_BUDGETS": {"small-llama": 600}}
    assert context_budget(config, "small-llama") == 600 and context_budget(config, "gpt-4o") == 2000
    assert os.environ["TIKTOKEN_CACHE_DIR"].endswith("tiktoken")
