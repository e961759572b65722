"""Live streams: how many idle streams one worker holds and what they cost, and how
fast a change fans out to streams held by other workers.

    .venv/bin/python bench/sse_bench.py [--streams 100 250 500] [--fanout-streams 40] [--changes 30]

Idle streams: one gunicorn gthread worker (``gunicorn.conf.py``, the production
model) on a fresh PostgreSQL schema, ``LIVE_MAX_STREAMS`` set to the largest
count. Streams are opened with raw sockets (a light client) and held; the
worker's resident memory (VmRSS) and threads are read from /proc before and
with them open, the worker's CPU over 10 idle seconds (heartbeats every 5 s),
and the p50 of ``GET /api/health`` while they are open (ordinary requests keep
threads of their own). One stream past the cap is refused with 503.

Fan-out: 4 gunicorn workers, the bus on Redis (``LIVE_REDIS_URL``), streams
opened on new connections (so spread over the workers), then changes made one
by one on new connections: the delay from sending the change to each stream
receiving it, over every (stream, change) pair.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
import uuid

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "server"))
sys.path.insert(0, os.path.join(ROOT, "tests", "deploy"))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from api_client import ApiUser  # noqa: E402
from gunicorn_server import GunicornServer  # noqa: E402
from pg_schema import fresh_schema, unreachable_reason  # noqa: E402
from sse_client import SSEClient  # noqa: E402

REDIS_URL = os.environ.get("LIVE_BENCH_REDIS", "redis://127.0.0.1:6379/0")


def proc_status(pid: int) -> dict:
    with open(f"/proc/{pid}/status") as handle:
        fields = dict(line.split(":", 1) for line in handle)
    return {"rss_kb": int(fields["VmRSS"].split()[0]), "threads": int(fields["Threads"])}


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as handle:
        parts = handle.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def workers_of(master: int) -> list[int]:
    with open(f"/proc/{master}/task/{master}/children") as handle:
        return [int(p) for p in handle.read().split()]


def open_raw(port: int, path: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode())
    seen = b""
    while b"connected" not in seen and b"HTTP/1.1 503" not in seen:
        chunk = sock.recv(4096)
        if not chunk:
            raise RuntimeError(f"stream closed: {seen[:200]!r}")
        seen += chunk
    if b"HTTP/1.1 503" in seen:
        sock.close()
        raise OverflowError("503")
    return sock


def health_p50(url: str, n: int = 50) -> float:
    times = []
    session = requests.Session()
    for _ in range(n):
        start = time.perf_counter()
        session.get(url + "/api/health", timeout=30)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def ticket(server_url: str, user: ApiUser, world_id: str) -> str:
    return requests.post(f"{server_url}/api/worlds/{world_id}/live/ticket", timeout=30,
                         headers={"Authorization": f"Bearer {user.token}"}).json()["ticket"]


def idle_streams(counts: list[int], db_url: str) -> None:
    cap = max(counts)
    env = {"DATABASE_URL": db_url, "LIVE_MAX_STREAMS": str(cap), "LIVE_HEARTBEAT_SECONDS": "5",
           "LIVE_STREAM_SECONDS": "3600", "RATELIMIT_ENABLED": "false"}
    with tempfile.TemporaryDirectory() as tmp, GunicornServer(tmp, workers=1, env=env) as server:
        worker = workers_of(server.process.pid)[0]
        owner = ApiUser.register(server.url)
        world_id = owner.post_world().json()["world_id"]
        warm = open_raw(server.port, f"/api/worlds/{world_id}/live?ticket={ticket(server.url, owner, world_id)}")
        warm.close()
        time.sleep(1)
        base = proc_status(worker)
        print(f"  one gthread worker (8 request threads + LIVE_MAX_STREAMS={cap}), PostgreSQL")
        print(f"    no streams: RSS {base['rss_kb'] / 1024:.1f} MiB, {base['threads']} threads, "
              f"GET /api/health p50 {health_p50(server.url):.1f} ms")
        held: list[socket.socket] = []
        for count in counts:
            path = f"/api/worlds/{world_id}/live?ticket={ticket(server.url, owner, world_id)}"
            start = time.perf_counter()
            while len(held) < count:
                held.append(open_raw(server.port, path))
            opened = time.perf_counter() - start
            time.sleep(1)
            now = proc_status(worker)
            cpu0 = cpu_seconds(worker)
            time.sleep(10)
            idle_cpu = (cpu_seconds(worker) - cpu0) / 10 * 100
            per = (now["rss_kb"] - base["rss_kb"]) / count
            print(f"    {count:4d} idle streams: RSS {now['rss_kb'] / 1024:.1f} MiB (+{per:.0f} KiB each), "
                  f"{now['threads']} threads, idle CPU {idle_cpu:.1f}% of a core, "
                  f"GET /api/health p50 {health_p50(server.url):.1f} ms, opened in {opened:.1f} s")
        try:
            open_raw(server.port, f"/api/worlds/{world_id}/live?ticket={ticket(server.url, owner, world_id)}")
            print("    one past the cap: opened (unexpected)")
        except OverflowError:
            print(f"    stream {cap + 1}: 503 live_busy (the cap holds)")
        for sock in held:
            sock.close()


def fan_out(streams: int, changes: int, db_url: str) -> None:
    env = {"DATABASE_URL": db_url, "LIVE_REDIS_URL": REDIS_URL, "LIVE_CHANNEL_PREFIX": f"bench-{uuid.uuid4().hex}:",
           "LIVE_MAX_STREAMS": str(streams), "LIVE_HEARTBEAT_SECONDS": "15", "RATELIMIT_ENABLED": "false",
           "LIVE_STREAM_SECONDS": "3600"}
    with tempfile.TemporaryDirectory() as tmp, GunicornServer(tmp, workers=4, env=env) as server:
        owner = ApiUser.register(server.url)
        world_id = owner.post_world().json()["world_id"]
        clients = []
        for _ in range(streams):
            client = SSEClient(f"{server.url}/api/worlds/{world_id}/live?ticket={ticket(server.url, owner, world_id)}")
            client.next(30, comment="connected")
            clients.append(client)
        sent: dict[str, tuple[float, float]] = {}
        for n in range(changes):
            start = time.monotonic()
            answer = requests.post(f"{server.url}/api/worlds/{world_id}/locations", json={"name": f"Place {n}"},
                                   headers={"Authorization": f"Bearer {owner.token}"}, timeout=30)
            sent[answer.json()["location_id"]] = (start, time.monotonic())
            time.sleep(0.1)
        delays, after_answer = [], []
        for client in clients:
            for change in client.changes(changes, timeout=30):
                start, answered = sent[change["data"]["target_id"]]
                delays.append((change["at"] - start) * 1000)
                after_answer.append((change["at"] - answered) * 1000)
            client.close()
        delays.sort()
        after_answer.sort()
        print(f"  4 gthread workers, bus on Redis, {streams} streams x {changes} changes "
              f"({len(delays)} deliveries, none missing)")
        print(f"    change sent -> received by a stream: p50 {statistics.median(delays):.1f} ms, "
              f"p95 {delays[int(len(delays) * 0.95) - 1]:.1f} ms, max {delays[-1]:.1f} ms")
        print(f"    change answered -> received (negative: before the answer came): "
              f"p50 {statistics.median(after_answer):.1f} ms, p95 {after_answer[int(len(after_answer) * 0.95) - 1]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, nargs="+", default=[100, 250, 500])
    parser.add_argument("--fanout-streams", type=int, default=40)
    parser.add_argument("--changes", type=int, default=30)
    args = parser.parse_args()
    reason = unreachable_reason()
    if reason:
        raise SystemExit(f"PostgreSQL is needed: {reason}")
    print("Idle streams")
    with fresh_schema() as url:
        idle_streams(sorted(args.streams), url)
    print("Fan-out across workers")
    with fresh_schema() as url:
        fan_out(args.fanout_streams, args.changes, url)


if __name__ == "__main__":
    main()
