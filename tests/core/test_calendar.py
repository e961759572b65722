from core.calendar import normalise_calendar, world_time, year_for


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


def test_world_time_describes_the_year():
    calendar = normalise_calendar({"current_year": 2400, "span_years": 400}, "sci-fi")
    assert world_time(50, calendar) == {"year": 2200, "era": "Galactic Era", "year_name": "GE",
                                        "description": "Year 2200 GE (Galactic Era)"}
