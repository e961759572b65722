from __future__ import annotations

from dataclasses import dataclass

from core.models.base import Model, id_factory


@dataclass
class TimeCone(Model):
    """A story's anchor on the world's timeline: the span of time it covers."""

    collection = "time_cones"
    id_field = "time_cone_id"
    indexed_fields = ("world_id", "story_id")

    world_id: str
    story_id: str
    time_index: int
    label: str = ""
    time_cone_id: str = id_factory()
