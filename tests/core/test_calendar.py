"""World calendars (``core.calendar``, ``core.calendar_changes``): the time_index mapping,
month, leap and era arithmetic, ordering, weekdays, display and calendar changes."""
import random

import pytest

from core.calendar import (check_date, date_of_day, day_number, days_between, days_in_month, days_in_year,
                           era_of, format_date, format_year, index_for, normalise_calendar, sort_key, weekday,
                           world_time, year_for)
from core.calendar_changes import calendar_problems, merge_calendar
from core.errors import InvalidInput

# A fantasy calendar: 3 months of 30, 30 and 40 days (100 a year), a leap day in the
# second month every 4th year, a 5-day week, two eras (the first counts down to the second).
MONTHS = [{"name": "Thaw", "days": 30}, {"name": "Frostfall", "days": 30}, {"name": "Deepwinter", "days": 40}]
ERAS = [{"name": "Before the Crowning", "abbreviation": "BC", "start_year": -5000, "direction": "backward"},
        {"name": "Third Age", "abbreviation": "TA", "start_year": 1, "direction": "forward"}]


@pytest.fixture
def calendar():
    return normalise_calendar({"current_year": 1024, "months": MONTHS, "leap": {"every": 4, "month": 2, "days": 1},
                               "weekdays": ["Moon", "Tide", "Ash", "Star", "Rest"], "eras": ERAS}, "fantasy")


# -- time_index <-> year ---------------------------------------------------------------

def test_every_index_gives_a_distinct_ordered_year_for_every_default_calendar():
    for world_type in ("fantasy", "sci-fi", "modern", "historical"):
        calendar = normalise_calendar(None, world_type)
        years = [year_for(i, calendar) for i in range(101)]
        assert years == sorted(set(years)), world_type
        assert years[-1] == calendar["current_year"]


def test_span_below_100_years_is_raised_so_years_stay_distinct():
    calendar = normalise_calendar({"current_year": 50, "span_years": 10}, "fantasy")
    assert calendar["span_years"] == 100
    assert len({year_for(i, calendar) for i in range(101)}) == 101


@pytest.mark.parametrize("span", [100, 101, 150, 199, 200, 333, 500, 999, 1000, 4321, 1_000_000])
@pytest.mark.parametrize("current_year", [-700, 0, 1000, 2025])
def test_index_for_inverts_year_for_for_every_index(span, current_year):
    calendar = normalise_calendar({"current_year": current_year, "span_years": span}, "fantasy")
    assert [index_for(year_for(i, calendar), calendar) for i in range(101)] == list(range(101))


def test_index_for_is_monotonic_and_clamped():
    calendar = normalise_calendar({"current_year": 2025, "span_years": 150}, "modern")   # years 1875..2025
    indexes = [index_for(year, calendar) for year in range(1700, 2200)]
    assert indexes == sorted(indexes)
    assert index_for(1000, calendar) == 0 and index_for(1875, calendar) == 0
    # a step is 1.5 years: index 1 is 1876, index 2 is 1878
    assert (index_for(1876, calendar), index_for(1877, calendar), index_for(1878, calendar)) == (1, 1, 2)
    assert index_for(2025, calendar) == 100 and index_for(9999, calendar) == 100
    # each year lands on the last index whose year is not after it
    for year in range(1875, 2026):
        i = index_for(year, calendar)
        assert year_for(i, calendar) <= year and (i == 100 or year_for(i + 1, calendar) > year)


def test_world_time_describes_the_year():
    calendar = normalise_calendar({"current_year": 2400, "span_years": 400}, "sci-fi")
    assert world_time(50, calendar) == {"year": 2200, "era": "Galactic Era", "year_name": "GE",
                                        "description": "Year 2200 GE (Galactic Era)",
                                        "date": {"year": 2200}, "label": "2200 GE"}


