"""In-world dates of stories and events, on their world's calendar (``core.calendar``).

A story or event stores ``date`` only when it was given one; its ``time_index``
(and a story's ``metadata.world_time``) is then derived from the date's year.
Data from before dates, and what old clients place by ``time_index`` alone, has
no date: its date is read as ``{year}`` of its ``time_index``, so that
``time_index -> date -> time_index`` changes nothing. An event without a date
or a ``year`` of its own happens at its story's time (its story's date) unless
a person moved it to another ``time_index``.

A world's calendar change may not leave a stored date outside the calendar
(``check_calendar_change``: 400 ``dates_out_of_calendar``), and when it maps
``time_index`` to other years, the indexes of dated documents follow their dates
(``follow_dates``)."""
from __future__ import annotations

from core.calendar import check_date, clean_date, format_date, index_for, normalise_calendar, sort_key, year_for
from core.calendar_changes import changes_days
from core.errors import InvalidInput
from core.models import Entity, Event, FieldTemplate, Location, Relation, Story, TimeCone, World
from services.entry_refs import kind_of
from services.revisions import Revisions
from storage import DocumentStore

EXAMPLES = 5   # offending dates named in a refused calendar change


def calendar_of(world: World) -> dict:
    return normalise_calendar(world.metadata.get("calendar"), world.world_type)


def _get(item, name: str):
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def checked_date(calendar: dict, date: dict, field: str = "date") -> dict:
    """``date`` without null parts, if it is a date of the calendar; else 400 ``invalid_date``."""
    date = clean_date(date)
    why = check_date(calendar, date)
    if why:
        raise InvalidInput(f"Not a date of this world's calendar: {why}", {field: why}, code="invalid_date")
    return date


# -- the dates answers show ---------------------------------------------------------

def story_date(story, calendar: dict) -> dict:
    """A story's date: the stored one, else ``{year}`` of its ``time_index``."""
    date = _get(story, "date")
    return clean_date(date) if date else {"year": year_for(_get(story, "time_index"), calendar)}


def event_date(event, calendar: dict, story=None) -> dict:
    """An event's date: the stored one, else ``{year}`` of the year its text gave, else its
    story's date while it sits at its story's ``time_index``, else ``{year}`` of its own."""
    date = _get(event, "date")
    if date:
        return clean_date(date)
    if _get(event, "year") is not None:
        return {"year": _get(event, "year")}
    if story is not None and _get(story, "time_index") == _get(event, "time_index"):
        return story_date(story, calendar)
    return {"year": year_for(_get(event, "time_index"), calendar)}


def present_event(event, calendar: dict, story=None) -> dict:
    """The API's Event: the stored fields, ``date`` and ``date_label``."""
    data = event.to_dict() if isinstance(event, Event) else Event.from_dict(event).to_dict()
    date = event_date(data, calendar, story)
    return {**data, "date": date, "date_label": format_date(date, calendar)}


def timeline_key(event: dict, story: dict, calendar: dict) -> tuple:
    """Orders a timeline: by the event's date, then its story's date and creation, then ``order``."""
    return (sort_key(event_date(event, calendar, story), calendar), sort_key(story_date(story, calendar), calendar),
            story["created_at"], story["story_id"], event["order"])


# -- applying changes -------------------------------------------------------------------

def story_changes(story: Story, changes: dict, calendar: dict) -> dict:
    """``changes`` to a story with what a date implies: a new date moves ``time_index`` to its
    year; a new ``time_index`` alone takes the stored date off (the same index keeps it)."""
    changes = dict(changes)
    if changes.get("date") is not None:
        date = checked_date(calendar, changes["date"])
        changes.update(date=date, time_index=index_for(date["year"], calendar))
    elif "date" not in changes and "time_index" in changes and story.date:
        if changes["time_index"] == story.time_index:
            del changes["time_index"]
        else:
            changes["date"] = None
    return changes


def event_changes(event: Event, changes: dict, calendar: dict) -> dict:
    """``changes`` to an event with what dates imply. A new date sets ``year`` and moves
    ``time_index`` to it; a new ``year`` moves ``time_index`` (unless that is given too) and
    takes off a date of another year; a new ``time_index`` alone drops the year and date
    (the person placed the event); the same ``time_index`` changes nothing."""
    changes = dict(changes)
    if changes.get("date") is not None:
        date = checked_date(calendar, changes["date"])
        changes.update(date=date, year=date["year"], time_index=index_for(date["year"], calendar))
        return changes
    year = changes.get("year")
    if year is not None:
        changes.setdefault("time_index", index_for(year, calendar))
        if event.date and event.date.get("year") != year:
            changes.setdefault("date", None)
    elif "time_index" in changes and "year" not in changes and "date" not in changes:
        if changes["time_index"] == event.time_index:
            del changes["time_index"]
        else:
            changes.update(year=None, date_text="", date=None)
    return changes


