from typing import Annotated, Literal, Optional

from pydantic import Field, StringConstraints

from ai.schemas import WorldAnalysis
from core.language import Language
from core.calendar import ERAS_MAX, MONTHS_MAX, WEEKDAYS_MAX
from core.vocabulary import ENTITY_ENTRY_KINDS, ID_MAX, NAME_MAX, SHORT_MAX
from interfaces.pagination import MAX_PER_PAGE, PageQuery
from interfaces.schemas.calendar import DateBody, EraBody, Label, LeapBody, MonthBody
from interfaces.schemas.common import (FieldValues, Name, OptionalId, Schema, Tags, Text, Visibility,
                                       WorldType)

Short = Annotated[str, StringConstraints(max_length=SHORT_MAX)]


class CalendarBody(Schema):
    """A world's calendar; the fields sent replace the stored ones (null: leave as is,
    but `leap: null` removes the leap rule). A change that would leave a stored date
    outside the calendar is refused (400 `dates_out_of_calendar`)."""

    current_year: Optional[int] = Field(None, ge=-1_000_000, le=1_000_000,
                                        description="Moves `current_date` to that year")
    current_era: Optional[Short] = Field(None, description="Ignored when the calendar has eras "
                                                           "(the current year's era is used)")
    year_name: Optional[Short] = Field(None, description="Ignored when the calendar has eras "
                                                         "(the current year's era abbreviation is used)")
    span_years: Optional[int] = Field(None, ge=100, le=1_000_000)
    months: Optional[list[MonthBody]] = Field(None, min_length=1, max_length=MONTHS_MAX)
    weekdays: Optional[list[Label]] = Field(None, max_length=WEEKDAYS_MAX)
    eras: Optional[list[EraBody]] = Field(None, max_length=ERAS_MAX,
                                          description="By start year, each after the one before")
    leap: Optional[LeapBody] = Field(None, description="null: no leap years")
    current_date: Optional[DateBody] = Field(None, description="Moves `current_year` to its year")


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
    ai_model: Optional[Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]] = Field(
        None, description="The model the world's AI jobs use: one of `GET /api/ai/models`, or \"\" for the "
                          "site's default (400 `model_not_allowed` otherwise)")


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


EntityKind = Literal[ENTITY_ENTRY_KINDS]   # on write; stored older values are read as they are
ENTITY_KIND_TEXT = "The entry's kind: one of " + ", ".join(ENTITY_ENTRY_KINDS)
IMAGE_TEXT = "Id of an image of this world, or \"\" for none"
PARENT_TEXT = "Id of the location this one lies in (same world, no cycles), or \"\" for none"


class EntityBody(Schema):
    name: Name
    entity_type: EntityKind = Field("character", description=ENTITY_KIND_TEXT)
    description: Text = ""
    role: Short = ""
    aliases: list[Name] = Field(default_factory=list, max_length=50)
    attributes: dict = Field(default_factory=dict)
    tags: Tags = Field(default_factory=list)
    fields: FieldValues = Field(default_factory=dict)
    image_id: OptionalId = Field("", description=IMAGE_TEXT)


class EntityUpdateBody(Schema):
    name: Optional[Name] = None
    entity_type: Optional[EntityKind] = Field(None, description=ENTITY_KIND_TEXT)
    description: Optional[Text] = None
    role: Optional[Short] = None
    aliases: Optional[list[Name]] = Field(None, max_length=50)
    attributes: Optional[dict] = None
    tags: Optional[Tags] = None
    fields: Optional[FieldValues] = None
    image_id: Optional[OptionalId] = Field(None, description=IMAGE_TEXT)


class LocationBody(Schema):
    name: Name
    description: Text = ""
    location_type: Short = "place"
    aliases: list[Name] = Field(default_factory=list, max_length=50)
    coordinates: dict = Field(default_factory=dict)
    parent_id: OptionalId = Field("", description=PARENT_TEXT)
    tags: Tags = Field(default_factory=list)
    fields: FieldValues = Field(default_factory=dict)
    image_id: OptionalId = Field("", description=IMAGE_TEXT)


class LocationUpdateBody(Schema):
    name: Optional[Name] = None
    description: Optional[Text] = None
    location_type: Optional[Short] = None
    aliases: Optional[list[Name]] = Field(None, max_length=50)
    coordinates: Optional[dict] = None
    parent_id: Optional[OptionalId] = Field(None, description=PARENT_TEXT)
    tags: Optional[Tags] = None
    fields: Optional[FieldValues] = None
    image_id: Optional[OptionalId] = Field(None, description=IMAGE_TEXT)
