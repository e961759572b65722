"""Local server: ``python api/main.py --host 127.0.0.1 --port 5000 --db-path data/worldsmith.json``.

``python api/main.py migrate --from A --to B`` moves the data between TinyDB
and PostgreSQL instead (see ``migrate.py``); ``python api/main.py compact
[--db-path F]`` folds the TinyDB journal into the file (the server must be stopped);
``python api/main.py seed-demo [--owner NAME]`` adds demo worlds (``interfaces/seed_demo.py``).

Serves the API (and the built frontend, if present) with waitress, a
multi-threaded production WSGI server, with bounds from the configuration
(``serve_options``). If the port is taken it says so and exits with status 1;
it never touches other processes.
"""
from __future__ import annotations

import argparse
import errno
import gc
import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from config import Config  # noqa: E402
from storage import StorageError  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Run the Worldsmith server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--db-path", help="TinyDB file (default: data/worldsmith.json)")
    parser.add_argument("--threads", type=int, help="worker threads (default: WAITRESS_THREADS, 8)")
    parser.add_argument("--debug", action="store_true",
                        help="development mode: verbose logs, ephemeral JWT key if none is set")
    return parser.parse_args(argv)


def compact(argv) -> int:
    """Write everything the TinyDB journal holds into the database file."""
    parser = argparse.ArgumentParser(prog="main.py compact",
                                     description="Compact the TinyDB journal into the file.")
    parser.add_argument("--db-path", help="TinyDB file (default: data/worldsmith.json)")
    args = parser.parse_args(argv)
    from core.models import REGISTRY
    from storage.tinydb_store import TinyDBStore
    path = os.path.abspath(args.db_path) if args.db_path else Config().DB_PATH
    try:
        store = TinyDBStore(path, REGISTRY)
    except StorageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        report = store.compact()
    finally:
        store.close()
    print(f"compacted {path}: {report['bytes']} bytes, journal record {report['lsn']}, "
          f"{report['seconds'] * 1000:.0f} ms")
    return 0


# Bodies up to the app's largest limit plus this reach Flask (which answers 413 in the
# app's error shape); waitress refuses larger declared bodies from their headers.
BODY_MARGIN = 64 * 1024


def largest_body(config) -> int:
    """The largest body a route accepts: MAX_CONTENT_LENGTH, or an image upload
    (IMAGE_MAX_BYTES and its multipart envelope), whichever is larger. Flask holds
    every other route to MAX_CONTENT_LENGTH from the declared length."""
    from interfaces.uploads import MULTIPART_OVERHEAD
    images = int(config.get("IMAGE_MAX_BYTES") or 0)
    return max(int(config["MAX_CONTENT_LENGTH"]), images + MULTIPART_OVERHEAD if images else 0)


def serve_options(config, threads: int | None = None) -> dict:
    """waitress settings: no body is read past the app's limit, idle connections
    are closed after ``WAITRESS_CHANNEL_TIMEOUT`` s, at most ``WAITRESS_CONNECTION_LIMIT``
    are open at once. (Behind nginx or Caddy these bounds are a second line.)
    Live streams each hold a thread while open: ``LIVE_MAX_STREAMS`` more threads
    than ``threads``, and no more streams than that, so streams never take the
    threads ordinary requests need."""
    timeout = int(config["WAITRESS_CHANNEL_TIMEOUT"])
    live = 0 if config.get("SERVERLESS") else max(0, int(config.get("LIVE_MAX_STREAMS") or 0))
    return {
        "threads": (threads or int(config["WAITRESS_THREADS"])) + live,
        "connection_limit": int(config["WAITRESS_CONNECTION_LIMIT"]),
        "channel_timeout": timeout,
        "cleanup_interval": max(1, min(30, timeout // 2)),  # how often idle connections are swept
        "max_request_body_size": largest_body(config) + BODY_MARGIN,
        "asyncore_use_poll": True,  # select() cannot watch more than 1024 sockets
    }


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["migrate"]:  # python api/main.py migrate --from ... --to ...
        from migrate import main as migrate
        return migrate(argv[1:])
    if argv[:1] == ["compact"]:
        return compact(argv[1:])
    if argv[:1] == ["seed-demo"]:   # demo worlds in English and Vietnamese (idempotent)
        from interfaces.seed_demo import main as seed_demo
        return seed_demo(argv[1:])
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    overrides = {"DEBUG": True} if args.debug else {}
    if args.db_path:
        overrides["DB_PATH"] = os.path.abspath(args.db_path)
    from interfaces.app_factory import create_app
    from waitress import create_server
    try:
        app = create_app(Config(**overrides))
    except (RuntimeError, StorageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    # The loaded database is long-lived: keep it out of the cyclic GC, whose
    # full collections would otherwise stall every thread (~240 ms at 100k documents).
    gc.collect()
    gc.freeze()
    try:
        server = create_server(app, host=args.host, port=args.port,
                               **serve_options(app.config, args.threads))
    except OSError as exc:
        app.extensions["worldsmith"].store.close()
        if exc.errno == errno.EADDRINUSE:
            print(f"error: port {args.port} on {args.host} is already in use; "
                  "choose another with --port", file=sys.stderr)
        else:
            print(f"error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print(f"Worldsmith listening on http://{args.host}:{args.port} "
          f"(API docs: http://{args.host}:{args.port}/apidocs)", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        app.extensions["worldsmith"].store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
