from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model, id_factory


@dataclass
class Review(Model):
    """One analysis of a story, as the writer reviews it.

    ``proposals`` are what the analysis found (each a name with what it may be:
    a new entry, an existing one, or an alias of one) and the writer's decision
    on each. ``applied`` is the journal of what those decisions changed, in
    order (``{op: create|alias|link|ignore, ...}``), so the whole review can be
    undone in one step. A batch analysis keeps its journal in a review with no
    ``story_id`` and no proposals."""

    collection = "reviews"
    id_field = "review_id"
    indexed_fields = ("world_id", "story_id")

    world_id: str
    owner_id: str
    story_id: str = ""
    task_id: str = ""
    language: str = "en"
    proposals: list[dict] = field(default_factory=list)
    applied: list[dict] = field(default_factory=list)
    undone: bool = False
    review_id: str = id_factory()
    version: int = 1