# -- calendar changes ------------------------------------------------------------------

def _dated(store: DocumentStore, world_id: str):
    """``(kind, id, title, date)`` of every stored date of the world's stories and events."""
    for doc in store.find(Story.collection, where={"world_id": world_id}, newest_first=False):
        if doc.get("date"):
            yield "story", doc["story_id"], doc["title"], doc["date"]
    for doc in store.find(Event.collection, where={"world_id": world_id}, newest_first=False):
        if doc.get("date"):
            yield "event", doc["event_id"], doc["title"], doc["date"]


def _codex_dated(store: DocumentStore, world_id: str):
    """``(kind, id, title, date)`` of the dates the codex holds: custom date fields of
    entries (by their kind's templates) and the start and end of relations."""
    date_keys: dict[str, set[str]] = {}
    for template in store.find(FieldTemplate.collection, where={"world_id": world_id}):
        if template.get("field_type") == "date":
            date_keys.setdefault(template["kind"], set()).add(template["key"])
    for model in (Entity, Location) if date_keys else ():
        for doc in store.find(model.collection, where={"world_id": world_id}, newest_first=False):
            values = doc.get("fields") or {}
            for key in sorted(date_keys.get(kind_of(model.collection, doc), ())):
                if isinstance(values.get(key), dict):
                    yield "entry", doc[model.id_field], f"{doc['name']}: {key}", values[key]
    for doc in store.find(Relation.collection, where={"world_id": world_id}, newest_first=False):
        for end in ("start_date", "end_date"):
            if doc.get(end):
                yield "relation", doc["relation_id"], doc.get("type", ""), doc[end]


# Where a world keeps dates a calendar change must not break: functions (store, world_id) ->
# iterable of (kind, id, title, date).
DATE_SOURCES = [_dated, _codex_dated]


def check_calendar_change(store: DocumentStore, world_id: str, before: dict, after: dict) -> None:
    """Refuse (400 ``dates_out_of_calendar``) a calendar under which a stored date would no
    longer exist (a month gone, a day past its month's new end), naming a few."""
    if not changes_days(before, after):
        return
    offenders = [{"kind": kind, "id": doc_id, "title": title, "date": date, "problem": why}
                 for source in DATE_SOURCES for kind, doc_id, title, date in source(store, world_id)
                 if date.get("month") is not None and (why := check_date(after, clean_date(date)))]
    if offenders:
        raise InvalidInput(
            f"{len(offenders)} stored date(s) would not exist in the new calendar; change them first",
            {"metadata.calendar": f"{len(offenders)} stored date(s) outside the new calendar",
             "count": len(offenders), "dates": offenders[:EXAMPLES]},
            code="dates_out_of_calendar")


def follow_dates(store: DocumentStore, revisions: Revisions, actor_id: str, world_id: str, calendar: dict) -> int:
    """Move the ``time_index`` of the world's dated stories (with their time cones and the
    events at their time) and dated events to their dates' years on ``calendar`` (each
    move kept in the document's history); how many documents moved."""
    moved = 0
    for doc in store.find(Story.collection, where={"world_id": world_id}, newest_first=False):
        index = index_for(doc["date"]["year"], calendar) if doc.get("date") else doc["time_index"]
        if index != doc["time_index"]:
            story = Story.from_dict(doc)
            story.time_index = index
            story.touch()
            revisions.record(actor_id, story, doc)
            store.put(Story.collection, story.story_id, story.to_dict())
            move_story_time(store, revisions, actor_id, story.story_id, doc["time_index"], index)
            moved += 1
    for doc in store.find(Event.collection, where={"world_id": world_id}, newest_first=False):
        year = doc["date"]["year"] if doc.get("date") else doc.get("year")
        if year is not None and index_for(year, calendar) != doc["time_index"]:
            _move_event(store, revisions, actor_id, doc, index_for(year, calendar))
            moved += 1
    return moved


def move_story_time(store: DocumentStore, revisions: Revisions, actor_id: str | None, story_id: str,
                    old_index: int, new_index: int) -> None:
    """A story moved from ``old_index`` to ``new_index``: its time cones, and its events with no
    date or year of their own that were at its time (they happen at its time), move too."""
    for cone in store.find(TimeCone.collection, where={"story_id": story_id}):
        store.put(TimeCone.collection, cone["time_cone_id"], {**cone, "time_index": new_index})
    for doc in store.find(Event.collection, where={"story_id": story_id}):
        if not doc.get("date") and doc.get("year") is None and doc["time_index"] == old_index:
            _move_event(store, revisions, actor_id, doc, new_index)


def _move_event(store: DocumentStore, revisions: Revisions, actor_id: str | None, doc: dict, index: int) -> None:
    event = Event.from_dict(doc)
    event.time_index = index
    event.touch()
    revisions.record(actor_id, event, doc)
    store.put(Event.collection, event.event_id, event.to_dict())
