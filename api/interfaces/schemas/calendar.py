"""Request parts for world calendars and in-world dates (``core.calendar``).

Each part is checked for shape here; the rules across parts (a leap month of the
calendar, eras in order, a day that exists in its month) are checked against the
world's calendar by ``core.calendar`` (400 ``invalid_calendar`` / ``invalid_date``)."""
from typing import Annotated, Optional

from pydantic import Field, StringConstraints

from core.calendar import LEAP_DAYS_MAX, LEAP_EVERY_MAX, MONTH_DAYS_MAX, MONTHS_MAX, YEAR_LIMIT
from core.vocabulary import SHORT_MAX, EraDirection
from interfaces.schemas.common import Schema

Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_MAX)]
Abbreviation = Annotated[str, StringConstraints(strip_whitespace=True, max_length=SHORT_MAX)]
Year = Annotated[int, Field(ge=-YEAR_LIMIT, le=YEAR_LIMIT)]


class DateBody(Schema):
    """An in-world date on the world's calendar: a year, optionally a month, and a day
    (which needs the month). 1-based; checked against the world's months and leap rule."""

    year: Year
    month: Optional[int] = Field(None, ge=1, le=MONTHS_MAX)
    day: Optional[int] = Field(None, ge=1, le=MONTH_DAYS_MAX + LEAP_DAYS_MAX)

    def as_date(self) -> dict:
        return self.model_dump(exclude_none=True)


class MonthBody(Schema):
    name: Label
    days: int = Field(ge=1, le=MONTH_DAYS_MAX)


class EraBody(Schema):
    name: Label
    abbreviation: Abbreviation = ""
    start_year: Year = Field(description="The era's first year (absolute); eras are listed by it")
    direction: EraDirection = Field("forward", description="`forward`: `start_year` is year 1 of the era, "
                                                           "counting up; `backward`: years count down to 1 "
                                                           "in the year before the next era (like BC)")


class LeapBody(Schema):
    every: int = Field(ge=1, le=LEAP_EVERY_MAX, description="Years divisible by it are leap years")
    month: int = Field(ge=1, le=MONTHS_MAX, description="The month (1-based) that gains the leap days")
    days: int = Field(1, ge=1, le=LEAP_DAYS_MAX)
