from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model, id_factory


@dataclass
class Story(Model):
    """A story set in a world at ``time_index`` (0-100) of its calendar."""

    collection = "stories"
    id_field = "story_id"
    indexed_fields = ("world_id", "owner_id", "visibility", "entities", "locations")
    list_fields = ("entities", "locations")   # "which stories link this entry", by containment
    search_fields = ("title", "description", "content", "tags")
    search_titles = ("title",)

    world_id: str
    title: str
    owner_id: str
    description: str = ""
    content: str = ""
    genre: str = "adventure"
    visibility: str = "private"
    time_index: int = 50
    entities: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    time_cones: list[str] = field(default_factory=list)
    linked_stories: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    date: dict | None = None   # in-world date {year, month?, day?} on the world's calendar
    book_id: str = ""   # the book it is a chapter of ("" when none)
    # Of ``content``, kept by every write of it (``StoryService``); -1: not counted yet (older documents).
    word_count: int = -1
    scene_count: int = -1
    story_id: str = id_factory()
    version: int = 1   # +1 on every update (an older document without it is version 1)
