"""Events: extraction from stories (cached by content hash), the world's
timeline, and edits, deletes and connections by the world's owner.

A re-extraction keeps manual work: events a person made or edited, and events
with a connection a person drew (from or to them), survive it with the
connections among them; only untouched machine events are replaced."""
from __future__ import annotations

import hashlib

from core import permissions
from core.calendar import era_display, format_year, index_for
from core.clock import utc_now
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.models import Event, Story, User, World
from core.language import LANGUAGES, detect_language
from core.names import match_key
from services import access, dating
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


def is_manual(event: dict) -> bool:
    """Whether a person made or changed the event (old documents: machine-made, unedited)."""
    return event.get("origin", "machine") == "person" or bool(event.get("edited"))


def _calendar(world: World) -> dict:
    return dating.calendar_of(world)


def _matches(event: dict, filters: dict) -> bool:
    return ((not filters.get("entity_id") or filters["entity_id"] in event.get("entities", []))
            and (not filters.get("location_id") or filters["location_id"] in event.get("locations", [])))


def _language(world: World, text: str) -> str:
    """The world's language if it has one, else the one its story is written in."""
    language = getattr(world, "language", "") or ""
    return language if language in LANGUAGES else detect_language(text)


def _by_person(connection: dict) -> bool:
    return connection.get("origin", "person") == "person"   # older connections were all drawn by hand


def _drawn(events: list[dict]) -> set[str]:
    """Ids of the events at either end of a connection a person drew."""
    return {end for event in events for c in event.get("connections", []) if _by_person(c)
            for end in (event["event_id"], c["to_event_id"])}


