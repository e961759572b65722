"""TinyDB benchmark: write latency by size, compaction under writers, commit cost.

    .venv/bin/python bench/tinydb_bench.py                     # everything, a few minutes
    .venv/bin/python bench/tinydb_bench.py --sizes 1000 10000 --duration 1 --concurrency 1
    .venv/bin/python bench/tinydb_bench.py --only compaction

a) POST a world and POST a story over HTTP against the real server (api/main.py,
   waitress, 8 threads; bench/api_bench.py's harness: keep-alive clients,
   p50/p95, server CPU per request) at each size. The documents beyond
   bench/storage_bench.py's HTTP seed are loaded straight through the store
   (``put_many``, shaped like storage_bench's ``synthetic``), the store is closed
   (so the file is compacted), the bench users and their worlds are made over
   HTTP (api_bench's ``seed``) and that server is stopped. Every cell then runs
   on fresh copies of those compacted files (one server per size), so a cell's
   own writes do not grow the next cell's database, in short slices alternating
   between the sizes, so that all sizes see the same machine and disk load (a
   commit is an fsync, whose cost varies with whatever else the disk does).
   Then p50(largest)/p50(smallest) and server CPU per write at 10k against the
   targets.
b) Compaction at the largest size, in-process: 4 writer threads make lone puts
   of small stories; after ~1 s the main thread calls ``store.compact()``, ~1 s
   later again (the first after opening joins every block of encoded documents,
   the second only what was written since); the writers go on ~1 s more.
   Compaction time, the writers' pause (the snapshot), the slowest put
   overlapping each compaction against the puts outside them.
c) Commit cost by size, in-process: 500 lone puts from one thread into each
   size's store, interleaved between the sizes; wall and CPU time per put.
"""
from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [os.path.join(ROOT, "bench"), os.path.join(ROOT, "api")]
import api_bench  # noqa: E402  (also puts tests/server on sys.path)
import storage_bench  # noqa: E402
from live_server import LiveServer  # noqa: E402

from core.models import REGISTRY, Story  # noqa: E402
from storage.tinydb_store import TinyDBStore  # noqa: E402

SCENARIOS = {name: api_bench.SCENARIOS[name] for name in ("POST /api/worlds", "POST /api/stories")}
RATIO_TARGET, CPU_TARGET_MS, CPU_TARGET_SIZE = 1.5, 2.0, 10_000


def verdict(ok: bool) -> str:
    return "target met" if ok else "missed"


def mb(path: str) -> str:
    return f"{os.path.getsize(path) / 1e6:.1f} MB"


def build_base(size: int, workdir: str):
    """A compacted TinyDB file of ``size`` documents; (path, api_bench.Seeded)."""
    path = os.path.join(workdir, f"base-{size}.json")
    store = TinyDBStore(path, REGISTRY)
    try:
        seconds, _ = storage_bench.bulk_load(store, max(0, size - storage_bench.HTTP_SEED_DOCS))
    finally:
        store.close()
    server = LiveServer(path, threads=8).start(timeout=120)
    try:
        seeded = api_bench.seed(server.url, min(size, storage_bench.HTTP_SEED_DOCS))
    finally:
        server.stop(timeout=60)
    print(f"  {size} documents: {size - storage_bench.HTTP_SEED_DOCS} through put_many in "
          f"{seconds:.1f} s, {storage_bench.HTTP_SEED_DOCS} over HTTP in {seeded.seconds:.1f} s; "
          f"compacted file {mb(path)}", flush=True)
    return path, seeded


def remove_with_journal(path: str) -> None:
    folder, name = os.path.split(path)
    for leftover in os.listdir(folder):
        if leftover == name or leftover.startswith(name + "."):
            os.remove(os.path.join(folder, leftover))


def fresh_copy(base: str, name: str) -> str:
    path = os.path.join(os.path.dirname(base), name)
    shutil.copyfile(base, path)
    return path


