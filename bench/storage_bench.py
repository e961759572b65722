"""Storage benchmark: PostgreSQL at growing sizes, TinyDB next to PostgreSQL, cold start.

    .venv/bin/python bench/storage_bench.py                       # everything
    .venv/bin/python bench/storage_bench.py --sizes 1000 100000 --compare 0 --duration 3
    .venv/bin/python bench/storage_bench.py --only importtime

Uses bench/api_bench.py's harness (same scenarios, keep-alive clients, p50/p95,
server CPU per request) against the real server (api/main.py, waitress, 8
threads; in the comparison also gunicorn.conf.py with 4 workers, CPU not
shown). Documents (1 world : 4 stories, 1000 owners, 5 public worlds each)
are loaded straight through the store's ``put_many`` (COPY on PostgreSQL), then
``VACUUM ANALYZE`` (the steady state autovacuum reaches), then the bench users
and their worlds are made over HTTP by api_bench's ``seed``. PostgreSQL runs
in a fresh schema of DATABASE_TEST_URL, dropped at the end.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [os.path.join(ROOT, "bench"), os.path.join(ROOT, "api"),
                os.path.join(ROOT, "tests")]
import api_bench  # noqa: E402  (also puts tests/server on sys.path)
from live_server import SERVER_ENV, LiveServer  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "tests", "deploy"))
from gunicorn_server import GunicornServer  # noqa: E402

from core.models import REGISTRY, Story, World  # noqa: E402

OWNERS, PUBLIC_PER_OWNER, STORIES_PER_WORLD = 1000, 5, api_bench.STORIES_PER_WORLD
HTTP_SEED_DOCS = 250


def synthetic(docs: int):
    """(collection, id, doc) for ``docs`` documents shaped like the API's, oldest first."""
    worlds = max(1, docs // (1 + STORIES_PER_WORLD))
    for n in range(worlds):
        owner = f"bulk-owner-{n % OWNERS}"
        visibility = "public" if n < OWNERS * PUBLIC_PER_OWNER else "private"
        world = World(name=f"World {n}", owner_id=owner, visibility=visibility,
                      description="A realm of salt and storms. " * 4,
                      metadata={"calendar": {"current_year": 1000, "current_era": "AE"}, "themes": []})
        yield "worlds", world.world_id, world.to_dict()
        for s in range(STORIES_PER_WORLD):
            story = Story(world_id=world.world_id, title=f"Tale {n}.{s}", owner_id=owner,
                          visibility=visibility, description="Someone sets out. " * 4,
                          content="It was a dark and stormy night. " * 10)
            yield "stories", story.story_id, story.to_dict()


def bulk_load(store, docs: int) -> tuple[float, list[str]]:
    """Load through the store in batches; (seconds, ids of public worlds)."""
    started, public, batches = time.monotonic(), [], {"worlds": [], "stories": []}
    for collection, doc_id, doc in synthetic(docs):
        batches[collection].append((doc_id, doc))
        if collection == "worlds" and doc["visibility"] == "public":
            public.append(doc_id)
        if len(batches[collection]) >= 5000:
            store.put_many(collection, batches[collection])
            batches[collection] = []
    for collection, batch in batches.items():
        store.put_many(collection, batch)
    return time.monotonic() - started, public


@contextmanager
def prepared_server(kind: str, docs: int, workdir: str, gunicorn_workers: int = 0):
    """A running server over ``docs`` bulk-loaded documents plus the HTTP-seeded bench users:
    api/main.py (waitress, 8 threads), or gunicorn.conf.py with ``gunicorn_workers``."""
    from storage.tinydb_store import TinyDBStore
    from storage.postgres_store import PostgresStore
    from pg_schema import fresh_schema
    with fresh_schema() if kind == "postgres" else nullcontext() as url:
        db_path = os.path.join(workdir, f"{kind}-{docs}.json")
        store = PostgresStore(url, REGISTRY, pool_size=2) if url else TinyDBStore(db_path, REGISTRY)
        try:
            seconds, public = bulk_load(store, docs)
            if url:
                with store._pool.connection() as conn:  # planner statistics, visibility map
                    conn.execute("VACUUM ANALYZE")
        finally:
            store.close()
        print(f"  {kind}: loaded {docs} documents through the store in {seconds:.1f} s "
              f"({docs / seconds:.0f} docs/s)", flush=True)
        env = {"DATABASE_URL": url or ""}
        if gunicorn_workers:
            server = GunicornServer(workdir, gunicorn_workers, env).start(timeout=120)
        else:
            server = LiveServer(db_path, threads=8, env=env).start(timeout=120)
        try:
            seeded = api_bench.seed(server.url, HTTP_SEED_DOCS)
            seeded.readable_world_ids += random.Random(1).sample(public, min(1000, len(public)))
            yield server, seeded
        finally:
            server.stop()


def measure_all(server, seeded, args) -> dict:
    pid = server.process.pid if isinstance(server, LiveServer) else None  # gunicorn: many pids
    return {(name, conc): api_bench.measure(server.url, pid, seeded, scenario, conc,
                                            args.duration, args.requests)
            for name, scenario in api_bench.SCENARIOS.items() for conc in args.concurrency}


def print_table(title: str, columns: dict[str, dict]) -> None:
    header = f"{'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'CPU':>5}"
    print(f"\n{title}\n{'scenario':29}{'conc':>5}|" + "|".join(f" {c:^29} " for c in columns))
    print(f"{'':34}|" + "|".join(f" {header} " for _ in columns))
    for name, conc in next(iter(columns.values())):
        cells = "|".join(f" {api_bench.fmt(results[(name, conc)]):29} " for results in columns.values())
        print(f"{name:29}{conc:5}|{cells}", flush=True)


def importtime(runs: int = 5) -> None:
    """Wall time of ``python -c 'import app'`` (from api/) and its biggest imports."""
    env = {**os.environ, **SERVER_ENV, "WORLDSMITH_DB_PATH": os.path.join(tempfile.mkdtemp(), "x.json")}
    for production_cost in ("ARGON2_TIME_COST", "ARGON2_MEMORY_COST"):  # as deployed
        env.pop(production_cost)
    walls, cpus, app_us, tops = [], [], [], {}
    for _ in range(runs):
        began, cpu_before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import app"],
                              cwd=os.path.join(ROOT, "api"), env=env, capture_output=True,
                              text=True, timeout=120)
        walls.append((time.perf_counter() - began) * 1000)
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((cpu_after.ru_utime + cpu_after.ru_stime - cpu_before.ru_utime
                     - cpu_before.ru_stime) * 1000)
        if done.returncode != 0:
            raise SystemExit(f"import app failed:\n{done.stderr[-2000:]}")
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "cumulative" in line:
                continue
            _, total_us, name = line.split(":", 1)[1].split("|")
            if (len(name) - len(name.lstrip()) - 1) // 2 <= 2:  # top three levels
                tops.setdefault(name.strip(), []).append(int(total_us) / 1000)
            if name.strip() == "app":
                app_us.append(int(total_us) / 1000)
    print(f"\npython -X importtime -c 'import app' (from api/), {runs} runs, load average "
          f"{os.getloadavg()[0]:.2f}: process wall median {statistics.median(walls):.0f} ms "
          f"(min {min(walls):.0f}); 'app' cumulative (imports + create_app) median "
          f"{statistics.median(app_us):.0f} ms (min {min(app_us):.0f}); process CPU (user+sys, "
          f"what an idle machine's wall time would be) median {statistics.median(cpus):.0f} ms")
    biggest = sorted(tops.items(), key=lambda kv: -statistics.median(kv[1]))[:10]
    for name, values in biggest:
        print(f"  {statistics.median(values):7.0f} ms  {name}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 100_000, 500_000],
                        help="PostgreSQL sizes (documents)")
    parser.add_argument("--compare", type=int, default=10_000,
                        help="size for TinyDB vs PostgreSQL side by side (0: skip)")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per cell")
    parser.add_argument("--requests", type=int, help="requests per cell instead of --duration")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--gunicorn", type=int, default=4,
                        help="workers of a gunicorn PostgreSQL column in the comparison (0: none)")
    parser.add_argument("--only", choices=["importtime", "sizes", "compare"])
    args = parser.parse_args(argv)
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores shared)")
    workdir = tempfile.mkdtemp(prefix="worldsmith-storage-bench-")
    if args.only in (None, "importtime"):
        importtime()
    if args.only in (None, "compare") and args.compare:
        columns = {}
        for kind in ("tinydb", "postgres"):
            with prepared_server(kind, args.compare, workdir) as (server, seeded):
                columns[f"{kind} {args.compare}"] = measure_all(server, seeded, args)
        if args.gunicorn:
            with prepared_server("postgres", args.compare, workdir, args.gunicorn) as (server, seeded):
                columns[f"postgres gunicorn x{args.gunicorn}"] = measure_all(server, seeded, args)
        print_table(f"TinyDB vs PostgreSQL at {args.compare} documents", columns)
    if args.only in (None, "sizes") and args.sizes:
        columns = {}
        for size in args.sizes:
            with prepared_server("postgres", size, workdir) as (server, seeded):
                columns[f"postgres {size}"] = measure_all(server, seeded, args)
            print_table(f"PostgreSQL by size (load average {os.getloadavg()[0]:.2f})", columns)
    print(f"\nload average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
