"""The application factory: configuration, storage, blueprints, errors, docs."""
from __future__ import annotations

import logging
import secrets

from flask import Flask
from flask_cors import CORS
from werkzeug.middleware.proxy_fix import ProxyFix

from config import Config
from core.models import REGISTRY
from interfaces.api_docs import register_api_docs
from interfaces.blueprints.activity import create_activity_blueprint
from interfaces.blueprints.admin import create_admin_blueprint
from interfaces.blueprints.ai_models import create_ai_models_blueprint
from interfaces.blueprints.auth import create_auth_blueprint
from interfaces.blueprints.books import create_books_blueprint
from interfaces.blueprints.context import create_context_blueprint
from interfaces.blueprints.cast import create_cast_blueprint
from interfaces.blueprints.entries import create_entries_blueprint
from interfaces.blueprints.events import create_events_blueprint
from interfaces.blueprints.field_templates import create_field_templates_blueprint
from interfaces.blueprints.findings import create_findings_blueprint
from interfaces.blueprints.gpt import create_gpt_blueprint
from interfaces.blueprints.history import create_history_blueprint
from interfaces.blueprints.relations import create_relations_blueprint
from interfaces.blueprints.mentions import create_mentions_blueprint
from interfaces.blueprints.images import create_images_blueprint
from interfaces.blueprints.invitations import create_invitations_blueprint
from interfaces.blueprints.members import create_members_blueprint
from interfaces.blueprints.live import create_live_blueprint
from interfaces.blueprints.reviews import create_reviews_blueprint
from interfaces.blueprints.search import create_search_blueprint
from interfaces.blueprints.stats import create_stats_blueprint
from interfaces.blueprints.stories import create_stories_blueprint
from interfaces.blueprints.trash import create_trash_blueprint
from interfaces.blueprints.usage import create_usage_blueprint
from interfaces.blueprints.users import create_users_blueprint
from interfaces.blueprints.worlds import create_worlds_blueprint
from interfaces.cli import register_cli
from interfaces.errors import register_error_handlers
from interfaces.frontend import register_frontend
from interfaces.json_provider import OrjsonProvider
from interfaces.limits import init_limits
from interfaces.security import register_security_headers
from interfaces.validation import reject_nul_characters
from ai import make_provider
from ai.tokens import token_counter
from services.account_service import AccountService
from services.activity_service import ActivityService
from services.admin_service import AdminService
from services.ai_service import AIService
from services.auth_service import AuthService
from services.book_service import BookService
from services.cast_service import CastService
from services.consistency.service import ConsistencyService
from services.container import Services
from services.context_builder import ContextBuilder
from services.entry_service import EntryService
from services.event_service import EventService
from services.field_service import FieldService
from services.graph_service import GraphService
from services.history_service import HistoryService
from services.image_links import ImageLinks
from services.image_service import ImageService
from services.invitation_service import InvitationService
from services.link_service import LinkService
from services.member_service import MemberService
from services.live import LiveBus
from services.relation_service import RelationService
from services.mention_service import MentionService
from services.review_service import ReviewService
from services.scene_service import SceneService
from services.search_service import SearchService
from services.revisions import Revisions
from services.stats_service import StatsService
from services.story_service import StoryService
from services.task_runner import TaskRunner
from services.task_service import TaskService
from services.trash_service import TrashService
from services.world_service import WorldService
from services.ai_settings import AISettings
from services.usage_service import UsageService
from storage import DocumentStore, open_store

log = logging.getLogger(__name__)


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


BLUEPRINTS = (create_auth_blueprint, create_worlds_blueprint, create_cast_blueprint,
              create_stories_blueprint, create_stats_blueprint, create_admin_blueprint,
              create_gpt_blueprint, create_events_blueprint, create_history_blueprint,
              create_trash_blueprint, create_reviews_blueprint, create_entries_blueprint,
              create_field_templates_blueprint, create_relations_blueprint, create_mentions_blueprint,
              create_images_blueprint, create_search_blueprint, create_members_blueprint,
              create_invitations_blueprint, create_users_blueprint, create_activity_blueprint,
              create_live_blueprint, create_books_blueprint, create_findings_blueprint,
              create_ai_models_blueprint, create_usage_blueprint, create_context_blueprint)


