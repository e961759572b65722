from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Visibility = Literal["draft", "private", "public"]
WorldType = Literal["fantasy", "sci-fi", "modern", "historical"]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
LongText = Annotated[str, StringConstraints(max_length=200_000)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class Schema(BaseModel):
    """Base for request bodies: unknown fields are ignored, never trusted."""

    model_config = ConfigDict(extra="ignore", defer_build=True)  # validators built on first use: faster cold start


class IdList(Schema):
    user_ids: list[Id] = Field(min_length=1, max_length=200)
