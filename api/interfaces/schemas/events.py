from typing import Annotated, Optional

from pydantic import Field, StringConstraints

from core.vocabulary import NAME_MAX
from interfaces.schemas.calendar import DateBody
from interfaces.schemas.common import Id, Name, Schema, Text

Relation = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, max_length=NAME_MAX)]


class ExtractQuery(Schema):
    force: bool = False


class EventUpdateBody(Schema):
    title: Optional[Name] = None
    description: Optional[Text] = None
    time_index: Optional[int] = Field(None, ge=0, le=100)
    order: Optional[int] = Field(None, ge=0, le=100_000)
    entities: Optional[list[Id]] = Field(None, max_length=500)
    locations: Optional[list[Id]] = Field(None, max_length=500)
    year: Optional[int] = Field(None, ge=-1_000_000, le=1_000_000,
                                description="In-world year; moves `time_index` with it unless that is given too")
    date_text: Optional[Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]] = None
    date: Optional[DateBody] = Field(None, description="In-world date on the world's calendar: sets `year` "
                                                       "and moves `time_index` with it (over those fields)")


class TimelineQuery(Schema):
    """Filters of the timeline: events with this character, at this place, of this story."""

    entity_id: Optional[Id] = None
    location_id: Optional[Id] = None
    story_id: Optional[Id] = None


class ConnectionBody(Schema):
    target_event_id: Id
    relation_type: Relation = "related"
    relation_label: Label = ""
