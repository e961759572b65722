"""Every route × every actor × private, draft and public worlds (and a private
story in a public world): the status each caller gets, from ``access_rules``.

Denied writes must change nothing, and what a caller may not see must answer
exactly like something that does not exist. The matrix must cover the app's URL
map exactly, so a new route without an entry fails here.
"""
from __future__ import annotations

import io
import itertools
import re
import uuid
from datetime import timedelta

import pytest

import image_files
from access_rules import ACTORS, MATRIX
from core import clock
from core.models import Book, Event, FieldTemplate, Finding, IgnoredName, Invitation, Relation, World
from interfaces.schemas.worlds import EntityBody, LocationBody
from services.cast_service import ENTITY, LOCATION, CastService
from services.live import LiveTickets
from services.story_service import StoryService
from services.world_service import WorldService

# (world visibility, story visibility)
SCENARIOS = (("private", "private"), ("draft", "draft"), ("public", "public"), ("public", "private"))
PASSWORD = "password123"
SCENE_IMAGE = image_files.png(16, 16)
IGNORED_METHODS = {"HEAD", "OPTIONS"}
PATH_ARG = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
_serials = itertools.count(1)


def app_routes(app) -> set[tuple[str, str]]:
    return {(rule.rule, method) for rule in app.url_map.iter_rules()
            for method in rule.methods - IGNORED_METHODS}


def test_matrix_covers_exactly_the_url_map(app):
    routes = app_routes(app)
    missing = sorted(routes - set(MATRIX))
    stale = sorted(set(MATRIX) - routes)
    assert not missing, f"routes without an access-matrix entry: {missing}"
    assert not stale, f"access-matrix entries for routes that do not exist: {stale}"


