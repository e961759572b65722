"""Swagger UI (flasgger) and the OpenAPI spec, loaded on first use.

flasgger (with jsonschema, yaml and mistune) and building the spec's pydantic
schemas cost more at start-up than the rest of the app together, and a
serverless function pays start-up on every cold start. So the app only routes
the docs paths (the same rules flasgger adds); the first request to one of
them builds a small Flask app holding flasgger and the spec, and each docs
request is handed to it (a Flask view may answer with a WSGI app).

Swagger UI is served from this server alone: flasgger's page head, which
loads Google web fonts, is replaced by ``HEAD`` (Swagger UI's CSS falls back
on the system fonts); its title is the API's (flasgger reads ``title`` from its
config, not from the spec); and its OAuth settings are an empty object, as
flasgger otherwise writes Python's ``None`` into the page's script (a
JavaScript ``ReferenceError`` that stops the page's last steps).
"""
from __future__ import annotations

import threading

from flask import Blueprint, Flask
from jinja2 import DictLoader

DOCS_RULES = ("/apispec.json", "/apidocs/", "/apidocs/index.html", "/oauth2-redirect.html",
              "/flasgger_static/<path:filename>")
# flasgger's ``flasgger/head.html`` without the web-font <link>.
HEAD = """<meta charset="UTF-8">
<title>{{ title }}</title>
<link rel="stylesheet" type="text/css" href="{{ swagger_ui_css }}">
<link rel="icon" type="image/png" href="{{ favicon }}" sizes="64x64 32x32 16x16" />
<style>
  html { box-sizing: border-box; overflow-y: scroll; }
  *, *:before, *:after { box-sizing: inherit; }
  body { margin: 0; background: #fafafa; }
</style>
"""


def register_api_docs(app: Flask, title: str, version: str, swagger_config: dict) -> None:
    lock, built = threading.Lock(), {}

    def docs_app() -> Flask:
        with lock:
            if "app" not in built:
                from flasgger import Swagger
                from interfaces.apispec import build_spec
                docs = Flask(__name__, static_folder=None)
                docs.json = type(app.json)(docs)
                docs.jinja_loader = DictLoader({"flasgger/head.html": HEAD})   # before flasgger's templates
                config = {"title": title, "auth": {}, **swagger_config}
                Swagger(docs, template=build_spec(app, title, version), config=config)
                built["app"] = docs
        return built["app"]

    def serve(**_):
        return docs_app()

    blueprint = Blueprint("api_docs", __name__)
    for number, rule in enumerate(DOCS_RULES):
        blueprint.add_url_rule(rule, f"docs{number}", serve)
    app.register_blueprint(blueprint)
