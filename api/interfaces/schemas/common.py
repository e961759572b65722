from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from core.vocabulary import ID_MAX, NAME_MAX, STORY_TEXT_MAX, TEXT_MAX, Visibility, WorldType  # noqa: F401

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX)]
Text = Annotated[str, StringConstraints(max_length=TEXT_MAX)]
LongText = Annotated[str, StringConstraints(max_length=STORY_TEXT_MAX)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=ID_MAX)]


class Schema(BaseModel):
    """Base for request bodies: unknown fields are ignored, never trusted."""

    model_config = ConfigDict(extra="ignore", defer_build=True)  # validators built on first use: faster cold start


class IdList(Schema):
    user_ids: list[Id] = Field(min_length=1, max_length=200)
