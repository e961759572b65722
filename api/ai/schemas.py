"""Shapes of the AI's JSON answers. Every answer, from OpenAI, a compatible
local server or the offline provider, is validated against one of these
before anything is stored, so a job's ``result`` always has a known shape."""
from __future__ import annotations

from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from core.vocabulary import NAME_MAX, SHORT_MAX, TEXT_MAX, FoundKind

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=TEXT_MAX)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=SHORT_MAX)]


class Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", defer_build=True)  # built on first use: faster cold start


class WorldDescription(Answer):
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXT_MAX)]


class StoryDescription(Answer):
    story_description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                        max_length=TEXT_MAX)]


class AnalysedEntity(Answer):
    name: Name
    entity_type: Short = "character"
    description: Text = ""
    attributes: dict = Field(default_factory=dict)


class AnalysedPlace(Answer):
    name: Name
    description: Text = ""
    coordinates: dict = Field(default_factory=dict)


class WorldAnalysis(Answer):
    entities: list[AnalysedEntity] = Field(default_factory=list, max_length=200)
    locations: list[AnalysedPlace] = Field(default_factory=list, max_length=200)


class StoryCharacter(Answer):
    name: Name
    role: Short = ""


class StoryPlace(Answer):
    name: Name
    description: Text = ""


class StoryFaction(Answer):
    name: Name


class StoryAnalysis(Answer):
    characters: list[StoryCharacter] = Field(default_factory=list, max_length=200)
    locations: list[StoryPlace] = Field(default_factory=list, max_length=200)
    factions: list[StoryFaction] = Field(default_factory=list, max_length=200)


class ExtractedEvent(Answer):
    title: Name
    description: Text = ""
    characters: list[Name] = Field(default_factory=list, max_length=100)
    locations: list[Name] = Field(default_factory=list, max_length=100)
    year: Optional[int] = Field(default=None, ge=-1_000_000, le=1_000_000)   # in-world year, when the text gives one
    date_text: Short = ""   # the words that date it ("năm 1946", "three winters later")


class EventList(Answer):
    events: list[ExtractedEvent] = Field(default_factory=list, max_length=100)


class FoundName(Answer):
    """A name found in a text: what it names, how sure the finder is, and where it was found."""
    name: Name
    kind: FoundKind = "character"
    confidence: float = Field(default=0.5, ge=0, le=1)
    quote: Text = ""                                               # the sentence it was found in
    aliases: list[Name] = Field(default_factory=list, max_length=20)  # other ways the text writes it
    count: int = Field(default=1, ge=0)                            # sentences that mention it


class NameList(Answer):
    names: list[FoundName] = Field(default_factory=list, max_length=200)
