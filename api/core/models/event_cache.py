from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model


@dataclass
class EventCache(Model):
    """The events last extracted from a story, keyed by the story, with the
    hash of the text they came from: unchanged text is not extracted again."""

    collection = "event_cache"
    id_field = "story_id"
    indexed_fields = ("story_id",)

    story_id: str
    world_id: str
    content_hash: str
    event_ids: list[str] = field(default_factory=list)
    provider: str = "offline"
