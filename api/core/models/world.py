from __future__ import annotations

from dataclasses import dataclass, field

from core.language import detect_language
from core.models.base import Model, id_factory

from core.vocabulary import VISIBILITIES, WORLD_TYPES  # noqa: F401  (re-exported)


@dataclass
class World(Model):
    """A fictional world. Its stories, entities and locations are found through
    their ``world_id``; the lists in the API answer are derived, never stored."""

    collection = "worlds"
    id_field = "world_id"
    indexed_fields = ("owner_id", "visibility", "shared_with", "co_authors", "world_type")
    list_fields = ("shared_with", "co_authors")
    search_fields = ("name", "description")
    search_titles = ("name",)

    name: str
    owner_id: str
    description: str = ""
    world_type: str = "fantasy"
    visibility: str = "private"
    shared_with: list[str] = field(default_factory=list)   # readers
    co_authors: list[str] = field(default_factory=list)    # write content, never manage the world
    metadata: dict = field(default_factory=dict)
    world_id: str = id_factory()
    version: int = 1   # +1 on every update (an older document without it is version 1)
    language: str = ""  # "en" | "vi"; "" (older worlds): detected from the name and description when read
    image_id: str = ""
    ai_model: str = ""  # one of the operator's AI_ALLOWED_MODELS; "" : the operator's OPENAI_MODEL

    def effective_language(self) -> str:
        """The language the world's texts, casts and AI answers follow: the stored one, else detected."""
        return self.language or detect_language(f"{self.name}. {self.description}")


def effective_language(world: "World | dict") -> str:
    """``World.effective_language`` for a world or a stored world document."""
    if isinstance(world, dict):
        world = World.from_dict({"name": "", "owner_id": "", **world})
    return world.effective_language()
