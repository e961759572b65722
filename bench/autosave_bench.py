"""Autosave round trip: PUT a story with If-Match over HTTP, as the editor does.

    .venv/bin/python bench/autosave_bench.py [--saves 300] [--words 2000] [--postgres-only|--tinydb-only]
    .venv/bin/python bench/autosave_bench.py --api-script /tmp/before/api/main.py --no-stream   # a baseline

Starts the real server (``api/main.py``: waitress) on a temp TinyDB file, then on
a fresh PostgreSQL schema (``DATABASE_TEST_URL``, default the local ``test``
database), registers a writer, makes a story of ``--words`` words and saves it
``--saves`` times over one keep-alive connection, each time a few words longer,
sending the last ``ETag`` as ``If-Match`` and taking the new one from the answer
(a 412 would be a lost update: there is none). Each save is a full unit of
work: the revision, the activity item and its publication to live streams
(one stream of another member is open during the run, so the fan-out is paid).
Prints p50/p95/max in milliseconds per backend.
"""
from __future__ import annotations

import argparse
import http.client
import os
import statistics
import sys
import tempfile
import threading
import time

import orjson

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "server"))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from api_client import ApiUser  # noqa: E402
from live_server import MAIN, LiveServer  # noqa: E402
from sse_client import SSEClient  # noqa: E402

WORDS = "Minh walked down Hàng Bạc street at dawn while the silversmiths opened their shutters".split()


def text(words: int) -> str:
    return " ".join(WORDS[n % len(WORDS)] for n in range(words))


def run(server: LiveServer, saves: int, words: int, watch: bool = True) -> list[float]:
    writer, watcher = ApiUser.register(server.url), ApiUser.register(server.url)
    world_id = writer.post_world().json()["world_id"]
    writer.post(f"/api/worlds/{world_id}/share", {"user_ids": [watcher.user["user_id"]]})
    story = writer.post_story(world_id, content=text(words)).json()["story"]
    received, stream = [], None
    if watch:
        ticket = watcher.post(f"/api/worlds/{world_id}/live/ticket", {}).json()["ticket"]
        stream = SSEClient(f"{server.url}/api/worlds/{world_id}/live?ticket={ticket}")
        threading.Thread(target=lambda: [received.append(stream.next(60, event="change")) for _ in range(saves)],
                         daemon=True).start()
    http = http_connection(server.url)
    etag, content, times = f'"{story.get("version", 1)}"', story["content"], []
    for n in range(saves):
        content += f" {WORDS[n % len(WORDS)]}"
        body = orjson.dumps({"content": content})
        start = time.perf_counter()
        http.request("PUT", f"/api/stories/{story['story_id']}", body=body, headers={
            "Authorization": f"Bearer {writer.token}", "Content-Type": "application/json", "If-Match": etag})
        answer = http.getresponse()
        answer.read()
        times.append((time.perf_counter() - start) * 1000)
        if answer.status != 200:
            raise SystemExit(f"save {n} answered {answer.status}")
        etag = answer.getheader("ETag")
    if stream is not None:
        deadline = time.monotonic() + 30
        while len(received) < saves and time.monotonic() < deadline:
            time.sleep(0.05)
        stream.close()
        print(f"    the other member's stream received {len(received)}/{saves} saves")
    return times


def http_connection(url: str) -> http.client.HTTPConnection:
    host, port = url.split("//")[1].split(":")
    return http.client.HTTPConnection(host, int(port), timeout=60)


def report(label: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"  {label:<12} saves={len(times)}  p50={statistics.median(times):6.1f} ms  p95={p95:6.1f} ms  "
          f"max={times[-1]:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--tinydb-only", action="store_true")
    parser.add_argument("--postgres-only", action="store_true")
    parser.add_argument("--no-stream", action="store_true", help="no member watching (a server without live)")
    parser.add_argument("--api-script", default=MAIN, help="the server's main.py (e.g. an older checkout's)")
    args = parser.parse_args()
    watch = not args.no_stream
    env = {"LIVE_HEARTBEAT_SECONDS": "15", "RATELIMIT_ENABLED": "false"}
    print(f"Autosave: PUT /api/stories/{{id}} with If-Match, {args.words}-word story, one keep-alive connection")
    if not args.postgres_only:
        with tempfile.TemporaryDirectory() as tmp, \
                LiveServer(os.path.join(tmp, "w.json"), env=env, script=args.api_script) as server:
            report("TinyDB", run(server, args.saves, args.words, watch))
    if not args.tinydb_only:
        from pg_schema import fresh_schema, unreachable_reason
        reason = unreachable_reason()
        if reason:
            print(f"  PostgreSQL   skipped: {reason}")
            return
        with fresh_schema() as url, tempfile.TemporaryDirectory() as tmp, \
                LiveServer(os.path.join(tmp, "w.json"), env={**env, "DATABASE_URL": url},
                           script=args.api_script) as server:
            report("PostgreSQL", run(server, args.saves, args.words, watch))


if __name__ == "__main__":
    main()
