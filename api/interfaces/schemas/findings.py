"""Requests and answers of consistency checks and their findings."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from core.vocabulary import STORY_TEXT_MAX, FindingStatus
from interfaces.schemas.common import Schema
from interfaces.schemas.responses import FindingOut, Out


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


class FindingsOut(Out):
    findings: list[FindingOut]
