"""The application factory: configuration, storage, blueprints, errors, docs."""
from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from flask import Flask
from flask_cors import CORS
from werkzeug.middleware.proxy_fix import ProxyFix

from config import Config
from core.models import REGISTRY
from interfaces.api_docs import register_api_docs
from interfaces.blueprints.admin import create_admin_blueprint
from interfaces.blueprints.auth import create_auth_blueprint
from interfaces.blueprints.cast import create_cast_blueprint
from interfaces.blueprints.events import create_events_blueprint
from interfaces.blueprints.gpt import create_gpt_blueprint
from interfaces.blueprints.stats import create_stats_blueprint
from interfaces.blueprints.stories import create_stories_blueprint
from interfaces.blueprints.worlds import create_worlds_blueprint
from interfaces.cli import register_cli
from interfaces.errors import register_error_handlers
from interfaces.frontend import register_frontend
from interfaces.json_provider import OrjsonProvider
from interfaces.limits import init_limits
from interfaces.security import register_security_headers
from interfaces.validation import reject_nul_characters
from services.ai_service import AIService
from services.auth_service import AuthService
from storage import DocumentStore, open_store

log = logging.getLogger(__name__)


@dataclass
class AppServices:
    """What the app holds for its lifetime; found at ``app.extensions["worldsmith"]``."""

    store: DocumentStore
    auth: AuthService
    gpt_provider: str = "offline"


def _jwt_secret(config: dict) -> str:
    secret = config.get("JWT_SECRET_KEY")
    if secret:
        return secret
    if config.get("DEBUG"):
        log.warning("JWT_SECRET_KEY is not set: using an ephemeral key (debug only); "
                    "tokens will not survive a restart")
        return secrets.token_urlsafe(32)
    raise RuntimeError("JWT_SECRET_KEY is not set. Set it in the environment or .env "
                       "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))').")


def create_app(config: Config | None = None, store: DocumentStore | None = None) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.config.from_object(config or Config())
    app.json = OrjsonProvider(app)
    hops = app.config.get("TRUSTED_PROXY_HOPS", 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.config["JWT_SECRET_KEY"] = _jwt_secret(app.config)

    store = store or open_store(app.config, REGISTRY)
    auth = AuthService(store, app.config["JWT_SECRET_KEY"], app.config["JWT_EXPIRES_MINUTES"],
                       app.config["ARGON2_TIME_COST"], app.config["ARGON2_MEMORY_COST"])
    app.extensions["worldsmith"] = AppServices(store=store, auth=auth)
    _ensure_initial_admin(app, auth)

    app.register_blueprint(create_auth_blueprint(auth))
    for factory in (create_worlds_blueprint, create_cast_blueprint, create_stories_blueprint,
                    create_stats_blueprint, create_admin_blueprint):
        app.register_blueprint(factory(store))
    ai = app.extensions["worldsmith_ai"] = AIService.from_config(app.config, store)
    app.extensions["worldsmith"].gpt_provider = ai.provider_name
    app.register_blueprint(create_gpt_blueprint(store, ai))
    app.register_blueprint(create_events_blueprint(store, ai))

    register_error_handlers(app)
    app.before_request(reject_nul_characters)
    init_limits(app)
    register_cli(app)
    register_security_headers(app)
    CORS(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}},
         expose_headers=["X-Total-Count", "X-Total-Count-Exact", "Link", "Retry-After"])
    register_api_docs(app, "Worldsmith API", app.config["VERSION"], {  # flasgger, lazily
        "openapi": "3.0.3",
        "headers": [],
        "specs": [{"endpoint": "apispec", "route": "/apispec.json",
                   "rule_filter": lambda rule: False, "model_filter": lambda tag: False}],
        "static_url_path": "/flasgger_static",
        "swagger_ui": True,
        "specs_route": "/apidocs/",
    })
    register_frontend(app, app.config.get("FRONTEND_DIST"))
    return app


def _ensure_initial_admin(app: Flask, auth: AuthService) -> None:
    username = app.config.get("INITIAL_ADMIN_USERNAME")
    password = app.config.get("INITIAL_ADMIN_PASSWORD")
    if username and password:
        email = app.config.get("INITIAL_ADMIN_EMAIL") or f"{username}@localhost"
        auth.bootstrap_admin(username, email, password)
