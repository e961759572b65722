"""World calendars and in-world dates through the HTTP API: what is refused, with which code
and field, and that a refused request writes nothing (validation only: TinyDB)."""
from __future__ import annotations

import pytest

from test_calendar_api import CALENDAR, ERAS, MONTHS, patch_calendar


@pytest.fixture
def owner(auth):
    return auth.register()


@pytest.fixture
def world(client, owner, make_world):
    world = make_world(owner)
    answer = patch_calendar(client, owner, world, CALENDAR)
    assert answer.status_code == 200, answer.json
    return answer.json


@pytest.mark.parametrize("calendar, field", [
    ({"months": []}, "metadata.calendar.months"),
    ({"months": [{"name": "Long", "days": 101}]}, "metadata.calendar.months.0.days"),
    ({"months": [{"name": " ", "days": 10}]}, "metadata.calendar.months.0.name"),
    ({"months": [{"name": f"M{i}", "days": 10} for i in range(25)]}, "metadata.calendar.months"),
    ({"weekdays": [f"D{i}" for i in range(15)]}, "metadata.calendar.weekdays"),
    ({"eras": [{"name": "A", "start_year": 1, "direction": "sideways"}]}, "metadata.calendar.eras.0.direction"),
    ({"leap": {"every": 0, "month": 1}}, "metadata.calendar.leap.every"),
    ({"current_date": {"year": 1, "month": 0}}, "metadata.calendar.current_date.month"),
])
def test_malformed_calendars_get_400_with_the_field(client, owner, world, calendar, field):
    answer = patch_calendar(client, owner, world, calendar)
    assert answer.status_code == 400 and answer.json["code"] == "validation_error"
    assert field in answer.json["details"], answer.json


@pytest.mark.parametrize("calendar, field", [
    ({"leap": {"every": 4, "month": 4}}, "metadata.calendar.leap.month"),
    ({"eras": [ERAS[1], ERAS[0]]}, "metadata.calendar.eras"),
    ({"eras": [ERAS[0]]}, "metadata.calendar.eras"),
    ({"current_date": {"year": 1025, "month": 2, "day": 31}}, "metadata.calendar.current_date"),
    ({"current_year": 1, "current_date": {"year": 2}}, "current_date"),
])
def test_calendars_that_do_not_hold_together_get_400_and_change_nothing(client, owner, world, calendar, field):
    answer = patch_calendar(client, owner, world, calendar)
    assert answer.status_code == 400 and answer.json["code"] == "invalid_calendar"
    assert field in answer.json["details"], answer.json
    assert client.get(f"/api/worlds/{world['world_id']}", headers=owner["headers"]).json == world


def test_a_calendar_at_world_creation(client, owner):
    answer = client.post("/api/worlds", headers=owner["headers"], json={
        "name": "Dated", "metadata": {"calendar": {**CALENDAR, "current_year": 1024}}})
    assert answer.status_code == 201 and answer.json["metadata"]["calendar"]["year_name"] == "TA"
    plain = patch_calendar(client, owner, answer.json, {"eras": [{"name": "Dawn", "start_year": 5}]})
    assert plain.json["metadata"]["calendar"]["eras"] == [   # the defaults of what was left out
        {"name": "Dawn", "abbreviation": "", "start_year": 5, "direction": "forward"}]
    assert plain.json["metadata"]["calendar"]["year_name"] == ""
    bad = client.post("/api/worlds", headers=owner["headers"], json={
        "name": "Bad", "metadata": {"calendar": {"eras": [ERAS[0]]}}})
    assert bad.status_code == 400 and bad.json["code"] == "invalid_calendar"


def test_invalid_dates_get_400_and_write_nothing(client, owner, world, make_story, store):
    before = store.count("stories", where={"world_id": world["world_id"]})
    for date, code in (({"year": 1023, "month": 2, "day": 31}, "invalid_date"),
                       ({"year": 1, "month": 4}, "invalid_date"), ({"year": 1, "day": 4}, "invalid_date"),
                       ({"year": 10**7}, "validation_error"), ({"month": 2}, "validation_error")):
        answer = client.post("/api/stories", headers=owner["headers"],
                             json={"world_id": world["world_id"], "title": "X", "date": date})
        assert answer.status_code == 400 and answer.json["code"] == code, (date, answer.json)
    assert store.count("stories", where={"world_id": world["world_id"]}) == before
    story = make_story(owner, world, date={"year": 1024, "month": 2, "day": 31})   # a leap day
    answer = client.put(f"/api/stories/{story['story_id']}", headers=owner["headers"],
                        json={"date": {"year": 1023, "month": 2, "day": 31}})
    assert answer.status_code == 400 and answer.json["details"] == {"date": "Frostfall 1023 has 30 days"}
    assert client.get(f"/api/stories/{story['story_id']}", headers=owner["headers"]).json["version"] == 1
