"""Requests and answers of the review of a story's analysis."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from core.vocabulary import Decision, FoundKind, ProposalAction, ProposalStatus
from interfaces.schemas.common import Id, Name, Schema
from interfaces.schemas.responses import MessageOut, Out, Timestamp


class DecisionBody(Schema):
    proposal_id: Id
    action: Decision = Field(description="`accept` what is proposed (with `name` to rename, `kind` to "
                                         "change the kind of a new entry); `merge` into `target_id`; "
                                         "`ignore`: never propose this name in this world again")
    name: Optional[Name] = None
    kind: Optional[FoundKind] = None
    target_id: Optional[Id] = Field(None, description="`merge`: an entity_id or location_id of the world")


class DecisionsBody(Schema):
    decisions: list[DecisionBody] = Field(default_factory=list, max_length=500)
    accept_confident: bool = Field(False, description="Also accept every pending proposal marked `confident`")


class EntryRefOut(Out):
    kind: FoundKind
    id: str = Field(description="The entity_id or location_id")
    name: str


class OutcomeOut(EntryRefOut):
    created: bool


class ProposalOut(Out):
    proposal_id: str
    name: str = Field(description="The name as the text writes it")
    kind: FoundKind
    action: ProposalAction = Field(description="`create` a new entry, `link` the existing `target`, or "
                                               "add the name as an `alias` of `target`")
    target: Optional[EntryRefOut]
    aliases: list[str] = Field(description="Other ways the text writes it (added as aliases when accepted)")
    confidence: float = Field(ge=0, le=1)
    confident: bool = Field(description="At or above the confidence that `accept_confident` takes")
    quote: str = Field(description="The sentence it was found in")
    count: int
    status: ProposalStatus
    outcome: Optional[OutcomeOut] = Field(description="The entry it became, once accepted")


class ReviewCountsOut(Out):
    pending: int
    accepted: int
    ignored: int


class ReviewOut(Out):
    review_id: str
    world_id: str
    story_id: str
    owner_id: str
    task_id: str
    language: str
    status: Literal["open", "decided"]
    undone: bool
    proposals: list[ProposalOut]
    counts: ReviewCountsOut
    created_at: Timestamp
    updated_at: Timestamp
    version: int


class AliasedOut(EntryRefOut):
    alias: str


class AppliedOut(Out):
    created: list[EntryRefOut]
    linked: list[EntryRefOut]
    aliased: list[AliasedOut]
    ignored: list[str]


class ReviewDecidedOut(ReviewOut):
    applied: AppliedOut


class IgnoredNameOut(Out):
    name: str
    key: str = Field(description="What `DELETE .../ignored-names/{key}` takes")
    created_at: Timestamp


class UnignoredOut(MessageOut):
    key: str