def http_writes(bases: dict, args) -> None:
    print(f"\na) TinyDB POST over HTTP (api/main.py, waitress 8 threads), {args.duration:g} s per "
          f"cell in {api_bench.SLICES} slices alternating between the sizes, each cell on fresh "
          f"copies of the compacted files")
    columns = {f"tinydb {size}": {} for size in bases}
    for name, scenario in SCENARIOS.items():
        for conc in args.concurrency:
            servers, samples = {}, {size: [] for size in bases}
            try:
                for size, (base, _) in bases.items():
                    path = fresh_copy(base, f"cell-{size}.json")
                    servers[size] = LiveServer(path, threads=8).start(timeout=120)
                for _ in range(api_bench.SLICES):  # the sizes see the same machine and disk load
                    for size, server in servers.items():
                        samples[size].append(api_bench.measure_slice(
                            server.url, server.process.pid, bases[size][1], scenario, conc,
                            args.duration / api_bench.SLICES, None))
            finally:
                for server in servers.values():
                    server.stop(timeout=60)
                    remove_with_journal(server.db_path)
            for size in bases:
                columns[f"tinydb {size}"][(name, conc)] = api_bench.Result.of(samples[size])
    storage_bench.print_table(f"TinyDB writes by size (CPU = server CPU ms per request; "
                              f"load average {os.getloadavg()[0]:.2f})", columns)

    sizes = list(bases)
    small, large = min(sizes), max(sizes)
    if small != large:
        print(f"\np50({large}) / p50({small}) (target <= {RATIO_TARGET:g}):")
        for name in SCENARIOS:
            for conc in args.concurrency:
                a = columns[f"tinydb {small}"][(name, conc)].p50_ms
                b = columns[f"tinydb {large}"][(name, conc)].p50_ms
                ratio = b / a
                print(f"  {name:20} conc {conc}: {b:6.2f} / {a:6.2f} ms = {ratio:4.2f}  "
                      f"{verdict(ratio <= RATIO_TARGET)}")
    if CPU_TARGET_SIZE in bases:
        print(f"\nserver CPU per write at {CPU_TARGET_SIZE} documents (target <= {CPU_TARGET_MS:g} ms):")
        for name in SCENARIOS:
            for conc in args.concurrency:
                cpu = columns[f"tinydb {CPU_TARGET_SIZE}"][(name, conc)].server_cpu_ms
                print(f"  {name:20} conc {conc}: {cpu:5.2f} ms  {verdict(cpu <= CPU_TARGET_MS)}")


def small_story(n: int) -> tuple[str, dict]:
    story = Story(world_id="bench-world", title=f"Bench story {n}", owner_id="bench-owner",
                  description="Written by the benchmark.")
    return story.story_id, story.to_dict()


def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1] if len(values) > 1 else values[0]


def compaction_under_writes(base: str, size: int, writers: int = 4, gap: float = 1.0) -> None:
    """Two compactions ``gap`` s apart while the writers run: the first after
    opening (it joins every block of encoded documents: the cold case), then a
    second (only the blocks written since)."""
    path = fresh_copy(base, f"compact-{size}.json")
    started = time.perf_counter()
    store = TinyDBStore(path, REGISTRY)
    opened = time.perf_counter() - started
    started = time.perf_counter()
    gc.collect()  # the freshly loaded documents' first full collection: not in the figures
    collected = time.perf_counter() - started
    stop, serial = threading.Event(), iter(range(10**9))
    spans: list[list[tuple[float, float]]] = [[] for _ in range(writers)]
    gen2_pauses, gc_started = [], {}

    def on_gc(phase: str, info: dict) -> None:
        if info["generation"] == 2:
            if phase == "start":
                gc_started[threading.get_ident()] = time.perf_counter()
            elif threading.get_ident() in gc_started:
                gen2_pauses.append(time.perf_counter() - gc_started.pop(threading.get_ident()))

    def writer(index: int) -> None:
        while not stop.is_set():
            doc_id, doc = small_story(next(serial))
            began = time.perf_counter()
            store.put("stories", doc_id, doc)
            spans[index].append((began, time.perf_counter()))

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    windows = []  # (start, end, report)
    gc.callbacks.append(on_gc)
    try:
        for thread in threads:
            thread.start()
        for _ in ("cold", "warm"):
            time.sleep(gap)
            window_start = time.perf_counter()
            report = store.compact()
            windows.append((window_start, time.perf_counter(), report))
        time.sleep(gap)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        gc.callbacks.remove(on_gc)
        store.close()
    remove_with_journal(path)
    puts = sorted(span for per_writer in spans for span in per_writer)
    first = puts[0][0]

    def overlaps(span, window) -> bool:
        return span[0] < window[1] and span[1] > window[0]

    outside = [(end - began, began) for began, end in puts
               if not any(overlaps((began, end), w) for w in windows)]
    total_s = puts[-1][1] - first
    print(f"\nb) Compaction at {size} documents, in-process, {writers} writer threads of lone puts "
          f"(load average {os.getloadavg()[0]:.2f})")
    print(f"  store opened in {opened:.2f} s, then a full gc.collect() ({collected * 1000:.0f} ms, "
          f"before the writers start); {len(puts)} puts in {total_s:.1f} s ({len(puts) / total_s:.0f}/s)")
    for label, (start, end, report) in zip(("first (cold)", "second (warm)"), windows):
        during = [e - b for b, e in puts if overlaps((b, e), (start, end))]
        print(f"  {label} compact() at {start - first:.1f} s: {report['seconds'] * 1000:.0f} ms, "
              f"writers paused (snapshot) {report['pause_seconds'] * 1000:.1f} ms, file "
              f"{report['bytes'] / 1e6:.1f} MB; {len(during)} puts overlapping it: longest "
              f"{max(during) * 1000:.1f} ms, median {statistics.median(during) * 1000:.2f} ms")
    latencies = [lat for lat, _ in outside]
    longest, at = max(outside)
    print(f"  puts outside the compactions ({len(outside)}): median "
          f"{statistics.median(latencies) * 1000:.2f} ms, p99 {pct(latencies, 99) * 1000:.2f} ms, "
          f"longest {longest * 1000:.1f} ms (at {at - first:.2f} s)")
    print(f"  gen-2 garbage collections while writing: {len(gen2_pauses)}"
          + (f", longest {max(gen2_pauses) * 1000:.0f} ms" if gen2_pauses else ""))
    print(f"  store.longest_compaction_pause {store.longest_compaction_pause * 1000:.1f} ms "
          f"(includes the compaction at close)")


