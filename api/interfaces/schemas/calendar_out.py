"""Answer parts for world calendars and in-world dates (see ``responses.py`` for the rules)."""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict, Field

from core.vocabulary import EraDirection


class _Out(BaseModel):
    model_config = ConfigDict(defer_build=True)


def _no_default(schema: dict) -> None:
    schema.pop("default", None)


class DateOut(_Out):
    """An in-world date: `month` and `day` are left out when not known."""

    year: int
    month: int = Field(None, ge=1, description="Left out when only the year is known",
                       json_schema_extra=_no_default)
    day: int = Field(None, ge=1, description="Left out when only the year (and month) is known",
                     json_schema_extra=_no_default)


class MonthOut(_Out):
    name: str
    days: int


class EraOut(_Out):
    name: str
    abbreviation: str
    start_year: int
    direction: EraDirection


class LeapOut(_Out):
    every: int
    month: int
    days: int


class CalendarPartsOut(_Out):
    """The parts of a world calendar beyond its year mapping."""

    months: list[MonthOut]
    weekdays: list[str]
    eras: list[EraOut] = Field(description="By start year; empty: years show with `year_name`")
    leap: Optional[LeapOut] = Field(description="null: no leap years")
    current_date: DateOut = Field(description="Its year is always `current_year`")
