"""Activity feeds: what changed in a world, and across the caller's worlds."""
from flask import jsonify

from interfaces.auth import current_user, token_required
from interfaces.resource import resource_blueprint
from interfaces.schemas.activity import ActivityPageOut, ActivityQuery, RecentActivityOut, RecentQuery
from interfaces.validation import query, responds
from services.activity_service import member_world


def create_activity_blueprint(services):
    store, activity = services.store, services.activity
    bp = resource_blueprint("activity", __name__, store)

    @bp.get("/worlds/<world_id>/activity")
    @token_required
    @query(ActivityQuery)
    @responds(200, "A page of the world's activity", schema=ActivityPageOut)
    def world_activity(world_id, query: ActivityQuery):
        """Who created, edited, deleted or restored what in the world, newest first.

        Members (owner, co-authors, readers) and admins; anyone else 404. Page with
        `before=next_before`. `after=<seq>` answers what came after that item, oldest
        first: the polling fallback where live streams are off (`latest_seq` to start).
        """
        member_world(store, current_user(), world_id)
        items, next_before, latest = activity.page(world_id, query.limit, query.before, query.after)
        return jsonify({"success": True, "activity": activity.present(items), "next_before": next_before,
                        "latest_seq": latest})

    @bp.get("/activity")
    @token_required
    @query(RecentQuery)
    @responds(200, "The newest activity across your worlds", schema=RecentActivityOut)
    def recent_activity(query: RecentQuery):
        """The newest activity in the worlds you own or are a member of (the dashboard)."""
        items = activity.recent(current_user(), query.limit)
        return jsonify({"success": True, "activity": activity.present(items)})

    return bp
