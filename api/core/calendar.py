"""World calendars and how a story's ``time_index`` maps onto them.

``time_index`` is an integer from 0 to 100. Index 100 is the calendar's
``current_year``; index 0 is ``span_years`` earlier. Each step is
``span_years / 100`` years (``span_years`` is at least 100), rounded down, so
distinct indexes always give distinct years in the same order:

    year(i) = current_year - span_years + floor(i * span_years / 100)

e.g. a fantasy world (current year 1000, span 1000): index 0 -> year 0,
index 50 -> year 500, index 100 -> year 1000.
"""
from __future__ import annotations

MIN_SPAN = 100

DEFAULT_CALENDARS = {
    "fantasy": {"current_year": 1000, "current_era": "Third Age", "year_name": "TA", "span_years": 1000},
    "sci-fi": {"current_year": 2400, "current_era": "Galactic Era", "year_name": "GE", "span_years": 500},
    "modern": {"current_year": 2025, "current_era": "Common Era", "year_name": "CE", "span_years": 200},
    "historical": {"current_year": 1600, "current_era": "Common Era", "year_name": "CE", "span_years": 1000},
}


def default_calendar(world_type: str) -> dict:
    return dict(DEFAULT_CALENDARS.get(world_type, DEFAULT_CALENDARS["fantasy"]))


def normalise_calendar(calendar: dict | None, world_type: str) -> dict:
    """Fill gaps from the world type's default and keep the span usable."""
    merged = default_calendar(world_type)
    merged.update({k: v for k, v in (calendar or {}).items() if v is not None})
    merged["span_years"] = max(MIN_SPAN, int(merged.get("span_years") or MIN_SPAN))
    merged["current_year"] = int(merged["current_year"])
    return merged


def year_for(time_index: int, calendar: dict) -> int:
    span = max(MIN_SPAN, int(calendar.get("span_years", MIN_SPAN)))
    index = min(100, max(0, int(time_index)))
    return int(calendar["current_year"]) - span + (index * span) // 100


def world_time(time_index: int, calendar: dict) -> dict:
    """The ``metadata.world_time`` of a story at ``time_index``."""
    year = year_for(time_index, calendar)
    era = calendar.get("current_era", "")
    year_name = calendar.get("year_name", "")
    label = f"Year {year} {year_name}".strip()
    return {
        "year": year,
        "era": era,
        "year_name": year_name,
        "description": f"{label} ({era})" if era else label,
    }


# -- in-world dates: {year, month?, day?} on a world's calendar ----------------------

DEFAULT_MONTHS = tuple({"name": name, "days": days} for name, days in (
    ("January", 31), ("February", 28), ("March", 31), ("April", 30), ("May", 31), ("June", 30),
    ("July", 31), ("August", 31), ("September", 30), ("October", 31), ("November", 30), ("December", 31)))


def months_of(calendar: dict) -> list[dict]:
    """The calendar's months (the Gregorian names and lengths when it defines none)."""
    return list(calendar.get("months") or DEFAULT_MONTHS)


def is_leap(year: int, calendar: dict) -> bool:
    leap = calendar.get("leap") or None
    return bool(leap and leap.get("every") and year % int(leap["every"]) == 0)


def days_in_month(year: int, month: int, calendar: dict) -> int:
    """Days of ``month`` (1-based) in ``year``, leap days included."""
    days = int(months_of(calendar)[month - 1]["days"])
    leap = calendar.get("leap") or None
    if leap and int(leap.get("month") or 0) == month and is_leap(year, calendar):
        days += int(leap.get("days") or 1)
    return days


def check_date(calendar: dict, date: dict) -> str | None:
    """Why ``date`` is not a date of this calendar, or None when it is one.
    A day needs a month; month and day are 1-based."""
    if not isinstance(date, dict) or set(date) - {"year", "month", "day"}:
        return "a date is {year, month?, day?}"
    year, month, day = date.get("year"), date.get("month"), date.get("day")
    if isinstance(year, bool) or not isinstance(year, int):
        return "year must be a whole number"
    for value in (month, day):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            return "month and day must be whole numbers"
    if day is not None and month is None:
        return "a day needs a month"
    months = months_of(calendar)
    if month is not None and not 1 <= month <= len(months):
        return f"month must be between 1 and {len(months)}"
    if day is not None and not 1 <= day <= days_in_month(year, month, calendar):
        return f"{months[month - 1]['name']} {year} has {days_in_month(year, month, calendar)} days"
    return None
