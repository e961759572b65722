"""Events: the world's timeline, extraction jobs, edits and connections."""
from flask import jsonify

from interfaces.auth import current_user, optional_auth, token_required
from interfaces.blueprints.gpt import accepted, started
from interfaces.limits import rate_limit
from interfaces.resource import resource_blueprint
from interfaces.schemas.events import ConnectionBody, EventUpdateBody, ExtractQuery, TimelineQuery
from interfaces.schemas.responses import CacheDroppedOut, EventDeletedOut, EventOut, TimelineOut
from interfaces.schemas.tasks_out import EventPlanOut, WorldEventPlanOut
from interfaces.validation import body, changes, errors, query, responds
from interfaces.versioning import ETAG_HEADER, require_version, with_etag
from services import access


def create_events_blueprint(services):
    store, ai, events = services.store, services.ai, services.events
    bp = resource_blueprint("events", __name__, store)

    @bp.get("/worlds/<world_id>/events")
    @optional_auth
    @query(TimelineQuery)
    @responds(200, "The timeline", schema=TimelineOut)
    def timeline(world_id, query: TimelineQuery):
        """The world's timeline: events of the stories you may see, by year, with connections.

        Events are in date order (an event without a date of its own at its story's date),
        then by story, then by `order`. Filters: `entity_id` (events with that character),
        `location_id` (at that place), `story_id` (of that story); connections are those
        between the events shown."""
        user = current_user()
        world = access.visible_world(store, user, world_id)
        return jsonify(events.timeline(world, user, query.model_dump(exclude_none=True)))

    @bp.post("/worlds/<world_id>/events/extract")
    @rate_limit("ai")
    @token_required
    @started
    @query(ExtractQuery)
    def extract_world(world_id, query: ExtractQuery):
        """Extract the events of every story of the world (owner or co-author); `?force=true` ignores the cache."""
        user = current_user()
        world = access.writable_world(store, user, world_id)
        return accepted(ai.start(user, "world_events", world_id=world.world_id,
                                 force=query.force))

    @bp.get("/worlds/<world_id>/events/plan")
    @token_required
    @responds(200, "What re-extracting the world's events would keep and replace", schema=WorldEventPlanOut)
    def world_extraction_plan(world_id):
        """What `POST /worlds/{id}/events/extract?force=true` would do (owner or co-author): the events it
        keeps (made, edited or connected by a person) and the machine events it replaces."""
        return jsonify(events.world_reextraction_plan(access.writable_world(store, current_user(), world_id)))

    @bp.post("/stories/<story_id>/events/extract")
    @rate_limit("ai")
    @token_required
    @started
    @query(ExtractQuery)
    def extract_story(story_id, query: ExtractQuery):
        """Extract the story's events (owner or co-author); cached by content, `?force=true` re-extracts."""
        user = current_user()
        story, _ = access.editable_story(store, user, story_id)
        return accepted(ai.start(user, "story_events", story_id=story.story_id,
                                 force=query.force))

    @bp.get("/stories/<story_id>/events/plan")
    @token_required
    @responds(200, "What a forced re-extraction would keep and replace", schema=EventPlanOut)
    def extraction_plan(story_id):
        """What `extract?force=true` would do (owner or co-author): how many events it keeps (made or edited by a
        person, or connected by one) and how many untouched machine events it replaces."""
        story, _ = access.editable_story(store, current_user(), story_id)
        return jsonify(events.reextraction_plan(story))

    @bp.delete("/stories/<story_id>/events/cache")
    @token_required
    @responds(200, "Whether a cached extraction was dropped", schema=CacheDroppedOut)
    def drop_cache(story_id):
        """Forget the story's cached extraction (its events stay until the next extraction)."""
        story, _ = access.editable_story(store, current_user(), story_id)
        dropped = events.drop_cache(story)
        return jsonify(message="Cache cleared" if dropped else "No cached extraction", story_id=story_id,
                       cleared=dropped)

    @bp.get("/events/<event_id>")
    @optional_auth
    @responds(200, "The event", schema=EventOut, headers=ETAG_HEADER)
    def get_event(event_id):
        """One event (visible with its story), with its version as `ETag`."""
        event, world = events.visible_event(current_user(), event_id)
        return with_etag(events.present(event, world), event.version)

    @bp.route("/events/<event_id>", methods=["PUT", "PATCH"])
    @token_required
    @errors(412)
    @body(EventUpdateBody)
    @responds(200, "The changed event", schema=EventOut, headers=ETAG_HEADER)
    def update_event(event_id, body: EventUpdateBody):
        """Change an event's title, description, date, time, year, order, characters or places (world owner or co-author).

        The event becomes `edited`: a re-extraction keeps it. A `date` (checked against the
        world's calendar: 400 `invalid_date`) sets `year` and `time_index`; a new `time_index`
        alone drops the year the text gave and the date; a new `year` moves `time_index` with it.

        Honours `If-Match` (412 with the current event when stale); the previous
        version is kept in its history. Answers the new `ETag`.
        """
        user = current_user()
        event, world = events.editable_event(user, event_id)
        require_version(event.version, lambda: events.present(event, world))
        event = events.update(event, world, changes(body), user)
        return with_etag(events.present(event, world), event.version)

    @bp.delete("/events/<event_id>")
    @token_required
    @errors(412)
    @responds(200, "Event deleted", schema=EventDeletedOut)
    def delete_event(event_id):
        """Delete an event, its history and the connections to it (world owner or co-author).

        Events are not trashed (a story's delete trashes its events). Honours `If-Match`.
        """
        event, world = events.editable_event(current_user(), event_id)
        require_version(event.version, lambda: events.present(event, world))
        events.delete(event)
        return jsonify(message="Event deleted", event_id=event_id)

    @bp.post("/events/<event_id>/connections")
    @token_required
    @responds(201, "The event with its connections", schema=EventOut)
    @body(ConnectionBody)
    def connect(event_id, body: ConnectionBody):
        """Connect an event to another event of the same world (world owner or co-author)."""
        event, world = events.editable_event(current_user(), event_id)
        event = events.connect(event, body.target_event_id, body.relation_type, body.relation_label)
        return jsonify(events.present(event, world)), 201

    return bp
