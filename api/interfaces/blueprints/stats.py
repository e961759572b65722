"""Counts and health."""
from flask import current_app, jsonify

from interfaces.auth import current_user, optional_auth
from interfaces.resource import resource_blueprint
from services.stats_service import StatsService


def create_stats_blueprint(store, flush):
    bp = resource_blueprint("stats", __name__, flush)
    stats = StatsService(store)

    def provider() -> str:
        return current_app.extensions["worldsmith"].gpt_provider

    @bp.get("/stats")
    @optional_auth
    def get_stats():
        """Counts of what the caller may see; breakdown and quotas when logged in."""
        return jsonify(stats.stats(current_user(), provider()))

    @bp.get("/health")
    def health():
        """Liveness: storage backend, AI provider and version."""
        return jsonify(status="ok", storage=store.kind, gpt_enabled=provider() != "offline",
                       gpt_provider=provider(), version=current_app.config["VERSION"])

    return bp
