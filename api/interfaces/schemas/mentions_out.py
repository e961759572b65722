"""Answers of the mention routes (see ``interfaces/schemas/responses.py`` for the conventions)."""
from __future__ import annotations

from typing import Optional

from pydantic import Field, RootModel

from core.vocabulary import EntryKind, MentionSource
from interfaces.schemas.responses import Out


class MentionTargetOut(Out):
    """The entry a name links to."""

    kind: EntryKind
    id: str
    name: str


class MentionSourceOut(Out):
    """A text that mentions an entry: a story, or an entity's or location's description."""

    source_kind: MentionSource
    source_id: str
    title: str = Field(description="The story's title, or the entry's name")
    snippet: str = Field(description="Plain text around the first mention, mentions shown as their text")
    count: int = Field(ge=1, description="How many times this source mentions it")


class ResolvedOut(RootModel[dict[str, Optional[MentionTargetOut]]]):
    """Each name asked about -> the entry it links to, or null when none has that name."""


class UnresolvedNameOut(Out):
    """A name mentioned with `[[...]]` that matches no entry of the world."""

    name: str = Field(description="The name as first written")
    key: str = Field(description="What creating an entry must match to resolve it (titles stripped, "
                                 "case folded; Vietnamese tone marks kept)")
    names: list[str] = Field(description="The ways it is written (a few)")
    count: int = Field(ge=1, description="Mentions over the sources listed in `sources_total`")
    sources: list[MentionSourceOut] = Field(description="Where it is mentioned (the first few)")
    sources_total: int = Field(ge=1)
