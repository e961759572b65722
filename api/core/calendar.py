"""World calendars, in-world dates, and how a story's ``time_index`` maps onto them.

``time_index`` is an integer from 0 to 100. Index 100 is the calendar's
``current_year``; index 0 is ``span_years`` earlier. Each step is
``span_years / 100`` years (``span_years`` is at least 100), rounded down, so
distinct indexes always give distinct years in the same order:

    year(i) = current_year - span_years + floor(i * span_years / 100)

e.g. a fantasy world (current year 1000, span 1000): index 0 -> year 0,
index 50 -> year 500, index 100 -> year 1000. ``index_for`` inverts it (the
last index whose year is not after a year), so ``index_for(year_for(i)) == i``.

A calendar (a world's ``metadata.calendar``) also has ``months`` (``[{name,
days}]``), ``weekdays`` (names), ``eras`` (``[{name, abbreviation, start_year,
direction}]`` by start year), an optional ``leap`` rule (``{every, month,
days}``: ``days`` more in ``month`` of every year divisible by ``every``) and
``current_date`` (``{year, month?, day?}``, its year always ``current_year``).
A date is ``{year, month?, day?}`` (1-based; a day needs a month). Years are
absolute; eras only change how a year is shown. Everything here is pure; changing
a calendar (the rules across its parts) is ``core.calendar_changes``.
"""
from __future__ import annotations

MIN_SPAN = 100
YEAR_LIMIT = 1_000_000     # years (and era starts) lie within -YEAR_LIMIT..YEAR_LIMIT
MONTHS_MAX = 24
MONTH_DAYS_MAX = 100
WEEKDAYS_MAX = 14
ERAS_MAX = 20
LEAP_EVERY_MAX = 10_000
LEAP_DAYS_MAX = 31

DEFAULT_CALENDARS = {
    "fantasy": {"current_year": 1000, "current_era": "Third Age", "year_name": "TA", "span_years": 1000},
    "sci-fi": {"current_year": 2400, "current_era": "Galactic Era", "year_name": "GE", "span_years": 500},
    "modern": {"current_year": 2025, "current_era": "Common Era", "year_name": "CE", "span_years": 200},
    "historical": {"current_year": 1600, "current_era": "Common Era", "year_name": "CE", "span_years": 1000},
}

DEFAULT_MONTHS = tuple({"name": name, "days": days} for name, days in (
    ("January", 31), ("February", 28), ("March", 31), ("April", 30), ("May", 31), ("June", 30),
    ("July", 31), ("August", 31), ("September", 30), ("October", 31), ("November", 30), ("December", 31)))


def default_calendar(world_type: str) -> dict:
    return dict(DEFAULT_CALENDARS.get(world_type, DEFAULT_CALENDARS["fantasy"]))


def normalise_calendar(calendar: dict | None, world_type: str) -> dict:
    """Fill gaps from the world type's default (Gregorian months, no weekdays, eras or
    leap rule), keep the span usable and ``current_date`` in ``current_year``."""
    merged = default_calendar(world_type)
    merged.update({k: v for k, v in (calendar or {}).items() if v is not None})
    merged["span_years"] = max(MIN_SPAN, int(merged.get("span_years") or MIN_SPAN))
    merged["current_year"] = int(merged["current_year"])
    merged["months"] = [dict(m) for m in merged.get("months") or DEFAULT_MONTHS]
    merged["weekdays"] = list(merged.get("weekdays") or [])
    merged["eras"] = [{"abbreviation": "", "direction": "forward", **e} for e in merged.get("eras") or []]
    merged["leap"] = {"days": 1, **merged["leap"]} if merged.get("leap") else None
    current = merged.get("current_date")
    if not isinstance(current, dict) or current.get("year") != merged["current_year"]:
        merged["current_date"] = {"year": merged["current_year"]}
    else:
        merged["current_date"] = clean_date(current)
    return merged


# -- time_index <-> year --------------------------------------------------------------

def year_for(time_index: int, calendar: dict) -> int:
    span = max(MIN_SPAN, int(calendar.get("span_years", MIN_SPAN)))
    index = min(100, max(0, int(time_index)))
    return int(calendar["current_year"]) - span + (index * span) // 100


