"""Counts, liveness and readiness."""
import logging

from flask import current_app, jsonify

from interfaces.auth import current_user, optional_auth
from interfaces.limits import limiter_status
from interfaces.resource import resource_blueprint
from interfaces.schemas.responses import HealthOut, NotReadyOut, ReadyOut, StatsOut
from interfaces.validation import responds

log = logging.getLogger(__name__)


def create_stats_blueprint(services):
    store, stats = services.store, services.stats
    bp = resource_blueprint("stats", __name__, store)

    def provider() -> str:
        return services.gpt_provider

    @bp.get("/stats")
    @optional_auth
    @responds(200, "Counts", schema=StatsOut)
    def get_stats():
        """Counts of what the caller may see; breakdown and quotas when logged in."""
        return jsonify(stats.stats(current_user(), provider()))

    @bp.get("/health")
    @responds(200, "Alive", schema=HealthOut)
    def health():
        """Liveness: storage backend, AI provider and version."""
        return jsonify(status="ok", storage=store.kind, gpt_enabled=provider() != "offline",
                       gpt_provider=provider(), version=current_app.config["VERSION"])

    def storage_ok() -> bool:
        try:
            store.count("users")
            return True
        except Exception:  # noqa: BLE001 - any failure means "not ready"
            log.warning("readiness: storage probe failed", exc_info=True)
            return False

    @bp.get("/health/ready")
    @responds(200, "Ready: `status` is `ok`, or `degraded` when rate limits count in memory",
              schema=ReadyOut)
    @responds(503, "Not ready: the storage is unavailable", schema=NotReadyOut)
    def ready():
        """Readiness: probes each dependency (storage, rate-limit storage)."""
        limits_ok, limits = limiter_status(current_app)
        checks = {"storage": "ok" if storage_ok() else "unavailable", "rate_limit": limits}
        if checks["storage"] != "ok":
            return jsonify(status="unavailable", checks=checks, error="Storage is unavailable",
                           code="storage_unavailable", details={"storage": "unavailable"}), 503
        return jsonify(status="ok" if limits_ok else "degraded", checks=checks,
                       version=current_app.config["VERSION"])

    return bp
