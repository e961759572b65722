"""HTTP benchmark of the real server next to a bare Flask hello-world.

    .venv/bin/python bench/api_bench.py --docs 10000 --duration 5
    .venv/bin/python bench/api_bench.py --docs 1000 --requests 500 --url http://127.0.0.1:5000
    .venv/bin/python bench/api_bench.py --docs 10000 --api-script /tmp/before/api/main.py

Seeds ``--docs`` documents (worlds and stories, 1 world : 4 stories) over
HTTP, then measures GET one world, GET a list page, POST a world and POST a
story at concurrency 1 and 8, and sends the very same requests to
``bench/hello_app.py``. Both servers run with waitress and the same threads.
Each story also gets a time cone (not counted in ``--docs``). The server is
started on a temp file with rate limits off and cheap password hashing
(``tests/server/live_server.py``); ``--url`` seeds into that server instead
(its rate limits must be off) and cannot show its CPU.

Load generator: Python threads in this process, each with its own keep-alive
``http.client`` connection (leaner than ``requests``, so the client takes less
of the CPU the server needs). On a 2-core machine the client still competes
with the server; the CPU column (the server process's own CPU per request,
from /proc) shows what the server itself spends, whatever the client does.
"""
from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import orjson

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "server"))
from api_client import ApiUser  # noqa: E402
from live_server import MAIN, LiveServer  # noqa: E402

HELLO_APP = os.path.join(ROOT, "bench", "hello_app.py")
STORIES_PER_WORLD = 4
SEED_THREADS = 8
SLICES = 3  # each cell alternates Worldsmith and hello-world this many times
PUBLIC_WORLDS_PER_USER = 5  # the "user" role's quota
_serial = itertools.count(1)


class Connection:
    """One keep-alive HTTP/1.1 connection with the bench user's token."""

    def __init__(self, base_url: str, token: str):
        parts = urlsplit(base_url)
        self.http = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def send(self, method: str, path: str, body: dict | None) -> tuple[int, bytes]:
        payload = None if body is None else orjson.dumps(body)
        self.http.request(method, path, body=payload, headers=self.headers)
        response = self.http.getresponse()
        return response.status, response.read()


@dataclass
class Seeded:
    token: str
    readable_world_ids: list[str]  # the bench user may GET these
    own_world_ids: list[str]       # ... and add stories to these
    seconds: float


