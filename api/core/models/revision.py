from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from core.models.base import Model, id_factory


@dataclass
class Revision(Model):
    """A version of a story, world, character, location or event as it was before
    an update replaced it: the whole document (``document``, at ``version``), who
    replaced it (``changed_by``, a user id) and when (``changed_at``), and which
    fields that update changed. A restore records ``restored_version``: the
    version whose content it brought back."""

    collection = "revisions"
    id_field = "revision_id"
    indexed_fields = ("doc_id", "world_id")

    doc_collection: str      # the collection of the document ("stories", "worlds"...)
    doc_id: str
    world_id: str
    version: int
    document: dict
    changed_by: str
    changed_at: str
    changed_fields: list[str] = field(default_factory=list)
    restored_version: Optional[int] = None
    revision_id: str = id_factory()
