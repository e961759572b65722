"""Cold start: ``python -c "import app"`` (from api/) against ``python -c "import flask"``.

    .venv/bin/python bench/cold_start_bench.py
    .venv/bin/python bench/cold_start_bench.py --runs 7 --top 15

Both commands run with the same interpreter and environment: DATABASE_URL
names a fresh schema of DATABASE_TEST_URL (made by tests/pg_schema.py, dropped
at the end), so ``import app`` opens a real PostgreSQL pool, creates the schema
on the first run and checks it on the others, as a serverless cold start or a
new gunicorn worker does. Settings are the deployed ones (argon2 costs, rate
limits on, offline AI), with a fixed JWT secret and no frontend.

Bytecode is cached as on a deployed machine: one warm-up run of each command
writes ``__pycache__`` (PYTHONDONTWRITEBYTECODE is dropped from the children's
environment), then the runs alternate the two commands. Printed: the median
wall time of each over ``--runs`` process runs, their ratio (the target is at
most 1.6), the median CPU time (user + sys) of each, and, with ``--top``, the
largest imports of ``import app`` by ``python -X importtime`` (cumulative,
minimum over the runs).
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
API = os.path.join(ROOT, "api")
sys.path[:0] = [os.path.join(ROOT, "tests"), os.path.join(ROOT, "tests", "server")]
from live_server import SERVER_ENV  # noqa: E402
from pg_schema import fresh_schema  # noqa: E402

COMMANDS = {"flask": "import flask", "app": "import app"}
DEPLOYED = ("ARGON2_TIME_COST", "ARGON2_MEMORY_COST", "RATELIMIT_ENABLED")  # as deployed: defaults


def environment(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update({k: v for k, v in SERVER_ENV.items() if k not in DEPLOYED})
    env["DATABASE_URL"] = database_url
    return env


def run_once(code: str, env: dict, importtime: bool = False) -> tuple[float, float, str]:
    """(wall ms, CPU ms, stderr) of one ``python -c code`` from api/."""
    command = [sys.executable, *(["-X", "importtime"] if importtime else []), "-c", code]
    before, began = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    done = subprocess.run(command, cwd=API, env=env, capture_output=True, text=True, timeout=120)
    wall = (time.perf_counter() - began) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{code!r} failed:\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    return wall, cpu, done.stderr


def biggest_imports(env: dict, runs: int, top: int) -> list[tuple[float, float, str]]:
    """(cumulative ms, self ms, indented name) of the largest imports, minimum over runs."""
    cumulative, own, order = {}, {}, []
    for _ in range(runs):
        _, _, stderr = run_once(COMMANDS["app"], env, importtime=True)
        for line in stderr.splitlines():
            if not line.startswith("import time:") or "cumulative" in line:
                continue
            self_us, total_us, name = line.split(":", 1)[1].split("|")
            if name not in cumulative:
                order.append(name)
            cumulative[name] = min(cumulative.get(name, 1e12), int(total_us) / 1000)
            own[name] = min(own.get(name, 1e12), int(self_us) / 1000)
    ranked = sorted(order, key=lambda n: -cumulative[n])[:top]
    return [(cumulative[n], own[n], n.rstrip()) for n in ranked]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="process runs of each command")
    parser.add_argument("--top", type=int, default=0, help="also list this many biggest imports")
    args = parser.parse_args(argv)
    with fresh_schema() as url:
        env = environment(url)
        for code in COMMANDS.values():  # writes __pycache__; creates the schema
            run_once(code, env)
        walls = {name: [] for name in COMMANDS}
        cpus = {name: [] for name in COMMANDS}
        load = os.getloadavg()[0]
        for _ in range(args.runs):
            for name, code in COMMANDS.items():
                wall, cpu, _ = run_once(code, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
        tops = biggest_imports(env, min(args.runs, 5), args.top) if args.top else []
    wall = {name: statistics.median(values) for name, values in walls.items()}
    cpu = {name: statistics.median(values) for name, values in cpus.items()}
    print(f"cold start, median of {args.runs} process runs each, alternating (load average "
          f"{load:.2f} before, {os.getloadavg()[0]:.2f} after; {sys.executable})")
    for name, code in COMMANDS.items():
        print(f"  python -c {code!r:16} wall {wall[name]:6.0f} ms (min {min(walls[name]):4.0f})"
              f"   CPU {cpu[name]:6.0f} ms (min {min(cpus[name]):4.0f})")
    print(f"  ratio app/flask: wall {wall['app'] / wall['flask']:.2f}x, "
          f"CPU {cpu['app'] / cpu['flask']:.2f}x (target: wall <= 1.6x)")
    if tops:
        print("\nbiggest imports of 'import app' (python -X importtime, min over runs; "
              "cumulative / self ms; 'app' includes create_app):")
        for total, own, name in tops:
            print(f"  {total:7.1f} {own:6.1f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