def commit_cost(bases: dict, puts: int = 500) -> None:
    """All sizes open at once, their puts interleaved: each sees the same disk
    (an fsync's cost drifts with whatever else the machine does)."""
    print(f"\nc) Commit cost by size, in-process: {puts} lone puts from one thread per size, "
          f"interleaved (load average {os.getloadavg()[0]:.2f})")
    stores = {}
    try:
        for size, (base, _) in bases.items():
            stores[size] = TinyDBStore(fresh_copy(base, f"commit-{size}.json"), REGISTRY)
        for n in range(20):  # warm-up
            for store in stores.values():
                store.put("stories", *small_story(n))
        journal_before = {size: store.journal_bytes for size, store in stores.items()}
        wall, cpu = {size: [] for size in stores}, {size: [] for size in stores}
        for n in range(puts):
            for size, store in stores.items():
                doc_id, doc = small_story(n)
                began, began_cpu = time.perf_counter(), time.thread_time()
                store.put("stories", doc_id, doc)
                cpu[size].append(time.thread_time() - began_cpu)
                wall[size].append(time.perf_counter() - began)
        per_put = {size: (store.journal_bytes - journal_before[size]) / puts
                   for size, store in stores.items()}
    finally:
        for store in stores.values():
            store.close()
            remove_with_journal(store.path)
    print(f"  {'documents':>10} {'median ms':>10} {'p95 ms':>8} {'CPU ms median':>14} "
          f"{'journal B/put':>14}")
    for size in stores:
        print(f"  {size:>10} {statistics.median(wall[size]) * 1000:10.2f} "
              f"{pct(wall[size], 95) * 1000:8.2f} {statistics.median(cpu[size]) * 1000:14.3f} "
              f"{per_put[size]:14.0f}")
    print("  (wall = CPU + the journal's fsync)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000],
                        help="database sizes (documents)")
    parser.add_argument("--duration", type=float, default=3.0, help="seconds per HTTP cell")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--only", choices=["http", "compaction", "commits"])
    args = parser.parse_args(argv)
    print(f"load average at start: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores shared)")
    workdir = tempfile.mkdtemp(prefix="worldsmith-tinydb-bench-")
    try:
        print("building the databases:")
        bases = {size: build_base(size, workdir) for size in sorted(args.sizes)}
        if args.only in (None, "http"):
            http_writes(bases, args)
        if args.only in (None, "compaction"):
            largest = max(bases)
            compaction_under_writes(bases[largest][0], largest)
        if args.only in (None, "commits"):
            commit_cost(bases)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\nload average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
