"""The baseline for ``api_bench.py``: a bare Flask hello-world served exactly
like the real server (waitress, same host/port/threads arguments).

Every GET or POST on any path answers a small JSON object, so the benchmark
can send it the very same requests it sends Worldsmith.
"""
from __future__ import annotations

import argparse
import sys

from flask import Flask, jsonify, request
from waitress import create_server


def create_hello_app() -> Flask:
    app = Flask(__name__)

    @app.route("/", defaults={"path": ""}, methods=["GET", "POST"])
    @app.route("/<path:path>", methods=["GET", "POST"])
    def hello(path):
        return jsonify(hello="world"), 201 if request.method == "POST" else 200

    return app


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Serve a Flask hello-world with waitress.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--db-path", help="ignored; accepted so it starts like api/main.py")
    args = parser.parse_args(argv)
    server = create_server(create_hello_app(), host=args.host, port=args.port, threads=args.threads)
    print(f"Hello-world listening on http://{args.host}:{args.port}", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
