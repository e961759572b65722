from typing import Annotated, Optional, Union

from pydantic import Field, StringConstraints

from ai.schemas import StoryCharacter, StoryPlace
from core.vocabulary import NAME_MAX
from interfaces.pagination import PageQuery
from interfaces.schemas.calendar import DateBody
from interfaces.schemas.common import Id, LongText, Name, Schema, Tag, Tags, Text, Visibility

Genre = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Short = Annotated[str, StringConstraints(max_length=NAME_MAX)]


class StoryCreateBody(Schema):
    world_id: Id
    title: Name
    description: Text = ""
    content: LongText = ""
    genre: Genre = "adventure"
    visibility: Visibility = "private"
    time_index: int = Field(50, ge=0, le=100, description="Derived from `date` when that is given")
    date: Optional[DateBody] = Field(None, description="In-world date on the world's calendar; "
                                                       "sets `time_index` to its year")
    selected_characters: list[Id] = Field(default_factory=list, max_length=500)
    tags: Tags = Field(default_factory=list)


class StoryUpdateBody(Schema):
    title: Optional[Name] = None
    description: Optional[Text] = None
    content: Optional[LongText] = None
    genre: Optional[Genre] = None
    visibility: Optional[Visibility] = None
    time_index: Optional[int] = Field(None, ge=0, le=100, description="A new index without a `date` takes "
                                                                      "the story's date off")
    date: Optional[DateBody] = Field(None, description="In-world date on the world's calendar; "
                                                       "moves `time_index` to its year")
    tags: Optional[Tags] = None


class StoryListQuery(Schema):
    world_id: Optional[Id] = None
    genre: Optional[Genre] = None
    q: Optional[Short] = None
    tag: Optional[Tag] = Field(None, description="Only stories with this tag (ignoring case)")
    page: int = Field(1, ge=1, le=1_000_000)
    per_page: int = Field(50, ge=1, le=200)


class WorldStoryQuery(PageQuery):
    tag: Optional[Tag] = Field(None, description="Only stories with this tag (ignoring case)")


class CharacterRef(StoryCharacter):
    """A character named in a request: the same shape an analysis returns."""


class LocationRef(StoryPlace):
    """A place named in a request: the same shape an analysis returns."""


class LinkEntitiesBody(Schema):
    characters: list[Union[CharacterRef, Name]] = Field(default_factory=list, max_length=500)
    locations: list[Union[LocationRef, Name]] = Field(default_factory=list, max_length=500)
    auto_create: bool = True

    def character_specs(self) -> list[dict]:
        return [{"name": c} if isinstance(c, str) else c.model_dump() for c in self.characters]

    def location_specs(self) -> list[dict]:
        return [{"name": loc} if isinstance(loc, str) else loc.model_dump() for loc in self.locations]
