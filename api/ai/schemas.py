"""Shapes of the AI's JSON answers. Every answer, from OpenAI, a compatible
local server or the offline provider, is validated against one of these
before anything is stored, so a job's ``result`` always has a known shape."""
from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from core.vocabulary import NAME_MAX, SHORT_MAX, TEXT_MAX

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


class StoryAnalysis(Answer):
    characters: list[StoryCharacter] = Field(default_factory=list, max_length=200)
    locations: list[StoryPlace] = Field(default_factory=list, max_length=200)


class ExtractedEvent(Answer):
    title: Name
    description: Text = ""
    characters: list[Name] = Field(default_factory=list, max_length=100)
    locations: list[Name] = Field(default_factory=list, max_length=100)


class EventList(Answer):
    events: list[ExtractedEvent] = Field(default_factory=list, max_length=100)
