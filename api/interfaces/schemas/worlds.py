from typing import Annotated, Optional

from pydantic import Field, StringConstraints

from ai.schemas import WorldAnalysis
from core.language import Language
from core.vocabulary import ID_MAX, NAME_MAX, SHORT_MAX
from interfaces.pagination import MAX_PER_PAGE, PageQuery
from interfaces.schemas.common import Name, Schema, Text, Visibility, WorldType

Short = Annotated[str, StringConstraints(max_length=SHORT_MAX)]


class CalendarBody(Schema):
    current_year: Optional[int] = Field(None, ge=-1_000_000, le=1_000_000)
    current_era: Optional[Short] = None
    year_name: Optional[Short] = None
    span_years: Optional[int] = Field(None, ge=100, le=1_000_000)


class WorldMetadataBody(Schema):
    calendar: Optional[CalendarBody] = None
    themes: Optional[list[Short]] = Field(None, max_length=50)


class WorldCreateBody(Schema):
    name: Name
    description: Text = ""
    world_type: WorldType = "fantasy"
    visibility: Visibility = "private"
    metadata: Optional[WorldMetadataBody] = None
    gpt_entities: Optional[WorldAnalysis] = None  # an analysis job's result, as is
    starter_cast: bool = False
    language: Optional[Language] = Field(None, description="Language of the world's texts; "
                                                           "detected from its name and description if not given")


class WorldUpdateBody(Schema):
    name: Optional[Name] = None
    description: Optional[Text] = None
    world_type: Optional[WorldType] = None
    visibility: Optional[Visibility] = None
    metadata: Optional[WorldMetadataBody] = None
    language: Optional[Language] = None
    image_id: Optional[Annotated[str, StringConstraints(max_length=ID_MAX)]] = Field(
        None, description="An image of this world (`POST /api/worlds/{world_id}/images`) to show for it; "
                          "\"\" removes it")


class WorldListQuery(Schema):
    q: Optional[Annotated[str, StringConstraints(max_length=NAME_MAX)]] = None
    world_type: Optional[WorldType] = None
    visibility: Optional[Visibility] = None
    mine: bool = False
    page: int = Field(1, ge=1, le=1_000_000)
    per_page: int = Field(50, ge=1, le=200)


class AutoLinkQuery(PageQuery):
    """Which page of the links an auto-link answer lists (every link is made either way)."""

    per_page: int = Field(MAX_PER_PAGE, ge=1, le=MAX_PER_PAGE)


class EntityBody(Schema):
    name: Name
    entity_type: Short = "character"
    description: Text = ""
    role: Short = ""
    aliases: list[Name] = Field(default_factory=list, max_length=50)
    attributes: dict = Field(default_factory=dict)


class EntityUpdateBody(Schema):
    name: Optional[Name] = None
    entity_type: Optional[Short] = None
    description: Optional[Text] = None
    role: Optional[Short] = None
    aliases: Optional[list[Name]] = Field(None, max_length=50)
    attributes: Optional[dict] = None


class LocationBody(Schema):
    name: Name
    description: Text = ""
    location_type: Short = "place"
    aliases: list[Name] = Field(default_factory=list, max_length=50)
    coordinates: dict = Field(default_factory=dict)


class LocationUpdateBody(Schema):
    name: Optional[Name] = None
    description: Optional[Text] = None
    location_type: Optional[Short] = None
    aliases: Optional[list[Name]] = Field(None, max_length=50)
    coordinates: Optional[dict] = None
