from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model, id_factory


@dataclass
class Location(Model):
    """A place in a world."""

    collection = "locations"
    id_field = "location_id"
    indexed_fields = ("world_id", "parent_id")
    search_fields = ("name", "aliases", "description", "tags", "fields")
    search_titles = ("name", "aliases")

    world_id: str
    name: str
    description: str = ""
    location_type: str = "place"
    aliases: list[str] = field(default_factory=list)
    coordinates: dict = field(default_factory=dict)
    parent_id: str = ""   # the location this one lies in ("" at the top)
    tags: list[str] = field(default_factory=list)
    fields: dict = field(default_factory=dict)   # custom field key -> value (the world's templates)
    image_id: str = ""
    location_id: str = id_factory()
    version: int = 1   # +1 on every update (an older document without it is version 1)
