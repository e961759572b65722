"""Swagger UI (flasgger) and the OpenAPI spec, loaded on first use.

flasgger (with jsonschema, yaml and mistune) and building the spec's pydantic
schemas cost more at start-up than the rest of the app together, and a
serverless function pays start-up on every cold start. So the app only routes
the docs paths (the same rules flasgger adds); the first request to one of
them builds a small Flask app holding flasgger and the spec, and each docs
request is handed to it (a Flask view may answer with a WSGI app).
"""
from __future__ import annotations

import threading

from flask import Blueprint, Flask

DOCS_RULES = ("/apispec.json", "/apidocs/", "/apidocs/index.html", "/oauth2-redirect.html",
              "/flasgger_static/<path:filename>")


def register_api_docs(app: Flask, title: str, version: str, swagger_config: dict) -> None:
    lock, built = threading.Lock(), {}

    def docs_app() -> Flask:
        with lock:
            if "app" not in built:
                from flasgger import Swagger
                from interfaces.apispec import build_spec
                docs = Flask(__name__, static_folder=None)
                docs.json = type(app.json)(docs)
                Swagger(docs, template=build_spec(app, title, version), config=swagger_config)
                built["app"] = docs
        return built["app"]

    def serve(**_):
        return docs_app()

    blueprint = Blueprint("api_docs", __name__)
    for number, rule in enumerate(DOCS_RULES):
        blueprint.add_url_rule(rule, f"docs{number}", serve)
    app.register_blueprint(blueprint)
