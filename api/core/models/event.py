from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model, id_factory


@dataclass
class Event(Model):
    """Something that happens in a story, placed on the world's timeline."""

    collection = "events"
    id_field = "event_id"
    indexed_fields = ("world_id", "story_id")

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
    event_id: str = id_factory()
    version: int = 1   # +1 on every update (an older document without it is version 1)
