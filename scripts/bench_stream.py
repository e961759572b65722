"""Streaming benchmark: how soon the first words of a writing job reach the
editor, and how late each following word is, through the real route.

    .venv/bin/python scripts/bench_stream.py [--runs 20] [--words 80] [--delay 0.01]

The real server (api/main.py under waitress, a TinyDB file, jobs in threads) as
a subprocess, twice:

* offline: the offline provider's ``rephrase`` of an ``--words`` word selection,
  streamed word by word ``OFFLINE_STREAM_DELAY`` (``--delay``) apart;
* fake_ai: an OpenAI-compatible server on localhost (tests/ai/fake_openai.py),
  talked to by the real ``openai`` SDK, streaming an ``--words`` word answer a
  chunk every ``--delay`` seconds.

Each run POSTs ``/api/worlds/{id}/writing`` and at once opens
``GET /api/gpt/results/{task_id}/stream`` (tests/server/sse_client.py). Printed,
p50/p95 over all runs:

* time to first delta: from sending the POST to the first ``delta`` event read;
* per-delta gap: between two deltas read (compare with ``--delay``);
* per-delta latency (fake_ai only): from the model server writing a chunk to
  the client reading the delta carrying it (SDK, job, live bus, SSE route).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "api"))
sys.path.insert(0, os.path.join(ROOT, "tests", "ai"))
sys.path.insert(0, os.path.join(ROOT, "tests", "server"))

from api_client import ApiUser  # noqa: E402
from fake_openai import FakeOpenAI  # noqa: E402
from live_server import LiveServer  # noqa: E402
from sse_client import SSEClient  # noqa: E402


def percentiles(samples: list[float]) -> str:
    if not samples:
        return "no samples"
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return f"p50 {statistics.median(samples) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   (n={len(samples)})"


def run_once(server: LiveServer, user: ApiUser, world_id: str, selection: str) -> tuple[float, list[tuple]]:
    """(time to the first delta, [(arrival, offset, text)] of every delta)."""
    sent = time.monotonic()
    started = user.post(f"/api/worlds/{world_id}/writing", {"tool": "rephrase", "selection": selection})
    started.raise_for_status()
    stream = SSEClient(f"{server.url}/api/gpt/results/{started.json()['task_id']}/stream",
                       {"Authorization": f"Bearer {user.token}"})
    deltas = []
    try:
        while True:
            event = stream.next(30)
            if event.get("event") == "delta":
                deltas.append((event["at"], event["data"]["offset"], event["data"]["text"]))
            elif event.get("event") == "done":
                if event["data"]["status"] != "completed":
                    raise RuntimeError(f"the job ended {event['data']}")
                break
    finally:
        stream.close()
    return deltas[0][0] - sent, deltas


def bench(label: str, env: dict, runs: int, selection: str, fake: FakeOpenAI | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp, LiveServer(os.path.join(tmp, "bench.json"), threads=8,
                                                          env={"TASK_MODE": "thread", **env}) as server:
        user = ApiUser.register(server.url)
        world = user.post_world(name="Karsk", language="en").json()["world_id"]
        run_once(server, user, world, selection)    # warm up: imports, the SDK's client, the tokenizer
        firsts, gaps, latencies = [], [], []
        for _ in range(runs):
            before = len(fake.streams) if fake else 0
            first, deltas = run_once(server, user, world, selection)
            firsts.append(first)
            gaps += [b[0] - a[0] for a, b in zip(deltas, deltas[1:])]
            if fake is not None:
                latencies += chunk_latencies(fake.streams[before], deltas)
        print(f"{label}:")
        print(f"  time to first delta  {percentiles(firsts)}")
        print(f"  per-delta gap        {percentiles(gaps)}")
        if fake is not None:
            print(f"  per-delta latency    {percentiles(latencies)}   (model server chunk -> SSE client)")


def chunk_latencies(record: dict, deltas: list[tuple]) -> list[float]:
    """For each chunk the model server sent, the delay until the delta holding its last character arrived."""
    ends, total = [], 0
    for sent_at, word in zip(record["times"], record["words"]):
        total += len(word)
        ends.append((sent_at, total))
    out, d = [], 0
    for sent_at, end in ends:
        while d < len(deltas) and deltas[d][1] + len(deltas[d][2]) < end:
            d += 1
        if d < len(deltas):
            out.append(deltas[d][0] - sent_at)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--words", type=int, default=80)
    parser.add_argument("--delay", type=float, default=0.01, help="seconds between two words / chunks")
    args = parser.parse_args()
    selection = " ".join(f"word{n}" for n in range(args.words))
    print(f"{args.runs} runs, {args.words} words, {args.delay * 1000:g} ms between words\n")
    bench("offline provider", {"OFFLINE_STREAM_DELAY": str(args.delay)}, args.runs, selection)
    fake = FakeOpenAI().start()
    try:
        fake.chunk_delay = args.delay
        fake.default = {"content": selection}
        bench("fake_ai (openai SDK, OpenAI-compatible server on localhost)",
              {"OPENAI_BASE_URL": fake.url, "OPENAI_MODEL": "bench-model", "OPENAI_MAX_RETRIES": "0"},
              args.runs, selection, fake)
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