def index_for(year: int, calendar: dict) -> int:
    """The ``time_index`` (0..100) of an in-world year: the last index whose year is not
    after it (``year_for`` inverted: monotonic; years outside the span are clamped)."""
    span = max(MIN_SPAN, int(calendar.get("span_years", MIN_SPAN)))
    offset = int(year) - (int(calendar["current_year"]) - span)
    # year_for(i) <= year  <=>  floor(i * span / 100) <= offset  <=>  i * span < 100 * (offset + 1)
    return min(100, max(0, (100 * (offset + 1) - 1) // span))


# -- months, leap years, day numbers ------------------------------------------------

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


def days_in_year(year: int, calendar: dict) -> int:
    return sum(days_in_month(year, m, calendar) for m in range(1, len(months_of(calendar)) + 1))


def _leap_years_before(year: int, every: int) -> int:
    """Leap years in [0, year) (negative: minus those in [year, 0)), i.e. ceil(year / every)."""
    return -((-year) // every)


def _year_start(year: int, calendar: dict) -> int:
    """Day number of the first day of ``year``."""
    days = year * sum(int(m["days"]) for m in months_of(calendar))
    leap = calendar.get("leap") or None
    if leap and leap.get("every") and 1 <= int(leap.get("month") or 0) <= len(months_of(calendar)):
        days += int(leap.get("days") or 1) * _leap_years_before(year, int(leap["every"]))
    return days


def day_number(date: dict, calendar: dict) -> int:
    """Days from the first day of year 0 to ``date`` (negative before it), months and
    leap rule honoured; a date without a day (or month) counts from the first one."""
    year, month, day = int(date["year"]), date.get("month"), date.get("day")
    days = _year_start(year, calendar)
    if month:
        days += sum(days_in_month(year, m, calendar) for m in range(1, int(month)))
        days += int(day or 1) - 1
    return days


def date_of_day(number: int, calendar: dict) -> dict:
    """The full date ``{year, month, day}`` of a day number (``day_number`` inverted)."""
    base = sum(int(m["days"]) for m in months_of(calendar))
    leap = calendar.get("leap") or None
    extra = int(leap.get("days") or 1) / int(leap["every"]) if leap and leap.get("every") else 0
    year = int(number // (base + extra))
    while _year_start(year, calendar) > number:
        year -= 1
    while _year_start(year + 1, calendar) <= number:
        year += 1
    rest = number - _year_start(year, calendar)
    month = 1
    while rest >= days_in_month(year, month, calendar):
        rest -= days_in_month(year, month, calendar)
        month += 1
    return {"year": year, "month": month, "day": rest + 1}


def days_between(start: dict, end: dict, calendar: dict) -> int:
    """Days from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    return day_number(end, calendar) - day_number(start, calendar)


def sort_key(date: dict, calendar: dict) -> tuple[int, int]:
    """Orders dates: by day, and on the same day a year alone before a month before a full date."""
    return day_number(date, calendar), (date.get("month") is not None) + (date.get("day") is not None)


def weekday(date: dict, calendar: dict) -> str | None:
    """The weekday of a full date (the first day of year 0 is the first weekday);
    None without weekdays or without a day."""
    names = calendar.get("weekdays") or []
    if not names or date.get("day") is None:
        return None
    return names[day_number(date, calendar) % len(names)]


# -- eras and display ------------------------------------------------------------------

def era_of(year: int, calendar: dict) -> dict | None:
    """The era ``year`` falls in and the year counted in it: ``{name, abbreviation, year}``.

    An era runs from its ``start_year`` to the next era's. A ``forward`` era counts its
    ``start_year`` as 1 and up; a ``backward`` one counts down to 1 in the year before the
    next era starts (1 BC before 1 AD), and when it is the first it also holds every
    earlier year. Years before a first ``forward`` era are in none (None)."""
    eras = calendar.get("eras") or []
    found = None
    for index, era in enumerate(eras):
        if int(era["start_year"]) <= year:
            found = index
        else:
            break
    if found is None:
        if not eras or eras[0].get("direction") != "backward":
            return None
        found = 0
    era = eras[found]
    if era.get("direction") == "backward" and found + 1 < len(eras):
        counted = int(eras[found + 1]["start_year"]) - year
    else:
        counted = year - int(era["start_year"]) + 1
    return {"name": era["name"], "abbreviation": era.get("abbreviation") or "", "year": counted}


def format_year(year: int, calendar: dict) -> str:
    """``year`` as the calendar writes it: "1024 TA" (counted in its era, with the era's
    abbreviation or else its name; a year before every era is a bare number)."""
    era, abbreviation, shown = era_display(year, calendar)
    return f"{shown} {abbreviation or era}".strip()


def format_date(date: dict, calendar: dict) -> str:
    """"3 Frostfall 1024 TA", "Frostfall 1024 TA" or "1024 TA"."""
    text = format_year(int(date["year"]), calendar)
    month = date.get("month")
    if month is None:
        return text
    months = months_of(calendar)
    name = months[month - 1]["name"] if 1 <= month <= len(months) else str(month)
    text = f"{name} {text}"
    return text if date.get("day") is None else f"{date['day']} {text}"


def era_display(year: int, calendar: dict) -> tuple[str, str, int]:
    """``(era name, abbreviation, year counted in the era)`` for ``year``: the calendar's
    ``current_era`` and ``year_name`` with the year itself when it has no eras, and
    ``("", "", year)`` for a year before every era."""
    if not calendar.get("eras"):
        return calendar.get("current_era", ""), calendar.get("year_name", ""), year
    era = era_of(year, calendar)
    return (era["name"], era["abbreviation"], era["year"]) if era else ("", "", year)


def world_time(time_index: int, calendar: dict, date: dict | None = None) -> dict:
    """The ``metadata.world_time`` of a story at ``time_index`` (or at ``date`` when it has
    one): the year, its era and year name, a description, the date and its label."""
    date = clean_date(date) if date else {"year": year_for(time_index, calendar)}
    era, year_name, shown = era_display(date["year"], calendar)
    label = f"Year {shown} {year_name}".strip()
    return {
        "year": date["year"],
        "era": era,
        "year_name": year_name,
        "description": f"{label} ({era})" if era else label,
        "date": date,
        "label": format_date(date, calendar),
    }


# -- checking dates and calendars ---------------------------------------------------

def clean_date(date: dict) -> dict:
    """``{year, month?, day?}`` without the parts that are null."""
    return {k: date[k] for k in ("year", "month", "day") if date.get(k) is not None}


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
    if not -YEAR_LIMIT <= year <= YEAR_LIMIT:
        return f"year must be between {-YEAR_LIMIT} and {YEAR_LIMIT}"
    if day is not None and month is None:
        return "a day needs a month"
    months = months_of(calendar)
    if month is not None and not 1 <= month <= len(months):
        return f"month must be between 1 and {len(months)}"
    if day is not None and not 1 <= day <= days_in_month(year, month, calendar):
        return f"{months[month - 1]['name']} {year} has {days_in_month(year, month, calendar)} days"
    return None