class EventService:
    def __init__(self, store: DocumentStore, provider, revisions: Revisions | None = None):
        self.store = store
        self.provider = provider
        self.revisions = revisions or Revisions(store)
        self.cast = CastService(store, self.revisions)

    # -- extraction (runs inside AI jobs) ------------------------------------------

    def extract_story(self, story_id: str, force: bool, usage, budget=None, allowed=None, progress=None,
                      model: str | None = None) -> dict:
        """The story's events; re-extracted only if its text changed (or ``force``).
        The model runs outside any unit of work; the events are written only if,
        under the write lock, the story still exists with the same text and
        ``allowed()`` (the caller's access check) does not raise. ``progress(done,
        total, message)`` and ``model`` (the job's) are passed on to the provider."""
        doc = self.store.get(Story.collection, story_id)
        world = access.load_world(self.store, doc["world_id"]) if doc else None
        if doc is None or world is None:
            raise NotFound("The story no longer exists")
        story = Story.from_dict(doc)
        digest = content_hash(story)
        cached = self.store.get(CACHE, story_id)
        calendar = _calendar(world)
        if cached and cached["content_hash"] == digest and not force:
            return self._summary(story, calendar, cached=True)
        people = self._index(self.cast.list(ENTITY, world))
        places = self._index(self.cast.list(LOCATION, world))
        text = story.content or story.description
        answer = self.provider.extract_events(
            story.title, text, self._names(self.cast.list(ENTITY, world)), self._names(self.cast.list(LOCATION, world)),
            usage, budget=budget, language=_language(world, text),
            base_year=dating.story_date(story, calendar)["year"], progress=progress, model=model)
        found = [self._event(story, n, item, people, places, digest, calendar)
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
            kept, replaced = self._split_old(world.world_id, story_id)
            for event_id in replaced:
                self.store.delete(Event.collection, event_id)
            drop_connections(self.store, world.world_id, replaced)
            self.revisions.forget(replaced)
            # the same happening again: a kept event's title, or the sentence a renamed one came from
            taken = {match_key(e["title"]) for e in kept} | {match_key(e["description"]) for e in kept}
            added = [e for e in found if not {match_key(e.title), match_key(e.description)} & taken]
            for event in added:
                self.store.put(Event.collection, event.event_id, event.to_dict())
            self.store.put(CACHE, story_id, {
                "story_id": story_id, "world_id": world.world_id, "content_hash": digest,
                "event_ids": [e["event_id"] for e in kept] + [e.event_id for e in added],
                "provider": self.provider.name, "created_at": utc_now()})
        return self._summary(story, calendar, cached=False, kept=len(kept), replaced=len(replaced), added=len(added))

    def _split_old(self, world_id: str, story_id: str) -> tuple[list[dict], list[str]]:
        """The story's events a re-extraction keeps (manual work), and the ids of those it replaces."""
        events = self.store.find(Event.collection, where={"world_id": world_id})
        drawn = _drawn(events)
        mine = [e for e in events if e["story_id"] == story_id]
        kept = [e for e in mine if is_manual(e) or e["event_id"] in drawn]
        return kept, [e["event_id"] for e in mine if not (is_manual(e) or e["event_id"] in drawn)]

    def world_reextraction_plan(self, world: World) -> dict:
        """What re-extracting every story of the world would do, before it runs."""
        events = self.store.find(Event.collection, where={"world_id": world.world_id})
        drawn = _drawn(events)
        kept = sum(1 for e in events if is_manual(e) or e["event_id"] in drawn)
        connections = sum(1 for e in events for c in e.get("connections", []) if _by_person(c))
        return {"world_id": world.world_id, "kept": kept, "replaced": len(events) - kept,
                "connections": connections}

    def reextraction_plan(self, story: Story) -> dict:
        """What a forced re-extraction of the story would do, before it runs."""
        kept, replaced = self._split_old(story.world_id, story.story_id)
        cached = self.store.get(CACHE, story.story_id)
        return {"story_id": story.story_id, "title": story.title, "kept": len(kept), "replaced": len(replaced),
                "up_to_date": bool(cached and cached["content_hash"] == content_hash(story))}

    @staticmethod
    def _names(items) -> list[str]:
        return list(dict.fromkeys(name for item in items for name in [item.name, *item.aliases]))

    @staticmethod
    def _index(items) -> dict:
        """``match_key`` of each name, then of each alias -> id (a name wins over another's alias)."""
        index = {}
        for item in items:
            index.setdefault(match_key(item.name), item.id)
        for item in items:
            for alias in item.aliases:
                index.setdefault(match_key(alias), item.id)
        return index

    @staticmethod
    def _ids(index: dict, names: list[str]) -> list[str]:
        """Ids of the known items named (names the world does not know are left out)."""
        return list(dict.fromkeys(index[match_key(n)] for n in names if match_key(n) in index))

    def _event(self, story, order, item, people, places, digest, calendar) -> Event:
        year = item.get("year")
        return Event(world_id=story.world_id, story_id=story.story_id, title=item["title"],
                     description=item["description"], order=order,
                     time_index=story.time_index if year is None else index_for(year, calendar),
                     entities=self._ids(people, item["characters"]),
                     locations=self._ids(places, item["locations"]), source_hash=digest,
                     origin="machine", year=year, date_text=item.get("date_text") or "")

    def _summary(self, story: Story, calendar: dict, cached: bool, kept: int = 0, replaced: int = 0,
                 added: int = 0) -> dict:
        events = [dating.present_event(e, calendar, story) for e in sorted(
            self.store.find(Event.collection, where={"story_id": story.story_id}), key=lambda e: e["order"])]
        return {"story_id": story.story_id, "title": story.title, "cached": cached,
                "event_count": len(events), "kept": kept, "replaced": replaced, "added": added, "events": events}

    def drop_cache(self, story: Story) -> bool:
        """Forget the cached extraction; the next one reads the story again."""
        return self.store.delete(CACHE, story.story_id)

    # -- timeline ----------------------------------------------------------------

    def timeline(self, world: World, user: User | None, filters: dict | None = None) -> dict:
        """Events of the stories the caller may see, in date order (``dating.timeline_key``),
        grouped by year of the world's calendar. ``filters``: ``entity_id`` (a character in
        it), ``location_id`` (a place in it), ``story_id`` (its story)."""
        filters = filters or {}
        visible = set(access.visible_story_ids(self.store, user, world))
        if filters.get("story_id"):
            visible &= {filters["story_id"]}
        stories = {sid: self.store.get(Story.collection, sid) for sid in visible}
        where = {"story_id": filters["story_id"]} if filters.get("story_id") else {"world_id": world.world_id}
        events = [e for e in self.store.find(Event.collection, where=where, newest_first=False)
                  if e["story_id"] in visible and _matches(e, filters)]
        calendar = _calendar(world)
        events.sort(key=lambda e: dating.timeline_key(e, stories[e["story_id"]], calendar))
        people = {c.id: c.name for c in self.cast.list(ENTITY, world)}
        places = {p.id: p.name for p in self.cast.list(LOCATION, world)}
        years: dict[int, dict] = {}
        for event in events:
            story = stories[event["story_id"]]
            shown = dating.present_event(event, calendar, story)
            year = shown["date"]["year"]
            if year not in years:
                years[year] = {"year": year, "era": era_display(year, calendar)[0],
                               "label": format_year(year, calendar), "events": []}
            years[year]["events"].append({
                **shown, "story_title": story["title"],
                "character_details": [{"entity_id": i, "name": people[i]} for i in event["entities"] if i in people],
                "location_details": [{"location_id": i, "name": places[i]} for i in event["locations"] if i in places],
            })
        shown_ids = {e["event_id"] for e in events}
        connections = [{"from_event_id": e["event_id"], "to_event_id": c["to_event_id"],
                        "relation_type": c["relation_type"], "relation_label": c["relation_label"],
                        "origin": c.get("origin", "person")}
                       for e in events for c in e.get("connections", []) if c["to_event_id"] in shown_ids]
        return {"world_id": world.world_id, "world_name": world.name,
                "timeline": {"years": [years[y] for y in sorted(years)], "connections": connections}}

    def present(self, event: Event, world: World, story: Story | None = None) -> dict:
        """The API's Event (``dating.present_event``): with its ``date`` on the world's calendar."""
        if story is None:
            story = self.store.get(Story.collection, event.story_id)
        return dating.present_event(event, _calendar(world), story)

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
        """The event if the caller may change it: 404 if they cannot see it, 403 if they may not write the world."""
        event, world = self.visible_event(user, event_id)
        if not permissions.can_write_world(user, world):
            raise Forbidden("Only the world's owner and co-authors can change its events")
        return event, world

    def update(self, event: Event, world: World, changes: dict, user: User | None = None,
               restored_version: int | None = None) -> Event:
        """Apply the changes and mark the event ``edited`` (a re-extraction keeps it); the event as
        it was is kept in its history (``Revisions``). A date sets the year and ``time_index``;
        a new ``time_index`` alone drops the year the text gave and the date (the person placed
        it); a new year moves ``time_index`` with it (``dating.event_changes``)."""
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
            changes = dating.event_changes(event, changes, _calendar(world))
            for key, value in changes.items():
                setattr(event, key, value)
            event.edited = True
            event.touch()
            self.revisions.record(user.user_id if user else None, event, before, restored_version)
            self.store.put(Event.collection, event.event_id, event.to_dict())
        return event

    def delete(self, event: Event) -> None:
        """Delete the event for good (events are not trashed), with its history."""
        with self.store.unit_of_work():
            self.store.delete(Event.collection, event.event_id)
            self.revisions.activity.record_doc(None, "deleted", Event.collection, event.to_dict())
            drop_connections(self.store, event.world_id, [event.event_id])
            self.revisions.forget([event.event_id])

    def connect(self, event: Event, target_id: str, relation_type: str, relation_label: str,
                origin: str = "person") -> Event:
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
                                      "relation_label": relation_label, "origin": origin})
            event.touch()
            self.store.put(Event.collection, event.event_id, event.to_dict())
        return event
