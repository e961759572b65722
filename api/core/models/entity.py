from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model, id_factory


@dataclass
class Entity(Model):
    """A character (or other named being) of a world."""

    collection = "entities"
    id_field = "entity_id"
    indexed_fields = ("world_id",)
    search_fields = ("name", "aliases", "description", "tags", "fields")
    search_titles = ("name", "aliases")

    world_id: str
    name: str
    entity_type: str = "character"
    description: str = ""
    role: str = ""
    aliases: list[str] = field(default_factory=list)
    attributes: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    fields: dict = field(default_factory=dict)   # custom field key -> value (the world's templates)
    image_id: str = ""
    entity_id: str = id_factory()
    version: int = 1   # +1 on every update (an older document without it is version 1)
