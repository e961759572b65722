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
