"""Serve the built React app (``frontend/dist``) at ``/`` with an SPA fallback."""
from __future__ import annotations

import os

from flask import Flask, abort, send_from_directory


def register_frontend(app: Flask, dist: str | None) -> None:
    if not dist or not os.path.isfile(os.path.join(dist, "index.html")):
        return

    @app.get("/", defaults={"path": ""})
    @app.get("/<path:path>")
    def frontend(path: str):
        if path == "api" or path.startswith("api/"):
            abort(404)
        if path and os.path.isfile(os.path.join(dist, path)):
            return send_from_directory(dist, path)
        if "." in path.rsplit("/", 1)[-1]:
            abort(404)  # a missing asset, not a client-side route
        return send_from_directory(dist, "index.html")
