"""Live updates of a world: a short-lived ticket, then a Server-Sent Events stream.

Each open stream holds one server thread while it lasts (gunicorn gthread or
waitress threads; see README "Live updates"), so a process holds at most
``LIVE_MAX_STREAMS`` (503 ``live_busy`` beyond) and each stream ends after
``LIVE_STREAM_SECONDS``; the browser then reconnects and resumes where it was.
"""
import time

from flask import Response, current_app, jsonify, request

from core.errors import DomainError, NotFound, Unauthorized
from interfaces.auth import current_user, token_required
from interfaces.resource import resource_blueprint
from interfaces.schemas.activity import LiveQuery, LiveTicketOut
from interfaces.validation import errors, query, responds
from services.activity_service import member_world
from services.live import LiveTickets
from services.live.stream import LiveStream

SSE_MEDIA = {"text/event-stream": {  # OpenAPI 3.0: the schema of each event
    "type": "object", "description": "Server-Sent Events: `change` (`id: <seq>`; data: an activity item, "
    "as `GET /worlds/{id}/activity` answers them), `task` (data: `{task_id, type, status, progress}`), "
    "`: heartbeat` comments every `heartbeat_seconds`, and `retry` first",
    "properties": {"event": {"type": "string", "enum": ["change", "task"]},
                   "id": {"type": "string", "description": "The change's `seq` (send as `Last-Event-ID`)"},
                   "data": {"type": "string", "description": "JSON"},
                   "retry": {"type": "integer", "description": "Milliseconds before the browser reconnects"}}}}
RECHECK_SECONDS = 2.0        # a stream re-reads the caller's access at most this often


class LiveBusy(DomainError):
    status, code = 503, "live_busy"


def create_live_blueprint(services):
    store, activity, bus = services.store, services.activity, services.bus
    bp = resource_blueprint("live", __name__, store)
    config = {}

    def tickets() -> LiveTickets:
        if "tickets" not in config:
            config["tickets"] = LiveTickets(current_app.config["JWT_SECRET_KEY"],
                                            current_app.config["LIVE_TICKET_SECONDS"])
        return config["tickets"]

    @bp.post("/worlds/<world_id>/live/ticket")
    @token_required
    @responds(200, "A ticket for the world's live stream", schema=LiveTicketOut)
    def live_ticket(world_id):
        """A short-lived ticket that opens the world's live stream (members and admins; else 404).

        `EventSource` cannot send the login token, and tokens never go in URLs: the
        ticket names you and this world and lasts `expires_in` seconds. `live: false`
        (serverless hosting): no streams, poll `GET /worlds/{id}/activity?after=`.
        """
        user = current_user()
        member_world(store, user, world_id)
        heartbeat = current_app.config["LIVE_HEARTBEAT_SECONDS"]
        if current_app.config.get("SERVERLESS"):
            return jsonify({"success": True, "live": False, "ticket": None, "expires_in": 0,
                            "heartbeat_seconds": heartbeat})
        return jsonify({"success": True, "live": True, "expires_in": tickets().seconds,
                        "ticket": tickets().issue(user.user_id, user.token_version, world_id),
                        "heartbeat_seconds": heartbeat})

    @bp.get("/worlds/<world_id>/live")
    @query(LiveQuery)
    @errors(401, 404, 501, 503, text={
        401: "The ticket is bad or expired (`invalid_ticket`): ask for a new one",
        501: "Live updates are off on this host (`live_unavailable`): poll the activity feed",
        503: "This server holds as many streams as it may (`live_busy`): try again soon"})
    @responds(200, "The world's changes as they land", media=SSE_MEDIA)
    def live(world_id, query: LiveQuery):
        """The world's changes and AI job progress as Server-Sent Events (open with a ticket).

        Resumes after `Last-Event-ID` (header, or `last_event_id`): what landed since
        is replayed from the activity feed first. Changes made by everyone are sent
        (yours too). The stream ends after `LIVE_STREAM_SECONDS` (reconnect to resume)
        and when you lose access. 401 bad or expired ticket, 404 not a member (or a ticket
        for another world: as for a world that does not exist), 501
        serverless hosting (poll the activity feed), 503 this server holds all the streams it may.
        """
        app = current_app
        if app.config.get("SERVERLESS"):
            raise _Unavailable()
        user_id, token_version = tickets().check(query.ticket, world_id)
        user = services.auth.get_user(user_id)
        if user is None or user.banned or user.token_version != token_version:
            raise Unauthorized("The live ticket is no longer valid: log in again", code="invalid_ticket")
        member_world(store, user, world_id)
        if bus.count() >= app.config["LIVE_MAX_STREAMS"]:
            raise LiveBusy("This server holds as many live streams as it may: try again soon")
        last_id = query.last_event_id
        header = request.headers.get("Last-Event-ID", "").strip()
        if header.isdigit():
            last_id = int(header)
        stream = LiveStream(bus, activity, world_id, _allowed(services, user_id, token_version, world_id),
                            app.config["LIVE_HEARTBEAT_SECONDS"], app.config["LIVE_STREAM_SECONDS"])
        response = Response(stream.events(last_id), mimetype="text/event-stream")
        response.headers["Cache-Control"] = "no-cache, no-store"
        response.headers["X-Accel-Buffering"] = "no"     # proxies: do not buffer the stream
        return response

    return bp


class _Unavailable(DomainError):
    status, code = 501, "live_unavailable"

    def __init__(self):
        super().__init__("Live updates are off on this host: poll the activity feed")


def _allowed(services, user_id: str, token_version: int, world_id: str):
    """Whether the stream's caller may still see the world (re-read at most every few seconds)."""
    state = {"at": time.monotonic(), "ok": True}

    def allowed(now: bool = False) -> bool:
        if not now and time.monotonic() - state["at"] < RECHECK_SECONDS:
            return state["ok"]
        user = services.auth.get_user(user_id)
        ok = user is not None and not user.banned and user.token_version == token_version
        if ok:
            try:
                member_world(services.store, user, world_id)
            except NotFound:
                ok = False
        state.update(at=time.monotonic(), ok=ok)
        return ok
    return allowed
