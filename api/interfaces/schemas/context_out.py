"""What the context builder reports (see ``interfaces/schemas/responses.py`` for the conventions).

``ContextReportOut`` is the ``context`` of an AI task too.
"""
from __future__ import annotations

from pydantic import Field

from core.vocabulary import ContextItemKind, ContextSkipReason, ContextWhy
from interfaces.schemas.responses import Out, absent


class ContextIncludedOut(Out):
    """A line of canon sent with the job."""

    kind: ContextItemKind
    id: str
    name: str = Field(description="The entry's name, the relation as \"A — label — B\", or the event's title")
    tokens: int = Field(ge=0, description="Its tokens, counted by `tokenizer`")
    why: ContextWhy = Field(description="named (name or alias in the text), mention (`[[link]]`), search "
                                        "(lexical search hit), relation (of or at the end of a relation of an "
                                        "included entry), recent_event (latest in the calendar)")
    rank: int = Field(ge=1, description="Its place in the order canon is offered to the budget")


class ContextSkippedOut(Out):
    """Canon left out. A visibility skip is only a count: what the caller may not see is never named."""

    kind: ContextItemKind
    reason: ContextSkipReason = Field(description="budget (did not fit), rank (ranked below the lists' caps), "
                                                  "visibility (not the caller's to see)")
    id: str = absent("Not for visibility")
    name: str = absent("Not for visibility")
    tokens: int = absent("Not for visibility")
    rank: int = absent("For budget: its place in the order offered")
    count: int = absent("For visibility: how many")


class ContextReportOut(Out):
    """What canon went with a job, what did not, and why."""

    budget_tokens: int
    used_tokens: int = Field(description="Tokens of the canon block: never more than `budget_tokens`")
    tokenizer: str = Field(description="`tiktoken:<encoding>`, `server:llama.cpp`, `server:vllm` or `estimate`")
    included: list[ContextIncludedOut]
    skipped: list[ContextSkippedOut]


class ContextPreviewOut(ContextReportOut):
    """The report, the model it was built for, and the canon block as the AI would see it."""

    model: str
    text: str
