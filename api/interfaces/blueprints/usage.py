"""AI usage: tokens and cost of AI jobs, the caller's own and, for its owner, a world's."""
from flask import jsonify

from interfaces.auth import current_user, token_required
from interfaces.resource import resource_blueprint
from interfaces.schemas.ai_settings import MyUsageOut, UsageQuery, WorldMembersUsageOut
from interfaces.validation import query, responds
from services import access


def create_usage_blueprint(services):
    store, usage = services.store, services.usage
    bp = resource_blueprint("usage", __name__, store)

    @bp.get("/usage")
    @token_required
    @query(UsageQuery)
    @responds(200, "Your AI usage", schema=MyUsageOut)
    def my_usage(query: UsageQuery):
        """Your AI jobs of the last `days` days: tokens and cost in total, by world and by day.

        Cost comes from the operator's price table (`AI_PRICES`) when each job ended."""
        return jsonify(usage.for_user(current_user(), query.days))

    @bp.get("/worlds/<world_id>/usage")
    @token_required
    @query(UsageQuery)
    @responds(200, "The world's AI usage per member", schema=WorldMembersUsageOut)
    def world_usage(world_id, query: UsageQuery):
        """AI jobs run on the world in the last `days` days, per member (the world's owner and admins)."""
        world = access.editable_world(store, current_user(), world_id)
        return jsonify(usage.for_world(world, query.days))

    return bp
