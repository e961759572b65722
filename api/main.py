"""Local server: ``python api/main.py --host 127.0.0.1 --port 5000 --db-path data/worldsmith.json``.

``python api/main.py migrate --from A --to B`` moves the data between TinyDB
and PostgreSQL instead (see ``migrate.py``).

Serves the API (and the built frontend, if present) with waitress, a
multi-threaded production WSGI server. If the port is taken it says so and
exits with status 1; it never touches other processes.
"""
from __future__ import annotations

import argparse
import errno
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
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--debug", action="store_true",
                        help="development mode: verbose logs, ephemeral JWT key if none is set")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["migrate"]:  # python api/main.py migrate --from ... --to ...
        from migrate import main as migrate
        return migrate(argv[1:])
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
    try:
        server = create_server(app, host=args.host, port=args.port, threads=args.threads)
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
