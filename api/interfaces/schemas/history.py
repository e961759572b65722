"""Answers of the history and trash routes, for the spec (``@responds``)."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Timestamp = str   # ISO 8601 UTC, millisecond precision, ``Z`` suffix


class _Out(BaseModel):
    model_config = ConfigDict(defer_build=True)


class ChangedBy(_Out):
    user_id: Optional[str] = Field(description="Who made the change (null if unknown)")
    username: Optional[str] = Field(description="Their username (null if the account is gone)")


class VersionEntryOut(_Out):
    """A kept earlier version: who replaced it by the next version, when, and what changed."""

    version: int = Field(description="The number of this kept version")
    changed_by: ChangedBy
    changed_at: Timestamp = Field(description="When it was replaced by version + 1")
    changed_fields: list[str] = Field(description="The fields the change to version + 1 touched")
    restored_version: Optional[int] = Field(
        description="Set when that change was a restore: the version it brought back")


class FieldDiffOut(_Out):
    type: Literal["text", "value"]
    unified_diff: str = Field("", description="`text`: a unified diff from the version to the current one")
    old: Any = Field(None, description="`value`: the value in the version")
    new: Any = Field(None, description="`value`: the current value")


class VersionOut(_Out):
    version: int
    current_version: int
    changed_by: Optional[ChangedBy] = Field(description="null for the current version")
    changed_at: Optional[Timestamp]
    changed_fields: list[str]
    restored_version: Optional[int]
    document: dict = Field(description="The whole document as it was at this version")
    diff: dict[str, FieldDiffOut] = Field(description="Per field that differs from the current document")


TrashKind = Literal["world", "story", "character", "location", "field_template", "relation", "image", "book"]


class TrashEntryOut(_Out):
    trash_id: str
    kind: TrashKind
    item_id: str = Field(description="The id of what was deleted (world_id, story_id, entity_id, location_id, "
                                           "template_id, relation_id, image_id)")
    title: str = Field(description="Its name or title")
    world_id: str = Field(description="The world it belonged to (a world: itself)")
    owner_id: str
    deleted_by: str
    deleted_at: Timestamp
    expires_at: Timestamp = Field(description="When it is purged for good")
    counts: dict[str, int] = Field(description="Documents it holds, per collection (`worlds`, `stories`, "
                                               "`entities`, `locations`, `relations`, "
                                               "`relation_types`, `time_cones`, `events`, "
                                               "`event_cache`, `revisions`, `images`)")
    references: int = Field(description="Links other documents held to it, re-added on restore")


class TrashRestoredOut(_Out):
    message: str
    trash_id: str
    kind: TrashKind
    item_id: str
    world_id: str
    title: str
    restored: dict[str, int] = Field(description="Documents put back, per collection")
    references_restored: int = Field(description="Links re-added (those whose documents still exist)")


class TrashPurgedOut(_Out):
    message: str
    trash_id: str
    kind: TrashKind
    item_id: str
