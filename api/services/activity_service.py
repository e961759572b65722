"""A world's activity feed: who created, edited, deleted or restored what.

Each change is recorded by ``record`` in the unit of work that makes it (so the
feed never shows a change that rolled back, nor misses one that landed) and,
once the unit is durable, published on the live bus (``services/live``) for
the world's open streams. The hooks are where the changes are made:
``Revisions.record`` (every tracked update), ``TrashService`` (deletes and
restores) and the services' creates; other services (members, books) call
``record`` themselves.

``seq`` numbers a world's activity 1, 2, 3... without gaps, in commit order
(units of work are serialised by the store's write lock), so the newest
``KEEP`` items of a world are its documents at positions ``latest - seq`` of the
newest-first order: a page before or after any seq is one query with an
offset, never a scan. Older items are dropped as new ones come (bounded).
"""
from __future__ import annotations

import logging
from typing import Callable

from core import permissions
from core.errors import NotFound
from core.models import Activity, Entity, Event, Image, Location, Relation, Story, User, World
from core.vocabulary import ACTIVITY_ACTIONS, ACTIVITY_KINDS
from services.member_service import member_card
from storage import DocumentStore

log = logging.getLogger(__name__)

KEEP = 2000                 # newest activity items kept per world
MAX_LIMIT = 100
RECENT_WORLDS = 200         # the dashboard reads the activity of at most this many worlds
KINDS = {World.collection: "world", Story.collection: "story", Entity.collection: "entry",
         Location.collection: "entry", Event.collection: "event", Relation.collection: "relation",
         Image.collection: "image", "books": "book"}
TITLE_FIELDS = ("title", "name", "filename")
TRASH_KINDS = {"world": "world", "story": "story", "character": "entry", "location": "entry",
               "relation": "relation", "image": "image", "book": "book"}


def _title(store: DocumentStore, collection: str, doc: dict) -> str:
    if collection == Relation.collection:   # "Mira Vale – ally – Tomas Reed"
        names = []
        for end in (doc.get("source_id"), doc.get("target_id")):
            other = store.get(Entity.collection, end) or store.get(Location.collection, end) or {}
            names.append(other.get("name") or "?")
        return f"{names[0]} – {doc.get('type', '')} – {names[1]}"
    return next((str(doc[f]) for f in TITLE_FIELDS if doc.get(f)), "")


def member_world(store: DocumentStore, user: User | None, world_id: str) -> World:
    """The world, if the caller is its owner, a member or an admin; else 404 (a public
    world's readers do not see who works on it)."""
    doc = store.get(World.collection, world_id)
    world = World.from_dict(doc) if doc else None
    if world is None or not (permissions.is_admin(user) or permissions.world_role(user, world) is not None):
        raise NotFound("World not found")
    return world


def link_of(doc: dict) -> str | None:
    """Where the app shows the thing (None when it was deleted: nothing to open)."""
    world, target, kind = doc["world_id"], doc["target_id"], doc["kind"]
    if doc["action"] == "deleted":
        return None
    return {"story": f"/stories/{target}", "entry": f"/worlds/{world}/entries/{target}",
            "book": f"/books/{target}"}.get(kind, f"/worlds/{world}")


