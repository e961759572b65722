from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model, id_factory


@dataclass
class Finding(Model):
    """A possible contradiction between a story's text and the world's canon, found by a
    consistency check (``source``: the offline rules or the model). ``quote`` is the span
    as written (``start``/``end``: its offsets in the story text when the check ran);
    ``cites`` names what it conflicts with (``[{kind: entry|event|story, id, name}]``).
    ``fingerprint`` identifies the same finding across re-runs, so a dismissal is remembered."""

    collection = "findings"
    id_field = "finding_id"
    indexed_fields = ("world_id", "story_id", "fingerprint", "status")

    world_id: str
    story_id: str
    kind: str                 # FINDING_KINDS
    severity: str             # FINDING_SEVERITIES
    message: str
    quote: str
    fingerprint: str
    start: int = -1
    end: int = -1
    cites: list[dict] = field(default_factory=list)
    suggestion: str = ""      # a replacement for ``quote`` the panel can apply ("" when none)
    source: str = "rules"     # CHECK_SOURCES
    status: str = "open"      # FINDING_STATUSES
    dismissed_by: str = ""
    finding_id: str = id_factory()