def test_world_time_of_a_date_uses_the_era_of_its_year(calendar):
    shown = world_time(0, calendar, {"year": 1024, "month": 2, "day": 3})
    assert shown == {"year": 1024, "era": "Third Age", "year_name": "TA", "description": "Year 1024 TA (Third Age)",
                     "date": {"year": 1024, "month": 2, "day": 3}, "label": "3 Frostfall 1024 TA"}
    assert world_time(0, calendar, {"year": -9})["description"] == "Year 10 BC (Before the Crowning)"


# -- months, leap years, day numbers ------------------------------------------------------

def test_month_lengths_and_the_leap_rule(calendar):
    assert [days_in_month(1023, m, calendar) for m in (1, 2, 3)] == [30, 30, 40]
    assert [days_in_month(1024, m, calendar) for m in (1, 2, 3)] == [30, 31, 40]
    assert days_in_year(1023, calendar) == 100 and days_in_year(1024, calendar) == 101
    assert days_in_year(0, calendar) == 101 and days_in_year(-4, calendar) == 101 and days_in_year(-1, calendar) == 100


def test_day_numbers_count_months_and_leap_days_from_year_zero(calendar):
    assert day_number({"year": 0}, calendar) == 0
    assert day_number({"year": 0, "month": 1, "day": 1}, calendar) == 0
    assert day_number({"year": 0, "month": 2, "day": 31}, calendar) == 60   # year 0 is a leap year
    assert day_number({"year": 1}, calendar) == 101
    assert day_number({"year": 4}, calendar) == 101 + 3 * 100
    assert day_number({"year": 5}, calendar) == 2 * 101 + 3 * 100
    assert day_number({"year": -1}, calendar) == -100
    assert day_number({"year": -4}, calendar) == -(101 + 3 * 100)
    assert day_number({"year": 1024, "month": 3}, calendar) == day_number({"year": 1024}, calendar) + 61
    # 1024 years from year 0: 256 leap years (0, 4, ... 1020)
    assert day_number({"year": 1024}, calendar) == 1024 * 100 + 256


def test_differences_in_days(calendar):
    assert days_between({"year": 1023, "month": 3, "day": 40}, {"year": 1024, "month": 1, "day": 1}, calendar) == 1
    assert days_between({"year": 1024, "month": 2, "day": 30}, {"year": 1024, "month": 3, "day": 1}, calendar) == 2
    assert days_between({"year": 1025}, {"year": 1024}, calendar) == -101
    assert days_between({"year": 1000}, {"year": 1100}, calendar) == 100 * 100 + 25


def test_day_numbers_and_dates_round_trip(calendar):
    rng = random.Random(12)
    gregorian = normalise_calendar({"leap": {"every": 4, "month": 2, "days": 1}}, "modern")
    for cal in (calendar, gregorian, normalise_calendar(None, "fantasy")):
        for number in [*range(-1500, 1500), *(rng.randint(-10**8, 10**8) for _ in range(500))]:
            date = date_of_day(number, cal)
            assert check_date(cal, date) is None and day_number(date, cal) == number
    assert date_of_day(day_number({"year": 2024, "month": 2, "day": 29}, gregorian), gregorian) == {
        "year": 2024, "month": 2, "day": 29}


def test_ordering_by_day_then_precision(calendar):
    dates = [{"year": 1024, "month": 3, "day": 2}, {"year": -3}, {"year": 1024}, {"year": 1024, "month": 1},
             {"year": 1024, "month": 1, "day": 1}, {"year": 1023, "month": 3, "day": 40}, {"year": 1024, "month": 2}]
    ordered = sorted(dates, key=lambda d: sort_key(d, calendar))
    assert ordered == [{"year": -3}, {"year": 1023, "month": 3, "day": 40}, {"year": 1024}, {"year": 1024, "month": 1},
                       {"year": 1024, "month": 1, "day": 1}, {"year": 1024, "month": 2},
                       {"year": 1024, "month": 3, "day": 2}]


