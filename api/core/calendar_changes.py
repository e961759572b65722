"""Changing a world calendar: the rules across its parts, and merging a change into it.

Pure, like ``core.calendar``; what a change does to a world's stored dates is
``services.dating``'s concern."""
from __future__ import annotations

from core.calendar import (ERAS_MAX, MONTH_DAYS_MAX, MONTHS_MAX, WEEKDAYS_MAX, check_date, clean_date, era_of,
                           months_of, normalise_calendar)
from core.errors import InvalidInput


def calendar_problems(calendar: dict) -> dict[str, str]:
    """What makes a (normalised) calendar unusable, by field; empty when it is sound.
    The shape of each part is the request schema's; these are the rules across parts."""
    problems = {}
    months = months_of(calendar)
    if not 1 <= len(months) <= MONTHS_MAX:
        problems["months"] = f"a calendar has 1 to {MONTHS_MAX} months"
    elif any(not 1 <= int(m["days"]) <= MONTH_DAYS_MAX for m in months):
        problems["months"] = f"a month has 1 to {MONTH_DAYS_MAX} days"
    if len(calendar.get("weekdays") or []) > WEEKDAYS_MAX:
        problems["weekdays"] = f"at most {WEEKDAYS_MAX} weekdays"
    leap = calendar.get("leap")
    if leap and not 1 <= int(leap.get("month") or 0) <= len(months):
        problems["leap.month"] = f"the leap month must be one of the {len(months)} months"
    eras = calendar.get("eras") or []
    starts = [int(e["start_year"]) for e in eras]
    if len(eras) > ERAS_MAX:
        problems["eras"] = f"at most {ERAS_MAX} eras"
    elif any(b <= a for a, b in zip(starts, starts[1:])):
        problems["eras"] = "eras must be listed by start_year, each starting after the one before"
    elif eras and eras[-1].get("direction") == "backward":
        problems["eras"] = "a backward-counting era counts down to the next era: it cannot be the last"
    if "months" not in problems and "leap.month" not in problems:
        why = check_date(calendar, calendar.get("current_date") or {"year": calendar["current_year"]})
        if why:
            problems["current_date"] = why
    return problems


def merge_calendar(current: dict | None, given: dict, world_type: str) -> dict:
    """``current`` changed by ``given`` (the fields a request sent), checked.

    A field sent as null is left as it is, except ``leap`` (null: no leap rule).
    ``current_year`` and ``current_date`` stay one year: sending one moves the other
    (a new year keeps the month and day when they exist in it); sending both with
    different years is refused unless one of them is the stored value (it loses).
    With eras, ``current_era`` and ``year_name`` are those of the current year's era.
    Raises ``InvalidInput`` (``invalid_calendar``) for a calendar that cannot be used."""
    stored = normalise_calendar(current, world_type)
    clears_leap = "leap" in given and given["leap"] is None
    given = {k: v for k, v in given.items() if v is not None}
    if "current_date" in given:
        given["current_date"] = clean_date(given["current_date"])
    year, date = given.get("current_year"), given.get("current_date")
    if year is not None and date is not None and date["year"] != year:
        if year == stored["current_year"]:
            given.pop("current_year")
        elif date == stored["current_date"]:
            given.pop("current_date")
        else:
            raise InvalidInput("The calendar's current year and current date disagree",
                               {"current_date": f"its year must be current_year ({year})"},
                               code="invalid_calendar")
    merged = {**stored, **given}
    if clears_leap:
        merged["leap"] = None
    if "current_date" in given:
        merged["current_year"] = given["current_date"]["year"]
    elif merged["current_year"] != stored["current_year"]:
        moved = {**stored["current_date"], "year": merged["current_year"]}
        if check_date(merged, moved):
            moved.pop("day", None)
        merged["current_date"] = moved if not check_date(merged, moved) else {"year": merged["current_year"]}
    merged = normalise_calendar(merged, world_type)
    problems = calendar_problems(merged)
    if problems:
        raise InvalidInput("Invalid calendar", {f"metadata.calendar.{k}": v for k, v in problems.items()},
                           code="invalid_calendar")
    if merged["eras"]:
        era = era_of(merged["current_year"], merged)
        if era is not None:
            merged["current_era"], merged["year_name"] = era["name"], era["abbreviation"]
    return merged


def moves_years(before: dict, after: dict) -> bool:
    """Whether a calendar change maps ``time_index`` to other years."""
    return (before["current_year"], before["span_years"]) != (after["current_year"], after["span_years"])


def changes_days(before: dict, after: dict) -> bool:
    """Whether a calendar change can make a stored month or day invalid."""
    return (months_of(before), before.get("leap")) != (months_of(after), after.get("leap"))