class Cast:
    """The actors, made straight through the services (no HTTP, fast)."""

    def __init__(self, app):
        self.app = app
        self.services = app.extensions["worldsmith"]
        self.ids = {actor: self.make_user(actor) for actor in ACTORS if actor != "anonymous"}
        self.ids["anonymous"] = None
        self.edit_user(self.ids["moderator"], role="moderator")
        self.edit_user(self.ids["admin"], role="admin")
        self.edit_user(self.ids["banned"], banned=True)

    def make_user(self, label: str) -> str:
        name = f"{label}{next(_serials)}"
        return self.services.auth.register(name, f"{name}@example.com", PASSWORD).user_id

    def make_target(self) -> str:
        """A user with an avatar (for the routes about a user)."""
        target = self.services.auth.get_user(self.make_user("target"))
        return self.services.accounts.set_avatar(target, SCENE_IMAGE).user_id

    def edit_user(self, user_id: str, **fields) -> None:
        store = self.services.store
        store.put("users", user_id, {**store.get("users", user_id), **fields})

    def user(self, actor: str):
        return self.services.auth.get_user(self.ids[actor])

    def headers(self, actor: str) -> dict:
        """A fresh token from the stored user (a banned user's token is current, not stale)."""
        if actor == "anonymous":
            return {}
        return {"Authorization": f"Bearer {self.services.auth.issue_token(self.user(actor))}"}

    def credentials(self, actor: str) -> dict:
        if actor == "anonymous":
            return {"username": self.user("owner").username, "password": "wrong-password"}
        return {"username": self.user(actor).username, "password": PASSWORD}

    def live_ticket(self, actor: str, scene: dict) -> str:
        """The actor's ticket for the scene's world (anonymous: none that is valid)."""
        if actor == "anonymous":
            return "no-ticket"
        user = self.user(actor)
        return LiveTickets(self.app.config["JWT_SECRET_KEY"]).issue(user.user_id, user.token_version,
                                                                     scene["world_id"])

    def scene(self, world_visibility: str, story_visibility: str, needs_user: bool,
              needs_history: bool = False, needs_trash: bool = False) -> dict:
        """A world of the owner, with ``co_author`` as a co-author and ``shared`` as a reader (and the
        ``needs_user`` target as a reader too), holding a story, a character and a place, the
        character ``located_in`` the place, and a pending invitation of ``other`` as a reader
        (``needs_history``: each edited once, so version 1 is in its history; ``needs_trash``: a
        deleted character in the owner's trash)."""
        store = self.services.store
        owner = self.user("owner")
        serial = next(_serials)
        world = WorldService(store).create(owner, {"name": f"World {serial}", "world_type": "fantasy",
                                                   "visibility": "private"})
        target = self.make_target() if needs_user else None
        world.visibility, world.shared_with = world_visibility, [self.ids["shared"], *([target] if target else [])]
        world.co_authors = [self.ids["co_author"]]
        store.put(World.collection, world.world_id, world.to_dict())
        invitation = Invitation(world_id=world.world_id, inviter_id=owner.user_id, role="reader",
                                invitee_id=self.ids["other"], invitee_display=self.user("other").username,
                                expires_at=clock.iso(clock.now() + timedelta(days=1)))
        store.put(Invitation.collection, invitation.invitation_id, invitation.to_dict())
        story, _ = StoryService(store).create(owner, world, {
            "title": f"Story {serial}", "genre": "adventure", "visibility": "private",
            "time_index": 50, "description": "A tale.", "content": "A tale.\n\n***\n\nAnd another."})
        if needs_history:
            self.services.stories.update(owner, story, {"description": "A tale, revised."})
        book = Book(world_id=world.world_id, owner_id=owner.user_id, title=f"Book {serial}",
                    chapter_ids=[story.story_id])
        store.put(Book.collection, book.book_id, book.to_dict())
        store.put("stories", story.story_id, {**story.to_dict(), "visibility": story_visibility,
                                              "book_id": book.book_id})
        cast = CastService(store)
        entity = cast.create(ENTITY, world, EntityBody(name="Ana").model_dump())
        location = cast.create(LOCATION, world, LocationBody(name="Port").model_dump())
        relation = Relation(world_id=world.world_id, source_id=entity.entity_id, target_id=location.location_id,
                            type="located_in", target_kind="location")
        store.put(Relation.collection, relation.relation_id, relation.to_dict())
        events = [Event(world_id=world.world_id, story_id=story.story_id, title=title)
                  for title in ("Storm", "Wreck")]
        for event in events:
            store.put(Event.collection, event.event_id, event.to_dict())
        if needs_history:
            self.services.worlds.update(owner, world, {"description": "Revised."})
            for kind, item in ((ENTITY, entity), (LOCATION, location)):
                self.services.cast.update(kind, world, item.id, {"description": "Revised."}, owner)
            self.services.events.update(events[0], world, {"description": "Revised."}, owner)
            self.services.books.update(owner, book, {"description": "Revised."})
        trash_id = None
        if needs_trash:
            ghost = cast.create(ENTITY, world, EntityBody(name="Ghost").model_dump())
            trash_id = self.services.cast.delete(ENTITY, world, ghost.entity_id, owner).trash_id
        task = self.app.extensions["worldsmith"].ai.tasks.create(owner, "world_description", "offline")
        review = self.services.reviews.record(owner.user_id, world, story, task["task_id"], "en", [
            {"name": "Bram", "kind": "character", "confidence": 0.9, "quote": "Bram came.", "count": 1}])
        ignored = IgnoredName(world_id=world.world_id, name="Ghostly", key="ghostly", ignored_by=owner.user_id)
        store.put(IgnoredName.collection, ignored.ignore_id, ignored.to_dict())
        template = FieldTemplate(world_id=world.world_id, kind="character", key="age", label="Age",
                                 field_type="number")
        store.put(FieldTemplate.collection, template.template_id, template.to_dict())
        finding = Finding(world_id=world.world_id, story_id=story.story_id, kind="unknown_name", severity="info",
                          message="Bram is not in the codex", quote="Bram", fingerprint=f"scene-{serial}")
        store.put(Finding.collection, finding.finding_id, finding.to_dict())
        images = self.services.images
        image = images.add(owner, world, "scene.png", images.prepare(SCENE_IMAGE))
        return {
            "serial": serial, "users": self.ids, "world_id": world.world_id,
            "story_id": story.story_id, "entity_id": entity.entity_id,
            "location_id": location.location_id, "filename": "swagger-ui.css",
            "entry_id": entity.entity_id, "template_id": template.template_id,
            "relation_id": relation.relation_id, "book_id": book.book_id,
            "event_id": events[0].event_id, "other_event_id": events[1].event_id,
            "task_id": task["task_id"], "version": "1", "trash_id": trash_id,
            "review_id": review.review_id, "proposal_id": review.proposals[0]["proposal_id"], "key": "ghostly",
            "image_id": image.image_id, "image_file": SCENE_IMAGE, "finding_id": finding.finding_id,
            "user_id": target, "invitation_id": invitation.invitation_id, "owner_name": owner.username,
            "username": owner.username,
            "world_public": world_visibility == "public",
            "story_public": world_visibility == "public" and story_visibility == "public",
            "chapter_public": (world_visibility == "public",
                               world_visibility == "public" and story_visibility == "public"),
        }

    def snapshot(self, scene: dict) -> dict:
        store = self.services.store
        return {collection: store.get(collection, scene[key]) for collection, key in (
            ("worlds", "world_id"), ("stories", "story_id"), ("entities", "entity_id"),
            ("locations", "location_id"), ("events", "event_id"), ("tasks", "task_id"),
            ("reviews", "review_id"), ("field_templates", "template_id"), ("relations", "relation_id"),
            ("books", "book_id"))} | {
            "all_stories": store.count("stories"), "positions": store.count("reading_positions"),
            "all_books": store.count("books")} | {
            "ignored": store.count("ignored_names"), "templates": store.count("field_templates"),
            "relation_types": store.count("relation_types")} | {
            "target": scene["user_id"] and store.get("users", scene["user_id"])} | {
            "trash": scene["trash_id"] and store.get("trash", scene["trash_id"]),
            "revisions": store.count("revisions"), "trashed": store.count("trash"),
            "images": store.count("images"), "blobs": len(store.blob_keys()),
            "invitations": store.find("invitations")}


