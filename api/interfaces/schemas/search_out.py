"""Answer schemas of search (see ``responses.py`` for the conventions)."""
from __future__ import annotations

from pydantic import Field

from core.vocabulary import SearchType
from interfaces.schemas.responses import Out, absent


class SearchHitOut(Out):
    """One search hit, best first."""

    type: SearchType
    id: str = Field(description="The story, entry, event or world id")
    world_id: str
    kind: str = absent("Entries only: the entry's kind (character, creature, faction, item, lore, location)")
    title: str = Field(description="Title or name, as stored (plain text)")
    snippet: str = Field(description="HTML: the text around the first match, escaped, each matching "
                                     "word in `<mark>`; the text's beginning if only the title matched")
    score: float = Field(description="Higher is better: 100 per query word found, 10 per word in the "
                                     "title, plus under 10 for how often they occur. Below 100: no word "
                                     "matched anything; the title is like the query (a typo), 50 x similarity")
    url: str = Field(description="The frontend page of the hit")