def build_services(config, store: DocumentStore) -> Services:
    """Every service, once, wired to the store, the AI provider and the job runner."""
    provider = make_provider(config)
    # A task with no progress for this long on another host is presumed dead.
    stale = config["OPENAI_TIMEOUT"] * (config["OPENAI_MAX_RETRIES"] + 2) + 300
    bus = LiveBus(config.get("LIVE_REDIS_URL"), config.get("LIVE_CHANNEL_PREFIX", "worldsmith:live:"))
    activity = ActivityService(store, bus)
    tasks = TaskService(store, stale_seconds=stale, retention_days=config["TASK_RETENTION_DAYS"], bus=bus)
    ai_settings = AISettings(config, provider)
    usage = UsageService(store, ai_settings)
    runner = TaskRunner(tasks, config["TASK_MODE"], config["TASK_WORKERS"], config["AI_JOB_SECONDS"], ledger=usage)
    revisions = Revisions(store, config["HISTORY_MAX_VERSIONS"], activity)
    trash = TrashService(store, config["TRASH_RETENTION_DAYS"], activity=activity)
    fields = FieldService(store, trash)
    cast, links = CastService(store, revisions, trash, fields), LinkService(store)
    events = EventService(store, provider, revisions)
    worlds, stories = WorldService(store, revisions, trash, ai_settings), StoryService(store, revisions, trash)
    reviews = ReviewService(store, cast, stories)
    relations = RelationService(store, revisions, trash)
    books = BookService(store, stories, revisions, trash)
    images = ImageService(store, trash, ImageLinks(config["JWT_SECRET_KEY"], config["IMAGE_LINK_SECONDS"]),
                          max_pixels=config["IMAGE_MAX_PIXELS"], max_per_world=config["IMAGE_MAX_PER_WORLD"],
                          thumb_size=config["IMAGE_THUMB_SIZE"])
    members = MemberService(store, activity)
    auth = AuthService(store, config["JWT_SECRET_KEY"], config["JWT_EXPIRES_MINUTES"],
                       config["ARGON2_TIME_COST"], config["ARGON2_MEMORY_COST"])
    ai = AIService(store, provider, tasks, runner, cast=cast, links=links, events=events, reviews=reviews,
                   settings=ai_settings)
    context = ContextBuilder(store, lambda model: token_counter(config, model), config)
    ai.checks = ConsistencyService(store, ai, relations, context_builder=context, config=config)
    return Services(
        store=store, auth=auth,
        worlds=worlds, stories=stories, cast=cast, links=links,
        events=events, tasks=tasks, admin=AdminService(store), stats=StatsService(store),
        ai=ai,
        history=HistoryService(store, worlds, stories, cast, events, books), trash=trash, reviews=reviews,
        fields=fields, entries=EntryService(store),
        relations=relations, graphs=GraphService(store, relations, links),
        mentions=MentionService(store, revisions), images=images, search=SearchService(store),
        members=members, invitations=InvitationService(store, members, config["INVITATION_DAYS"]),
        accounts=AccountService(store, auth, trash, config["IMAGE_MAX_PIXELS"], config["IMAGE_THUMB_SIZE"]),
        activity=activity, bus=bus, books=books, scenes=SceneService(store, stories, books), checks=ai.checks,
        ai_settings=ai_settings, usage=usage, context=context)


def create_app(config: Config | None = None, store: DocumentStore | None = None) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.config.from_object(config or Config())
    app.json = OrjsonProvider(app)
    hops = app.config.get("TRUSTED_PROXY_HOPS", 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.config["JWT_SECRET_KEY"] = _jwt_secret(app.config)

    services = app.extensions["worldsmith"] = build_services(app.config, store or open_store(app.config, REGISTRY))
    services.auth.index_names()            # accounts stored before Unicode usernames
    _ensure_initial_admin(app, services.auth)
    services.tasks.recover_interrupted()   # settle tasks a dead process left behind
    services.tasks.prune()
    services.trash.purge_expired()         # deleted items past TRASH_RETENTION_DAYS
    for factory in BLUEPRINTS:
        app.register_blueprint(factory(services))

    register_error_handlers(app)
    app.before_request(reject_nul_characters)
    init_limits(app)
    register_cli(app)
    register_security_headers(app)
    CORS(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}},
         expose_headers=["X-Total-Count", "X-Total-Count-Exact", "Link", "Retry-After", "ETag"])
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
