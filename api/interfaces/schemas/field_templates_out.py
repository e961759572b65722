"""Answers of the field-template routes."""
from __future__ import annotations

from pydantic import Field

from core.vocabulary import EntryKind, FieldType
from interfaces.schemas.responses import MessageOut, Out, Timestamp


class FieldOptionsOut(Out):
    choices: list[str]
    kinds: list[EntryKind]


class FieldTemplateOut(Out):
    template_id: str
    world_id: str
    kind: EntryKind
    key: str
    label: str
    field_type: FieldType
    order: int
    options: FieldOptionsOut
    created_at: Timestamp
    updated_at: Timestamp
    version: int = Field(ge=1, description="1 at creation, +1 on every update; sent as `ETag`")


class FieldTemplateDeletedOut(MessageOut):
    template_id: str
    trash_id: str = Field(description="Restores it: `POST /api/trash/{trash_id}/restore`")
