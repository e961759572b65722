from __future__ import annotations

from dataclasses import dataclass

from core.models.base import Model, id_factory


@dataclass
class Activity(Model):
    """One change in a world, for its activity feed and live streams: who (``actor_id``)
    did what (``action``, ``ACTIVITY_ACTIONS``) to which thing (``kind``,
    ``ACTIVITY_KINDS``; ``target_id``, ``title`` as it was then). ``seq`` numbers a
    world's activity 1, 2, 3... in commit order: a stream resumes after a seq."""

    collection = "activity"
    id_field = "activity_id"
    indexed_fields = ("world_id", "seq")

    world_id: str
    seq: int
    actor_id: str
    action: str
    kind: str
    target_id: str
    title: str = ""
    activity_id: str = id_factory()
