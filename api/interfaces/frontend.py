"""Serve the built React app (``frontend/dist``) at ``/`` with an SPA fallback."""
from __future__ import annotations

import os

from flask import Flask, abort, send_from_directory
from werkzeug.routing import PathConverter


class ClientPathConverter(PathConverter):
    """Any path outside ``/api``, so unknown API paths stay 404 (not 405) for every method."""

    regex = r"(?!api(?:/|$))[^/].*?"


def register_frontend(app: Flask, dist: str | None) -> None:
    if not dist or not os.path.isfile(os.path.join(dist, "index.html")):
        return
    app.url_map.converters["client_path"] = ClientPathConverter

    @app.get("/", defaults={"path": ""})
    @app.get("/<client_path:path>")
    def frontend(path: str):
        if path and os.path.isfile(os.path.join(dist, path)):
            return send_from_directory(dist, path)
        if "." in path.rsplit("/", 1)[-1]:
            abort(404)  # a missing asset, not a client-side route
        return send_from_directory(dist, "index.html")