def test_weekdays_follow_the_day_number(calendar):
    assert weekday({"year": 0, "month": 1, "day": 1}, calendar) == "Moon"
    assert weekday({"year": 0, "month": 1, "day": 7}, calendar) == "Tide"
    assert weekday({"year": -1, "month": 3, "day": 40}, calendar) == "Rest"   # the day before day 0
    # the leap day shifts every later weekday by one
    assert weekday({"year": 1, "month": 1, "day": 1}, calendar) == ["Moon", "Tide", "Ash", "Star", "Rest"][101 % 5]
    assert weekday({"year": 1024}, calendar) is None and weekday({"year": 1024, "month": 2}, calendar) is None
    assert weekday({"year": 3, "month": 1, "day": 1}, normalise_calendar(None, "fantasy")) is None   # no weekdays
    first, week = {"year": 1024, "month": 2, "day": 3}, {"year": 1024, "month": 2, "day": 8}
    assert weekday(first, calendar) == weekday(week, calendar)


def test_check_date(calendar):
    assert check_date(calendar, {"year": 1024, "month": 2, "day": 31}) is None
    assert check_date(calendar, {"year": 1023, "month": 2, "day": 31}) == "Frostfall 1023 has 30 days"
    assert check_date(calendar, {"year": 1, "month": 4}) == "month must be between 1 and 3"
    assert check_date(calendar, {"year": 1, "day": 4}) == "a day needs a month"
    assert check_date(calendar, {"year": "1"}) == "year must be a whole number"
    assert check_date(calendar, {"year": 1, "month": True}) == "month and day must be whole numbers"
    assert check_date(calendar, {"year": 1, "week": 2}) == "a date is {year, month?, day?}"
    assert check_date(calendar, {"year": 10**7}).startswith("year must be between")


# -- eras and display ---------------------------------------------------------------------

def test_eras_count_forward_from_their_start_and_backward_to_the_next(calendar):
    assert era_of(1, calendar) == {"name": "Third Age", "abbreviation": "TA", "year": 1}
    assert era_of(1024, calendar)["year"] == 1024
    assert era_of(0, calendar) == {"name": "Before the Crowning", "abbreviation": "BC", "year": 1}
    assert era_of(-9, calendar)["year"] == 10
    assert era_of(-9000, calendar)["year"] == 9001   # a backward first era reaches back without end


def test_years_before_a_first_forward_era_are_in_none():
    calendar = normalise_calendar({"eras": [
        {"name": "First Age", "abbreviation": "FA", "start_year": 100, "direction": "forward"},
        {"name": "Second Age", "abbreviation": "", "start_year": 600, "direction": "forward"},
        {"name": "Interregnum", "abbreviation": "IR", "start_year": 900, "direction": "backward"},
        {"name": "Third Age", "abbreviation": "TA", "start_year": 1000, "direction": "forward"}]}, "fantasy")
    assert era_of(99, calendar) is None and format_year(99, calendar) == "99"
    assert format_year(100, calendar) == "1 FA" and format_year(599, calendar) == "500 FA"
    assert format_year(600, calendar) == "1 Second Age"   # no abbreviation: the name
    assert format_year(900, calendar) == "100 IR" and format_year(999, calendar) == "1 IR"
    assert format_year(1000, calendar) == "1 TA"


def test_formatting(calendar):
    assert format_date({"year": 1024, "month": 2, "day": 3}, calendar) == "3 Frostfall 1024 TA"
    assert format_date({"year": 1024, "month": 3}, calendar) == "Deepwinter 1024 TA"
    assert format_date({"year": -499}, calendar) == "500 BC"
    plain = normalise_calendar(None, "fantasy")   # no eras: the year with the calendar's year name
    assert format_date({"year": 1000, "month": 1, "day": 9}, plain) == "9 January 1000 TA"


# -- defaults and calendar changes ---------------------------------------------------------

def test_a_calendar_gets_every_part_with_a_current_date_in_its_current_year():
    calendar = normalise_calendar({"current_year": 1200, "current_date": {"year": 1100, "month": 2}}, "fantasy")
    assert [m["name"] for m in calendar["months"]][:2] == ["January", "February"]
    assert (calendar["weekdays"], calendar["eras"], calendar["leap"]) == ([], [], None)
    assert calendar["current_date"] == {"year": 1200}


