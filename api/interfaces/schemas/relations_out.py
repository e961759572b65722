"""Answers of the relation, relation-type, graph and family-tree routes, for the spec
(``@responds``); like ``responses.py``, they describe and never serialise."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from core.vocabulary import ATTITUDE_MAX, ATTITUDE_MIN, EntryKind
from interfaces.schemas.calendar_out import DateOut
from interfaces.schemas.responses import MessageOut, Out, Timestamp, absent


class RelationTypeOut(Out):
    key: str
    label: str = Field(description='Read from source to target: "parent of"')
    inverse_label: str = Field(description='Read from target to source: "child of"')
    mutual: bool = Field(description="No direction: A-B is B-A")


class RelationOut(Out):
    """A typed relation: `source` *type* `target`."""

    relation_id: str
    world_id: str
    source_id: str
    source_kind: EntryKind = Field(description="The source entry's kind when the relation was last written")
    target_id: str
    target_kind: EntryKind
    type: str = Field(description="A key of the world's relation types")
    mutual: bool = Field(description="From the type: the direction carries no meaning")
    attitude: int = Field(ge=ATTITUDE_MIN, le=ATTITUDE_MAX)
    note: str
    start_date: Optional[DateOut]
    end_date: Optional[DateOut]
    created_at: Timestamp
    updated_at: Timestamp
    version: int = Field(ge=1, description="1 at creation, +1 on every update; sent as `ETag`")


class RelationDeletedOut(MessageOut):
    relation_id: str
    trash_id: str = Field(description="Restores it: `POST /api/trash/{trash_id}/restore`")


class GraphEntryOut(Out):
    id: str
    kind: EntryKind
    name: str
    image_id: str = Field(description='The entry\'s image ("" when none)')


class GraphTypedEdgeOut(Out):
    id: str = Field(description="The relation's id (cooccurrence: `type:source:target`)")
    source: str
    target: str
    type: str = Field(description="A relation type key, or `co_appears` / `visits`")
    label: str
    inverse_label: str
    mutual: bool
    attitude: int = Field(ge=ATTITUDE_MIN, le=ATTITUDE_MAX)
    weight: int = Field(ge=1, description="1 for a relation; the stories making a cooccurrence edge")


class GraphCountsOut(Out):
    nodes: int
    edges: int


class EntryGraphOut(Out):
    """The codex graph, bounded by `limits`; `truncated` says whether anything was cut."""

    mode: Literal["relations", "cooccurrence"]
    nodes: list[GraphEntryOut]
    edges: list[GraphTypedEdgeOut]
    truncated: bool
    totals: GraphCountsOut = Field(description="Nodes and edges before the limits")
    limits: GraphCountsOut


class FamilyMemberOut(Out):
    id: str
    name: str
    kind: EntryKind
    image_id: str
    generation: int = Field(description="Rows of the tree: the root 0, parents -1, children 1, spouses alike")


class FamilyTreeOut(Out):
    root: str = Field(description="The entry the tree is drawn from")
    depth: int
    people: list[FamilyMemberOut]
    parents: list[list[str]] = Field(description="`[parent_id, child_id]` pairs among `people`")
    spouses: list[list[str]] = Field(description="`[a, b]` pairs among `people`")
    truncated: bool = Field(description="Stopped at the people limit")