class ActivityService:
    def __init__(self, store: DocumentStore, bus=None, keep: int = KEEP):
        self.store = store
        self.bus = bus          # services.live.LiveBus, or None: record without publishing
        self.keep = max(1, int(keep))

    # -- recording (inside the change's unit of work) -----------------------------------

    def record(self, actor_id: str | None, action: str, kind: str, world_id: str, target_id: str,
               title: str = "") -> Activity | None:
        """Record a change in the open unit of work and publish it once the unit commits.
        ``actor_id`` None: the unit's actor (the request's user, see ``act_as``). The
        same target is recorded once per unit (a create that also links mentions is
        one "created"). None when nothing was recorded."""
        notes = self.store.unit_notes()
        if notes is None:                          # a lone change: its own unit
            with self.store.unit_of_work():
                return self.record(actor_id, action, kind, world_id, target_id, title)
        if action not in ACTIVITY_ACTIONS or kind not in ACTIVITY_KINDS:
            raise ValueError(f"unknown activity {action!r} {kind!r}")
        seen = notes.setdefault("activity_targets", set())
        if (world_id, target_id) in seen:
            return None
        seen.add((world_id, target_id))
        if actor_id is None:
            actor = notes.get("actor")
            actor_id = (actor() if callable(actor) else actor) or ""
        latest = notes.setdefault("activity_seq", {})
        seq = latest.get(world_id)
        seq = (self.latest_seq(world_id) if seq is None else seq) + 1
        latest[world_id] = seq
        item = Activity(world_id=world_id, seq=seq, actor_id=actor_id, action=action, kind=kind,
                        target_id=target_id, title=title[:200])
        self.store.put(Activity.collection, item.activity_id, item.to_dict())
        if seq > self.keep:
            for old in self.store.find_ids(Activity.collection, where={"world_id": world_id, "seq": seq - self.keep}):
                self.store.delete(Activity.collection, old)
        if self.bus is not None:
            doc = item.to_dict()
            self.store.after_commit(lambda: self._publish(doc))
        return item

    def _publish(self, doc: dict) -> None:
        """After the commit: the item, presented once, to the world's streams (a failure
        here is logged, never the request's: streams catch up from the store)."""
        try:
            self.bus.publish_change(self.present([doc])[0])
        except Exception:  # noqa: BLE001
            log.warning("activity: publishing %s failed", doc["activity_id"], exc_info=True)

    def record_doc(self, actor_id: str | None, action: str, collection: str, doc: dict) -> Activity | None:
        """``record`` for a stored document (its kind, world and title); nothing for the
        collections the feed does not show (relation types, field templates...)."""
        kind = KINDS.get(collection)
        if kind is None:
            return None
        target_id = doc.get(self.store.id_field(collection))
        world_id = doc.get("world_id")
        if not target_id or not world_id:
            return None
        return self.record(actor_id, action, kind, world_id, target_id, _title(self.store, collection, doc))

    def record_trash(self, actor_id: str | None, action: str, trash: dict) -> Activity | None:
        """A delete to the trash or a restore from it (``TrashItem`` document)."""
        kind = TRASH_KINDS.get(trash["kind"])
        if kind is None:
            return None
        return self.record(actor_id, action, kind, trash["world_id"], trash["item_id"], trash["title"])

    def access_changed(self, world_id: str) -> None:
        """Who may see the world changed (a member left or was removed, the world's
        visibility changed): once the unit commits, its open streams check their caller
        again at once (a stream otherwise re-checks every few seconds)."""
        if self.bus is not None:
            self.store.after_commit(lambda: self.bus.publish(world_id, "access", {}))

    @staticmethod
    def act_as(store: DocumentStore, actor: Callable[[], str | None] | str) -> None:
        """Name who acts in the open unit (a user id, or a function giving it lazily)."""
        notes = store.unit_notes()
        if notes is not None:
            notes["actor"] = actor

    def forget_world(self, world_id: str) -> None:
        """Delete a world's activity (the world was deleted for good)."""
        for activity_id in self.store.find_ids(Activity.collection, where={"world_id": world_id}):
            self.store.delete(Activity.collection, activity_id)

    # -- reading ---------------------------------------------------------------------------

    def latest_seq(self, world_id: str) -> int:
        newest = self.store.find(Activity.collection, where={"world_id": world_id}, limit=1)
        return int(newest[0]["seq"]) if newest else 0

    def page(self, world_id: str, limit: int, before: int | None = None,
             after: int | None = None) -> tuple[list[dict], int | None, int]:
        """(items, next_before, latest_seq). Newest first, those below ``before`` if
        given; with ``after``: the oldest ``limit`` items above it, oldest first (a
        stream's replay, the polling fallback)."""
        limit = max(1, min(int(limit), MAX_LIMIT))
        latest = self.latest_seq(world_id)
        where = {"world_id": world_id}
        if after is not None:
            if after >= latest:
                return [], None, latest
            kept = self.store.count(Activity.collection, where=where)   # the oldest ones were dropped
            after = max(after, latest - kept)
            offset = max(0, latest - after - limit)
            docs = self.store.find(Activity.collection, where=where, offset=offset, limit=limit)
            return sorted((d for d in docs if d["seq"] > after), key=lambda d: d["seq"]), None, latest
        top = latest if before is None else min(latest, before - 1)
        if top < 1:
            return [], None, latest
        docs = [d for d in self.store.find(Activity.collection, where=where, offset=latest - top, limit=limit + 1)
                if d["seq"] <= top]
        more = len(docs) > limit
        docs = docs[:limit]
        return docs, (docs[-1]["seq"] if more and docs else None), latest

    def recent(self, user: User, limit: int) -> list[dict]:
        """The newest activity across the worlds the user owns or is a member of."""
        limit = max(1, min(int(limit), MAX_LIMIT))
        mine = [{"owner_id": user.user_id}, {"co_authors": user.user_id}, {"shared_with": user.user_id}]
        world_ids = [w["world_id"] for w in self.store.find(World.collection, any_of=mine, limit=RECENT_WORLDS)]
        if not world_ids:
            return []
        return self.store.find(Activity.collection, any_of=[{"world_id": w} for w in world_ids], limit=limit)

    def present(self, docs: list[dict]) -> list[dict]:
        """Items as the API shows them: actor cards, world names and app links."""
        users = self.store.get_many(User.collection, {d["actor_id"] for d in docs if d["actor_id"]})
        worlds = self.store.get_many(World.collection, {d["world_id"] for d in docs})
        cards = {uid: member_card(User.from_dict(doc)) for uid, doc in users.items()}
        return [{"activity_id": d["activity_id"], "world_id": d["world_id"],
                 "world_name": (worlds.get(d["world_id"]) or {}).get("name", ""), "seq": d["seq"],
                 "action": d["action"], "kind": d["kind"], "target_id": d["target_id"], "title": d["title"],
                 "link": link_of(d), "actor": cards.get(d["actor_id"]), "created_at": d["created_at"]}
                for d in docs]