def fill(rule: str, values: dict) -> str:
    return PATH_ARG.sub(lambda m: values[m.group(1)], rule)


def payload(entry, scene: dict) -> dict:
    """The request's query string and body: JSON, or a fresh multipart file (a stream is read once)."""
    query = {"query_string": entry.query(scene) if entry.query else None}
    if entry.upload is not None:
        return {**query, "data": {"file": (io.BytesIO(entry.upload(scene)), "upload.png")},
                "content_type": "multipart/form-data"}
    return {**query, "json": entry.body(scene) if entry.body else None}


def nonexistent(scene: dict) -> dict:
    return {**scene, **{key: str(uuid.uuid4()) for key in (
        "world_id", "story_id", "entity_id", "location_id", "user_id", "event_id", "task_id", "trash_id",
        "review_id", "key", "entry_id", "template_id", "relation_id", "image_id", "invitation_id",
        "username", "book_id", "finding_id")}}


@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[1]} {r[0]}")
def test_route_access(app, client, route):
    rule, method = route
    entry = MATRIX[route]
    cast = Cast(app)
    needs_user = "<user_id>" in rule
    needs = {"needs_history": "/versions/" in rule, "needs_trash": "<trash_id>" in rule}
    mismatches = []
    for world_visibility, story_visibility in SCENARIOS:
        shared_scene = cast.scene(world_visibility, story_visibility, needs_user, **needs)
        for actor in ACTORS:
            if entry.fresh_actors:   # the last call may have deleted an actor's account
                cast = Cast(app)
            scene = shared_scene if method == "GET" and not entry.fresh_actors else cast.scene(
                world_visibility, story_visibility, needs_user, **needs)
            scene = {**scene, "credentials": cast.credentials(actor), "live_ticket": cast.live_ticket(actor, scene)}
            expected = entry.expected(actor, scene)
            before = cast.snapshot(scene)
            response = client.open(fill(rule, scene), method=method, **payload(entry, scene),
                                   headers=cast.headers(actor))
            where = f"{world_visibility}/{story_visibility} world/story, {actor}"
            if response.status_code != expected:
                mismatches.append(f"{where}: expected {expected}, got {response.status_code} "
                                  f"{response.get_data(as_text=True)[:200]}")
                continue
            if expected >= 400:
                assert response.is_json and {"error", "code", "details"} <= set(response.json), where
                if method != "GET":
                    assert cast.snapshot(scene) == before, f"{where}: a denied write changed data"
            if expected == 404:
                missing = client.open(fill(rule, nonexistent(scene)), method=method, **payload(entry, scene),
                                      headers=cast.headers(actor))
                assert (missing.status_code, missing.json) == (404, response.json), \
                    f"{where}: an invisible item answers unlike a missing one"
    assert not mismatches, f"{method} {rule}:\n" + "\n".join(mismatches)
