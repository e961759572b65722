"""Requests and answers of consistency checks and their findings."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from core.vocabulary import STORY_TEXT_MAX, CheckSource, FindingKind, FindingSeverity, FindingStatus
from interfaces.schemas.common import Schema
from interfaces.schemas.responses import Out, Timestamp


class CheckBody(Schema):
    start: Optional[int] = Field(None, ge=0, le=STORY_TEXT_MAX,
                                 description="Check only the text from this offset (a selection); default 0")
    end: Optional[int] = Field(None, ge=0, le=STORY_TEXT_MAX,
                               description="... up to this offset (exclusive); default the end of the text")
    use_ai: bool = Field(False, description="Also ask the language model (its findings are validated); "
                                            "without a configured model only the offline rules run")


class FindingsQuery(Schema):
    status: Literal["open", "dismissed", "fixed", "all"] = "open"


class FindingStatusBody(Schema):
    status: FindingStatus = Field(description="`dismissed` (remembered across re-runs), `open` (reopen) "
                                              "or `fixed`")


class CiteOut(Out):
    kind: Literal["entry", "event", "story"]
    id: str
    name: str


class FindingOut(Out):
    finding_id: str
    world_id: str
    story_id: str
    kind: FindingKind
    severity: FindingSeverity
    message: str
    quote: str = Field(description="The span as the story writes it (\"\" when it cannot be placed)")
    start: int = Field(description="Offset of the quote in the story text when checked (-1: not placed)")
    end: int
    cites: list[CiteOut] = Field(description="What it conflicts with: entries, events, the story")
    suggestion: str = Field(description="A replacement for the quote (\"\" when none)")
    source: CheckSource
    status: FindingStatus
    created_at: Timestamp


class FindingsOut(Out):
    findings: list[FindingOut]
