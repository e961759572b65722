"""Events: extraction from stories (cached by content hash), the world's
timeline, and edits, deletes and connections by the world's owner."""
from __future__ import annotations

import hashlib

from core import permissions
from core.calendar import normalise_calendar, world_time
from core.clock import utc_now
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.models import Event, Story, User, World
from core.names import name_key
from services import access
from services.cast_service import ENTITY, LOCATION, CastService
from services.revisions import Revisions
from storage import DocumentStore

CACHE = "event_cache"


def content_hash(story: Story) -> str:
    text = f"{story.title}\0{story.content or story.description}"
    return hashlib.sha256(text.encode()).hexdigest()


def drop_connections(store: DocumentStore, world_id: str, event_ids) -> None:
    """Remove connections from the world's events to any of ``event_ids``."""
    gone = set(event_ids)
    if not gone:
        return
    for doc in store.find(Event.collection, where={"world_id": world_id}):
        kept = [c for c in doc.get("connections", []) if c.get("to_event_id") not in gone]
        if len(kept) != len(doc.get("connections", [])):
            doc["connections"] = kept
            store.put(Event.collection, doc["event_id"], doc)


class EventService:
    def __init__(self, store: DocumentStore, provider, revisions: Revisions | None = None):
        self.store = store
        self.provider = provider
        self.revisions = revisions or Revisions(store)
        self.cast = CastService(store, self.revisions)

    # -- extraction (runs inside AI jobs) ------------------------------------------

    def extract_story(self, story_id: str, force: bool, usage, budget=None, allowed=None) -> dict:
        """The story's events; re-extracted only if its text changed (or ``force``).
        The model runs outside any unit of work; the events are written only if,
        under the write lock, the story still exists with the same text and
        ``allowed()`` (the caller's access check) does not raise."""
        doc = self.store.get(Story.collection, story_id)
        world = access.load_world(self.store, doc["world_id"]) if doc else None
        if doc is None or world is None:
            raise NotFound("The story no longer exists")
        story = Story.from_dict(doc)
        digest = content_hash(story)
        cached = self.store.get(CACHE, story_id)
        if cached and cached["content_hash"] == digest and not force:
            return self._summary(story, cached=True)
        people = self.cast.by_name(ENTITY, world)
        places = self.cast.by_name(LOCATION, world)
        answer = self.provider.extract_events(
            story.title, story.content or story.description, self._names(people), self._names(places), usage,
            budget=budget)
        events = [self._event(world, story, n, item, people, places, digest)
                  for n, item in enumerate(answer["events"])]
        with self.store.unit_of_work():
            current = self.store.get(Story.collection, story_id)
            if current is None:
                raise NotFound("The story no longer exists")
            if content_hash(Story.from_dict(current)) != digest:
                raise Conflict("The story changed while its events were extracted; run it again",
                               code="story_changed")
            if allowed is not None:
                allowed()
            old = self.store.find_ids(Event.collection, where={"story_id": story_id})
            for event_id in old:
                self.store.delete(Event.collection, event_id)
            drop_connections(self.store, world.world_id, old)
            self.revisions.forget(old)
            for event in events:
                self.store.put(Event.collection, event.event_id, event.to_dict())
            self.store.put(CACHE, story_id, {
                "story_id": story_id, "world_id": world.world_id, "content_hash": digest,
                "event_ids": [e.event_id for e in events], "provider": self.provider.name,
                "created_at": utc_now()})
        return self._summary(story, cached=False)

    @staticmethod
    def _names(index: dict) -> list[str]:
        return list(dict.fromkeys(name for item in index.values() for name in [item.name, *item.aliases]))

    @staticmethod
    def _ids(index: dict, names: list[str]) -> list[str]:
        """Ids of the known items named (names the world does not know are left out)."""
        return list(dict.fromkeys(index[name_key(n)].id for n in names if name_key(n) in index))

    def _event(self, world, story, order, item, people, places, digest) -> Event:
        return Event(world_id=world.world_id, story_id=story.story_id, title=item["title"],
                     description=item["description"], time_index=story.time_index, order=order,
                     entities=self._ids(people, item["characters"]),
                     locations=self._ids(places, item["locations"]), source_hash=digest)

    def _summary(self, story: Story, cached: bool) -> dict:
        events = sorted(self.store.find(Event.collection, where={"story_id": story.story_id}),
                        key=lambda e: e["order"])
        return {"story_id": story.story_id, "title": story.title, "cached": cached,
                "event_count": len(events), "events": events}

    def drop_cache(self, story: Story) -> bool:
        """Forget the cached extraction; the next one reads the story again."""
        return self.store.delete(CACHE, story.story_id)

    # -- timeline ----------------------------------------------------------------

    def timeline(self, world: World, user: User | None) -> dict:
        """Events of the stories the caller may see, grouped by year of the world's calendar."""
        visible = set(access.visible_story_ids(self.store, user, world))
        stories = {sid: self.store.get(Story.collection, sid) for sid in visible}
        events = [e for e in self.store.find(Event.collection, where={"world_id": world.world_id},
                                             newest_first=False) if e["story_id"] in visible]
        events.sort(key=lambda e: (e["time_index"], stories[e["story_id"]]["time_index"],
                                   stories[e["story_id"]]["created_at"], e["order"]))
        people = {c.id: c.name for c in self.cast.list(ENTITY, world)}
        places = {p.id: p.name for p in self.cast.list(LOCATION, world)}
        calendar = normalise_calendar(world.metadata.get("calendar"), world.world_type)
        years: dict[int, dict] = {}
        for event in events:
            when = world_time(event["time_index"], calendar)
            year = years.setdefault(when["year"], {"year": when["year"], "era": when["era"], "events": []})
            year["events"].append({
                **event, "story_title": stories[event["story_id"]]["title"],
                "character_details": [{"entity_id": i, "name": people[i]} for i in event["entities"] if i in people],
                "location_details": [{"location_id": i, "name": places[i]} for i in event["locations"] if i in places],
            })
        shown = {e["event_id"] for e in events}
        connections = [{"from_event_id": e["event_id"], "to_event_id": c["to_event_id"],
                        "relation_type": c["relation_type"], "relation_label": c["relation_label"]}
                       for e in events for c in e.get("connections", []) if c["to_event_id"] in shown]
        return {"world_id": world.world_id, "world_name": world.name,
                "timeline": {"years": [years[y] for y in sorted(years)], "connections": connections}}

    # -- edits by the world's owner ------------------------------------------------

    def visible_event(self, user: User | None, event_id: str) -> tuple[Event, World]:
        """The event if the caller may see its story; else 404, as for a missing event."""
        doc = self.store.get(Event.collection, event_id)
        if doc is None:
            raise NotFound("Event not found")
        try:
            _, world = access.visible_story(self.store, user, doc["story_id"])
        except NotFound:
            raise NotFound("Event not found") from None
        return Event.from_dict(doc), world

    def editable_event(self, user: User, event_id: str) -> tuple[Event, World]:
        """The event if the caller may change it: 404 if they cannot see it, 403 if not the owner."""
        event, world = self.visible_event(user, event_id)
        if not permissions.can_edit_world(user, world):
            raise Forbidden("Only the world's owner can change its events")
        return event, world

    def update(self, event: Event, world: World, changes: dict, user: User | None = None,
               restored_version: int | None = None) -> Event:
        """Apply the changes; the event as it was is kept in its history (``Revisions``)."""
        with self.store.unit_of_work():
            before = event.to_dict()
            for field, kind in (("entities", ENTITY), ("locations", LOCATION)):
                if field in changes:
                    changes[field] = list(dict.fromkeys(changes[field]))
                    known = {i.id for i in self.cast.list(kind, world)}
                    unknown = [i for i in changes[field] if i not in known]
                    if unknown:
                        raise InvalidInput(f"Unknown {field} for this world",
                                           {field: f"not in this world: {', '.join(unknown)}"})
            for key, value in changes.items():
                setattr(event, key, value)
            event.touch()
            self.revisions.record(user.user_id if user else None, event, before, restored_version)
            self.store.put(Event.collection, event.event_id, event.to_dict())
        return event

    def delete(self, event: Event) -> None:
        """Delete the event for good (events are not trashed), with its history."""
        with self.store.unit_of_work():
            self.store.delete(Event.collection, event.event_id)
            drop_connections(self.store, event.world_id, [event.event_id])
            self.revisions.forget([event.event_id])

    def connect(self, event: Event, target_id: str, relation_type: str, relation_label: str) -> Event:
        """Connect ``event`` to another event of the same world (replacing one of the same type)."""
        with self.store.unit_of_work():
            target = self.store.get(Event.collection, target_id)
            if target is None or target["world_id"] != event.world_id:
                raise InvalidInput("Unknown target event", {"target_event_id": "no such event in this world"})
            if target_id == event.event_id:
                raise InvalidInput("An event cannot be connected to itself",
                                   {"target_event_id": "must differ from the event"})
            event.connections = [c for c in event.connections if not (
                c["to_event_id"] == target_id and c["relation_type"] == relation_type)]
            event.connections.append({"to_event_id": target_id, "relation_type": relation_type,
                                      "relation_label": relation_label})
            event.touch()
            self.store.put(Event.collection, event.event_id, event.to_dict())
        return event
