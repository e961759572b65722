"""The writing tools' request (``POST /worlds/{world_id}/writing``); answers in ``responses``."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from core.vocabulary import SELECTION_MAX, WritingTool
from interfaces.schemas.common import OptionalId, Schema

Selection = Annotated[str, StringConstraints(max_length=SELECTION_MAX)]
Around = Annotated[str, StringConstraints(max_length=SELECTION_MAX)]
Wishes = Annotated[str, StringConstraints(max_length=2_000)]


class WritingBody(Schema):
    """``tool``: ``continue`` needs ``before`` (or a ``selection``); ``expand``, ``rephrase`` and
    ``summarise`` need a ``selection``; ``titles`` a ``story_id`` or a ``selection``;
    ``describe_entry`` an ``entry_id``. The story and the entry must be of this world."""

    tool: WritingTool
    story_id: OptionalId = Field("", description="The story being written (its text is read for `titles`)")
    entry_id: OptionalId = Field("", description="The entry to describe (`describe_entry`)")
    selection: Selection = Field("", description=f"The selected text, at most {SELECTION_MAX:,} characters")
    before: Around = Field("", description="Text before the selection or the cursor (the end of it is sent)")
    after: Around = Field("", description="Text after the selection (the start of it is sent)")
    instructions: Wishes = Field("", description="The writer's wishes (tone, length); they cannot change the "
                                                 "tool's rules")