def seed(base_url: str, docs: int) -> Seeded:
    """Worlds with stories, by SEED_THREADS users in parallel; each user makes
    as many public worlds as a writer's quota allows, the rest private."""
    started = time.monotonic()
    users = [ApiUser.register(base_url) for _ in range(SEED_THREADS)]
    worlds_total = max(1, docs // (1 + STORIES_PER_WORLD))

    def seed_user(index: int) -> list[tuple[str, str]]:
        user, made = users[index], []
        for n in range(index, worlds_total, SEED_THREADS):
            visibility = "public" if len(made) < PUBLIC_WORLDS_PER_USER else "private"
            response = user.post_world(visibility=visibility)
            response.raise_for_status()
            world_id = response.json()["world_id"]
            for _ in range(STORIES_PER_WORLD):
                user.post_story(world_id, visibility=visibility).raise_for_status()
            made.append((world_id, visibility))
        return made

    with ThreadPoolExecutor(SEED_THREADS) as pool:
        per_user = list(pool.map(seed_user, range(SEED_THREADS)))
    own = [w for w, _ in per_user[0]]
    readable = own + [w for made in per_user[1:] for w, vis in made if vis == "public"]
    return Seeded(users[0].token, readable, own, time.monotonic() - started)


# -- scenarios: (method, path, body) for one request --------------------------

def get_world(rng, seeded):
    return "GET", f"/api/worlds/{rng.choice(seeded.readable_world_ids)}", None


def get_list_page(rng, seeded):
    return "GET", "/api/worlds?page=1&per_page=50", None


def post_world(rng, seeded):
    return "POST", "/api/worlds", {"name": f"Bench world {next(_serial)}",
                                   "world_type": "fantasy", "visibility": "private"}


def post_story(rng, seeded):
    return "POST", "/api/stories", {"world_id": rng.choice(seeded.own_world_ids),
                                    "title": f"Bench story {next(_serial)}",
                                    "description": "Written by the benchmark."}


SCENARIOS = {"GET /api/worlds/{id}": get_world, "GET /api/worlds?per_page=50": get_list_page,
             "POST /api/worlds": post_world, "POST /api/stories": post_story}


@dataclass
class Sample:
    latencies: list[float]
    errors: int
    seconds: float
    server_cpu_seconds: float | None


@dataclass
class Result:
    requests: int
    errors: int
    rate: float
    p50_ms: float
    p95_ms: float
    server_cpu_ms: float | None

    @classmethod
    def of(cls, samples: list[Sample]) -> "Result":
        latencies = sorted(x for sample in samples for x in sample.latencies)
        cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
        cpu = [sample.server_cpu_seconds for sample in samples]
        cpu_ms = None if None in cpu else sum(cpu) * 1000 / len(latencies)
        return cls(len(latencies), sum(sample.errors for sample in samples),
                   len(latencies) / sum(sample.seconds for sample in samples),
                   cuts[49] * 1000, cuts[94] * 1000, cpu_ms)


def server_cpu_seconds(pid: int | None) -> float | None:
    if pid is None:
        return None
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(base_url, pid, seeded, scenario, concurrency, duration, total_requests) -> Result:
    """One cell in one go (bench/storage_bench.py uses this)."""
    return Result.of([measure_slice(base_url, pid, seeded, scenario, concurrency,
                                    duration, total_requests)])


def measure_slice(base_url, pid, seeded, scenario, concurrency, duration,
                  total_requests) -> Sample:
    per_worker = None if total_requests is None else max(1, total_requests // concurrency)
    start_together = threading.Barrier(concurrency + 1)
    deadline = [0.0]

    def worker(index: int):
        rng, connection = random.Random(index), Connection(base_url, seeded.token)
        for _ in range(5):  # warm-up: connection, caches
            connection.send(*scenario(rng, seeded))
        start_together.wait()
        latencies, errors = [], 0
        for _ in range(per_worker or 10**9):
            if time.perf_counter() >= deadline[0]:
                break
            began = time.perf_counter()
            status, _ = connection.send(*scenario(rng, seeded))
            latencies.append(time.perf_counter() - began)
            errors += not 200 <= status < 300
        return latencies, errors

    with ThreadPoolExecutor(concurrency) as pool:
        futures = [pool.submit(worker, i) for i in range(concurrency)]
        deadline[0] = time.perf_counter() + (duration if per_worker is None else 600)
        start_together.wait()
        cpu_before, began = server_cpu_seconds(pid), time.perf_counter()
        outcomes = [f.result() for f in futures]
        elapsed, cpu_after = time.perf_counter() - began, server_cpu_seconds(pid)
    cpu = None if pid is None else cpu_after - cpu_before
    latencies = [x for lat, _ in outcomes for x in lat]
    return Sample(latencies, sum(e for _, e in outcomes), elapsed, cpu)


def fmt(result: Result) -> str:
    cpu = "   -" if result.server_cpu_ms is None else f"{result.server_cpu_ms:5.2f}"
    errors = f" ({result.errors} err)" if result.errors else ""
    return (f"{result.rate:7.0f} {result.p50_ms:7.1f} {result.p95_ms:7.1f} {cpu}{errors}")


def run(args) -> None:
    workdir = tempfile.mkdtemp(prefix="worldsmith-bench-")
    servers = []
    try:
        if args.url:
            api_url, api_pid = args.url.rstrip("/"), None
        else:
            api = LiveServer(os.path.join(workdir, "bench.json"), threads=args.threads,
                             script=args.api_script).start()
            servers.append(api)
            api_url, api_pid = api.url, api.process.pid
        hello = LiveServer(os.path.join(workdir, "hello.json"), threads=args.threads,
                           script=HELLO_APP).start()
        servers.append(hello)

        seeded = seed(api_url, args.docs)
        print(f"seeded {args.docs} documents over HTTP in {seeded.seconds:.1f} s "
              f"({args.docs / seeded.seconds:.0f} docs/s, {SEED_THREADS} threads)")
        budget = f"{args.requests} requests" if args.requests else f"{args.duration:g} s"
        print(f"server threads {args.threads}; each cell: {budget}; "
              f"load average before: {os.getloadavg()[0]:.2f}\n")
        print(f"{'':29}{'':5}| {'Worldsmith':^29} | {'Flask hello-world':^29} |")
        header = f"{'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'CPU':>5}"
        print(f"{'scenario':29}{'conc':>5}| {header} | {header} | worldsmith/hello")
        slice_requests = args.requests and max(1, args.requests // SLICES)
        for name, scenario in SCENARIOS.items():
            for concurrency in args.concurrency:
                # Alternate short slices so both servers see the same machine load.
                cell = (scenario, concurrency, args.duration / SLICES, slice_requests)
                ours, base = [], []
                for _ in range(SLICES):
                    ours.append(measure_slice(api_url, api_pid, seeded, *cell))
                    base.append(measure_slice(hello.url, hello.process.pid, seeded, *cell))
                ours, base = Result.of(ours), Result.of(base)
                print(f"{name:29}{concurrency:5}| {fmt(ours)} | {fmt(base)} | "
                      f"{ours.rate / base.rate:6.0%}", flush=True)
        print(f"\nCPU = server CPU ms per request. load average after: {os.getloadavg()[0]:.2f}")
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="worlds + stories to seed")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per cell")
    parser.add_argument("--requests", type=int, help="requests per cell (instead of --duration)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    parser.add_argument("--url", help="benchmark this running server instead of starting one")
    parser.add_argument("--api-script", default=MAIN, help="the api/main.py to start, e.g. an "
                        "older checkout's (git archive <commit> | tar -x -C DIR) for before/after")
    run(parser.parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
