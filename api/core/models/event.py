from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model, id_factory


@dataclass
class Event(Model):
    """Something that happens in a story, placed on the world's timeline.

    ``origin`` says who made it (``core.vocabulary.ORIGINS``: "machine" for an
    extraction, "person"); ``edited`` is set once a person changes it. Both
    decide what a re-extraction may replace: only untouched machine events.
    ``year`` is the in-world year the text gives (None: the story's time) and
    ``date_text`` the words that gave it. Each connection is
    ``{to_event_id, relation_type, relation_label, origin}`` (no ``origin``:
    drawn by a person, as every connection was before machines drew any).
    """

    collection = "events"
    id_field = "event_id"
    indexed_fields = ("world_id", "story_id", "entities", "locations")
    list_fields = ("entities", "locations")   # "which events involve this entry", by containment
    search_fields = ("title", "description")
    search_titles = ("title",)

    world_id: str
    story_id: str
    title: str
    description: str = ""
    time_index: int = 50
    order: int = 0
    entities: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    connections: list[dict] = field(default_factory=list)
    source_hash: str = ""
    origin: str = "machine"
    edited: bool = False
    year: int | None = None
    date_text: str = ""
    date: dict | None = None   # in-world date {year, month?, day?} on the world's calendar
    event_id: str = id_factory()
    version: int = 1   # +1 on every update (an older document without it is version 1)

    def __post_init__(self):
        # Connections stored before they had an origin were all drawn by a person.
        self.connections = [{**c, "origin": c.get("origin") or "person"} for c in self.connections]