def test_merging_keeps_current_year_and_date_one_year():
    stored = merge_calendar(None, {"months": MONTHS}, "fantasy")
    moved = merge_calendar(stored, {"current_date": {"year": 1010, "month": 2, "day": 3}}, "fantasy")
    assert (moved["current_year"], moved["current_date"]) == (1010, {"year": 1010, "month": 2, "day": 3})
    bumped = merge_calendar(moved, {"current_year": 1011}, "fantasy")   # an old client moves the year
    assert bumped["current_date"] == {"year": 1011, "month": 2, "day": 3}
    # both sent: the one that differs from the stored value wins; two new values must agree
    assert merge_calendar(bumped, {"current_year": 1011, "current_date": {"year": 1015}},
                          "fantasy")["current_year"] == 1015
    assert merge_calendar(bumped, {"current_year": 1020, "current_date": bumped["current_date"]},
                          "fantasy")["current_date"] == {"year": 1020, "month": 2, "day": 3}
    with pytest.raises(InvalidInput) as refused:
        merge_calendar(bumped, {"current_year": 1030, "current_date": {"year": 1031}}, "fantasy")
    assert refused.value.code == "invalid_calendar"


def test_a_leap_day_as_current_date_falls_back_when_the_year_moves():
    stored = merge_calendar(None, {"months": MONTHS, "leap": {"every": 4, "month": 2, "days": 1},
                                   "current_date": {"year": 1024, "month": 2, "day": 31}}, "fantasy")
    assert merge_calendar(stored, {"current_year": 1025}, "fantasy")["current_date"] == {"year": 1025, "month": 2}


def test_null_leaves_a_field_but_removes_the_leap_rule():
    stored = merge_calendar(None, {"current_year": 500, "leap": {"every": 4, "month": 2}}, "fantasy")
    assert stored["leap"] == {"every": 4, "month": 2, "days": 1}
    kept = merge_calendar(stored, {"current_year": None, "months": None}, "fantasy")
    assert kept["current_year"] == 500 and kept["leap"] == stored["leap"] and len(kept["months"]) == 12
    assert merge_calendar(stored, {"leap": None}, "fantasy")["leap"] is None


def test_with_eras_the_current_era_and_year_name_are_the_current_years():
    merged = merge_calendar(None, {"current_year": 1024, "eras": ERAS, "current_era": "Ignored"}, "fantasy")
    assert (merged["current_era"], merged["year_name"]) == ("Third Age", "TA")
    earlier = merge_calendar(merged, {"current_year": -3}, "fantasy")
    assert (earlier["current_era"], earlier["year_name"]) == ("Before the Crowning", "BC")


@pytest.mark.parametrize("change, field", [
    ({"leap": {"every": 4, "month": 13}}, "metadata.calendar.leap.month"),
    ({"months": MONTHS, "leap": {"every": 4, "month": 4}}, "metadata.calendar.leap.month"),
    ({"eras": [ERAS[1], ERAS[0]]}, "metadata.calendar.eras"),
    ({"eras": [ERAS[1], {**ERAS[1], "name": "Again"}]}, "metadata.calendar.eras"),
    ({"eras": [ERAS[0]]}, "metadata.calendar.eras"),   # a backward era needs a next one
    ({"current_date": {"year": 1000, "month": 13}}, "metadata.calendar.current_date"),
    ({"months": MONTHS, "current_date": {"year": 1000, "month": 3, "day": 41}}, "metadata.calendar.current_date"),
])
def test_unusable_calendars_are_refused_with_the_field(change, field):
    with pytest.raises(InvalidInput) as refused:
        merge_calendar(None, change, "fantasy")
    assert refused.value.code == "invalid_calendar" and field in refused.value.details


def test_a_shrunk_year_refuses_a_current_date_it_no_longer_has():
    stored = merge_calendar(None, {"current_date": {"year": 1000, "month": 12, "day": 31}}, "fantasy")
    with pytest.raises(InvalidInput) as refused:
        merge_calendar(stored, {"months": MONTHS}, "fantasy")
    assert "metadata.calendar.current_date" in refused.value.details
    assert calendar_problems(stored) == {}
