"""World calendars and in-world dates through the HTTP API, on both stores: the calendar's
validation, dates on stories and events, the legacy ``time_index`` round trip, the timeline's
order and filters, and calendar changes that would strand stored dates."""
from __future__ import annotations

import pytest

from core.models import Event

MONTHS = [{"name": "Thaw", "days": 30}, {"name": "Frostfall", "days": 30}, {"name": "Deepwinter", "days": 40}]
ERAS = [{"name": "Before the Crowning", "abbreviation": "BC", "start_year": -5000, "direction": "backward"},
        {"name": "Third Age", "abbreviation": "TA", "start_year": 1, "direction": "forward"}]
CALENDAR = {"current_date": {"year": 1024, "month": 2, "day": 3}, "months": MONTHS, "eras": ERAS,
            "weekdays": ["Moon", "Tide", "Ash", "Star", "Rest"], "leap": {"every": 4, "month": 2, "days": 1}}


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


@pytest.fixture
def owner(auth):
    return auth.register()


@pytest.fixture
def world(client, owner, make_world):
    """A fantasy world (span 1000 years) with its own calendar."""
    world = make_world(owner)
    answer = client.patch(f"/api/worlds/{world['world_id']}", headers=owner["headers"],
                          json={"metadata": {"calendar": CALENDAR}})
    assert answer.status_code == 200, answer.json
    return answer.json


def patch_calendar(client, user, world, calendar):
    return client.patch(f"/api/worlds/{world['world_id']}", headers=user["headers"],
                        json={"metadata": {"calendar": calendar}})


def add_event(store, story, title, order=0, **fields):
    event = Event(world_id=story["world_id"], story_id=story["story_id"], title=title, order=order,
                  time_index=story["time_index"], origin="person", **fields)
    with store.unit_of_work():
        store.put(Event.collection, event.event_id, event.to_dict())
    return event.event_id


def timeline(client, world, user, query=""):
    answer = client.get(f"/api/worlds/{world['world_id']}/events{query}", headers=user["headers"])
    assert answer.status_code == 200, answer.json
    return answer.json["timeline"]


def titles(body):
    return [e["title"] for y in body["years"] for e in y["events"]]


# -- the calendar ----------------------------------------------------------------------

def test_the_calendar_is_stored_and_shown_whole(client, owner, world):
    calendar = world["metadata"]["calendar"]
    assert calendar["months"] == MONTHS and calendar["eras"] == ERAS and calendar["weekdays"][0] == "Moon"
    assert calendar["leap"] == {"every": 4, "month": 2, "days": 1}
    assert calendar["current_date"] == {"year": 1024, "month": 2, "day": 3}
    # the old fields keep their meaning: the current year, its era and its abbreviation
    assert (calendar["current_year"], calendar["current_era"], calendar["year_name"]) == (1024, "Third Age", "TA")
    assert calendar["span_years"] == 1000
    assert client.get(f"/api/worlds/{world['world_id']}", headers=owner["headers"]).json["metadata"][
        "calendar"] == calendar


def test_an_old_client_moving_the_year_moves_the_current_date(client, owner, world):
    answer = patch_calendar(client, owner, world, {"current_year": 1030})
    assert answer.status_code == 200
    assert answer.json["metadata"]["calendar"]["current_date"] == {"year": 1030, "month": 2, "day": 3}
    answer = patch_calendar(client, owner, world, {"leap": None})   # null: no leap years
    assert answer.json["metadata"]["calendar"]["leap"] is None and answer.json["metadata"]["calendar"]["months"]


def test_an_old_world_shows_the_default_calendar_parts(client, owner, make_world, store):
    old = make_world(owner)
    with store.unit_of_work():
        doc = store.get("worlds", old["world_id"])
        doc["metadata"]["calendar"] = {"current_year": 700, "current_era": "Old Age", "year_name": "OA",
                                       "span_years": 300}
        store.put("worlds", old["world_id"], doc)
    calendar = client.get(f"/api/worlds/{old['world_id']}", headers=owner["headers"]).json["metadata"]["calendar"]
    assert (calendar["current_year"], calendar["current_era"], calendar["span_years"]) == (700, "Old Age", 300)
    assert len(calendar["months"]) == 12 and calendar["eras"] == [] and calendar["leap"] is None
    assert calendar["current_date"] == {"year": 700}


# -- dates on stories -------------------------------------------------------------------

def test_a_dated_story_derives_its_time_and_world_time(client, owner, world, make_story):
    story = make_story(owner, world, date={"year": 512, "month": 2, "day": 3}, time_index=7)
    assert story["date"] == {"year": 512, "month": 2, "day": 3}
    assert story["time_index"] == 48   # the date wins: index_for(512) on years 24..1024
    assert story["metadata"]["world_time"] == {
        "year": 512, "era": "Third Age", "year_name": "TA", "description": "Year 512 TA (Third Age)",
        "date": {"year": 512, "month": 2, "day": 3}, "label": "3 Frostfall 512 TA"}


def test_story_updates_keep_date_and_time_index_together(client, owner, world, make_story):
    story = make_story(owner, world, date={"year": 900, "month": 3, "day": 40})
    url = f"/api/stories/{story['story_id']}"
    # an old client saving the whole story back (same time_index) keeps the date
    same = client.put(url, headers=owner["headers"], json={"title": "Renamed", "time_index": story["time_index"]})
    assert same.json["date"] == {"year": 900, "month": 3, "day": 40} and same.json["time_index"] == 87
    dated = client.put(url, headers=owner["headers"], json={"date": {"year": 300}})
    assert (dated.json["date"], dated.json["time_index"]) == ({"year": 300}, 27)
    # a new time_index alone places the story by index: its date is that index's year
    moved = client.put(url, headers=owner["headers"], json={"time_index": 60})
    assert (moved.json["date"], moved.json["time_index"]) == ({"year": 624}, 60)
    assert moved.json["metadata"]["world_time"]["year"] == 624
    cones = client.get(url, headers=owner["headers"]).json["time_cones"]
    assert len(cones) == 1


def test_a_story_restore_brings_back_its_date(client, owner, world, make_story):
    story = make_story(owner, world, date={"year": 900, "month": 1, "day": 2})
    url = f"/api/stories/{story['story_id']}"
    client.put(url, headers=owner["headers"], json={"time_index": 10})
    versions = client.get(f"{url}/versions", headers=owner["headers"]).json
    assert versions[0]["changed_fields"] == ["time_index", "date"]
    restored = client.post(f"{url}/versions/1/restore", headers=owner["headers"])
    assert restored.status_code == 200
    assert (restored.json["date"], restored.json["time_index"]) == ({"year": 900, "month": 1, "day": 2}, 87)


# -- dates on events --------------------------------------------------------------------

def test_event_dates(client, owner, world, make_story, store):
    story = make_story(owner, world, date={"year": 1000, "month": 3, "day": 5})
    machine = add_event(store, story, "Undated")
    from_text = add_event(store, story, "From the text", year=1003, date_text="three winters later")
    get = client.get(f"/api/events/{machine}", headers=owner["headers"]).json
    assert get["date"] == {"year": 1000, "month": 3, "day": 5} and get["date_label"] == "5 Deepwinter 1000 TA"
    assert get["year"] is None   # no year of its own: it happens at its story's time
    assert client.get(f"/api/events/{from_text}", headers=owner["headers"]).json["date"] == {"year": 1003}
    url = f"/api/events/{machine}"
    dated = client.put(url, headers=owner["headers"], json={"date": {"year": 700, "month": 1}, "year": 5})
    assert dated.status_code == 200
    assert (dated.json["date"], dated.json["year"], dated.json["time_index"]) == ({"year": 700, "month": 1}, 700, 67)
    assert dated.json["edited"] is True and dated.json["date_label"] == "Thaw 700 TA"
    same_year = client.put(url, headers=owner["headers"], json={"year": 700}).json
    assert same_year["date"] == {"year": 700, "month": 1}
    new_year = client.put(url, headers=owner["headers"], json={"year": 701}).json
    assert (new_year["date"], new_year["year"], new_year["time_index"]) == ({"year": 701}, 701, 67)
    moved = client.put(url, headers=owner["headers"], json={"time_index": 90}).json
    assert (moved["date"], moved["year"], moved["time_index"]) == ({"year": 924}, None, 90)
    bad = client.put(url, headers=owner["headers"], json={"date": {"year": 1, "month": 2, "day": 31}})
    assert bad.status_code == 400 and bad.json["code"] == "invalid_date"
    versions = client.get(f"{url}/versions", headers=owner["headers"]).json
    assert "date" in versions[-1]["changed_fields"] and "year" in versions[-1]["changed_fields"]


# -- the timeline -----------------------------------------------------------------------

@pytest.fixture
def chronicle(client, owner, world, make_story, store):
    """Two characters and a place; three stories; events dated, undated and moved."""
    base = f"/api/worlds/{world['world_id']}"
    mara = client.post(f"{base}/entities", headers=owner["headers"], json={"name": "Mara"}).json["entity_id"]
    orin = client.post(f"{base}/entities", headers=owner["headers"], json={"name": "Orin"}).json["entity_id"]
    karsk = client.post(f"{base}/locations", headers=owner["headers"], json={"name": "Karsk"}).json["location_id"]
    late = make_story(owner, world, title="Late", date={"year": 1000, "month": 3, "day": 1})
    early = make_story(owner, world, title="Early", date={"year": 1000, "month": 1, "day": 20})
    legacy = make_story(owner, world, title="Legacy", time_index=50)   # year 524, no date
    ids = {
        "late 1": add_event(store, late, "Late first", order=0, entities=[mara]),
        "late 2": add_event(store, late, "Late second", order=1, entities=[orin], locations=[karsk]),
        "early dated": add_event(store, early, "Early, a day in Frostfall", order=0,
                                 date={"year": 1000, "month": 2, "day": 10}, year=1000, locations=[karsk]),
        "early undated": add_event(store, early, "Early undated", order=1, entities=[mara, orin]),
        "legacy event": add_event(store, legacy, "Legacy", order=0),
        "texted": add_event(store, legacy, "Ten years on", order=1, year=534, date_text="ten years later"),
    }
    return {"mara": mara, "orin": orin, "karsk": karsk, "late": late, "early": early, "legacy": legacy, **ids}


def test_the_timeline_orders_by_date_then_order(client, owner, world, chronicle):
    body = timeline(client, world, owner)
    assert titles(body) == ["Legacy", "Ten years on", "Early undated", "Early, a day in Frostfall",
                            "Late first", "Late second"]
    years = body["years"]
    assert [(y["year"], y["era"], y["label"]) for y in years] == [
        (524, "Third Age", "524 TA"), (534, "Third Age", "534 TA"), (1000, "Third Age", "1000 TA")]
    shown = {e["title"]: e for y in years for e in y["events"]}
    assert shown["Early undated"]["date"] == {"year": 1000, "month": 1, "day": 20}   # its story's date
    assert shown["Early, a day in Frostfall"]["date_label"] == "10 Frostfall 1000 TA"
    assert shown["Late first"]["date"] == {"year": 1000, "month": 3, "day": 1}
    assert shown["Legacy"]["date"] == {"year": 524}


def test_a_moved_undated_event_leaves_its_story(client, owner, world, chronicle):
    client.put(f"/api/events/{chronicle['late 2']}", headers=owner["headers"], json={"time_index": 0})
    assert titles(timeline(client, world, owner))[0] == "Late second"


def test_events_at_a_storys_time_move_with_it(client, owner, world, chronicle, store):
    early = f"/api/stories/{chronicle['early']['story_id']}"
    moved = client.put(early, headers=owner["headers"], json={"date": {"year": 100, "month": 1, "day": 1}}).json
    assert moved["time_index"] == 7
    undated = client.get(f"/api/events/{chronicle['early undated']}", headers=owner["headers"]).json
    assert (undated["time_index"], undated["date"]) == (7, {"year": 100, "month": 1, "day": 1})
    dated = client.get(f"/api/events/{chronicle['early dated']}", headers=owner["headers"]).json
    assert (dated["time_index"], dated["date"]["year"]) == (97, 1000)   # its own date holds it
    assert titles(timeline(client, world, owner))[0] == "Early undated"
    assert store.get("time_cones", moved["time_cones"][0])["time_index"] == 7


def test_the_timeline_filters(client, owner, world, chronicle):
    assert titles(timeline(client, world, owner, f"?entity_id={chronicle['mara']}")) == [
        "Early undated", "Late first"]
    assert titles(timeline(client, world, owner, f"?location_id={chronicle['karsk']}")) == [
        "Early, a day in Frostfall", "Late second"]
    assert titles(timeline(client, world, owner, f"?story_id={chronicle['late']['story_id']}")) == [
        "Late first", "Late second"]
    both = timeline(client, world, owner, f"?entity_id={chronicle['orin']}&location_id={chronicle['karsk']}")
    assert titles(both) == ["Late second"]
    assert titles(timeline(client, world, owner, "?story_id=nope")) == []
    answer = client.get(f"/api/worlds/{world['world_id']}/events?character=x", headers=owner["headers"])
    assert answer.status_code == 400 and "character" in answer.json["details"]


def test_filtered_connections_are_those_between_the_events_shown(client, owner, world, chronicle):
    client.post(f"/api/events/{chronicle['late 1']}/connections", headers=owner["headers"],
                json={"target_event_id": chronicle["late 2"]})
    assert len(timeline(client, world, owner)["connections"]) == 1
    assert timeline(client, world, owner, f"?entity_id={chronicle['mara']}")["connections"] == []


def test_a_filter_shows_only_what_the_caller_may_see(client, auth, owner, world, chronicle):
    client.put(f"/api/worlds/{world['world_id']}", headers=owner["headers"], json={"visibility": "public"})
    client.put(f"/api/stories/{chronicle['early']['story_id']}", headers=owner["headers"],
               json={"visibility": "public"})
    stranger = auth.register()
    assert titles(timeline(client, world, stranger, f"?entity_id={chronicle['mara']}")) == ["Early undated"]
    assert titles(timeline(client, world, stranger, f"?story_id={chronicle['late']['story_id']}")) == []


# -- calendar changes and stored dates ----------------------------------------------------

def test_a_calendar_change_that_strands_dates_is_refused_naming_them(client, owner, world, chronicle):
    before = client.get(f"/api/worlds/{world['world_id']}", headers=owner["headers"]).json
    answer = patch_calendar(client, owner, world, {"months": MONTHS[:2]})   # Deepwinter goes
    assert answer.status_code == 400 and answer.json["code"] == "dates_out_of_calendar"
    details = answer.json["details"]
    assert details["count"] == 1
    assert [(d["kind"], d["title"], d["date"]) for d in details["dates"]] == [
        ("story", "Late", {"year": 1000, "month": 3, "day": 1})]
    shorter = patch_calendar(client, owner, world, {"months": [MONTHS[0], {"name": "Frostfall", "days": 5}, MONTHS[2]]})
    assert shorter.status_code == 400 and shorter.json["details"]["count"] == 1   # 10 Frostfall is gone
    assert shorter.json["details"]["dates"][0]["kind"] == "event"
    assert client.get(f"/api/worlds/{world['world_id']}", headers=owner["headers"]).json == before
    renamed = patch_calendar(client, owner, world, {"months": [{**m, "name": m["name"] + "!"} for m in MONTHS]})
    assert renamed.status_code == 200   # same lengths: every date still exists


def test_a_calendar_change_keeps_the_dates_of_custom_fields_and_relations(client, owner, world):
    base, headers = f"/api/worlds/{world['world_id']}", owner["headers"]
    assert client.post(f"{base}/field-templates", headers=headers, json={
        "kind": "character", "label": "Born", "key": "born", "field_type": "date"}).status_code == 201
    mara = client.post(f"{base}/entities", headers=headers, json={
        "name": "Mara", "fields": {"born": {"year": 990, "month": 3, "day": 35}}}).json
    ivo = client.post(f"{base}/entities", headers=headers, json={"name": "Ivo"}).json
    relation = client.post(f"{base}/relations", headers=headers, json={
        "source_id": mara["entity_id"], "target_id": ivo["entity_id"], "type": "spouse_of",
        "start_date": {"year": 1010, "month": 2, "day": 20}})
    assert relation.status_code == 201, relation.json
    answer = patch_calendar(client, owner, world, {"months": [MONTHS[0], {"name": "Frostfall", "days": 10},
                                                              {"name": "Deepwinter", "days": 30}]})
    assert answer.status_code == 400 and answer.json["code"] == "dates_out_of_calendar"
    assert sorted((d["kind"], d["title"]) for d in answer.json["details"]["dates"]) == [
        ("entry", "Mara: born"), ("relation", "spouse_of")]
    assert client.get(f"{base}/entities/{mara['entity_id']}", headers=headers).json["fields"]["born"]["day"] == 35


def test_a_calendar_change_keeps_dates_and_moves_their_time_index(client, owner, world, chronicle):
    late, legacy = chronicle["late"], chronicle["legacy"]
    assert (late["time_index"], legacy["metadata"]["world_time"]["year"]) == (97, 524)
    answer = patch_calendar(client, owner, world, {"current_year": 1524, "span_years": 1000})
    assert answer.status_code == 200
    moved = client.get(f"/api/stories/{late['story_id']}", headers=owner["headers"]).json
    assert moved["date"] == late["date"] and moved["time_index"] == 47 and moved["version"] == 2
    # an undated (legacy) story keeps its index: its year moves with the calendar, as before dates
    shifted = client.get(f"/api/stories/{legacy['story_id']}", headers=owner["headers"]).json
    assert (shifted["time_index"], shifted["date"]) == (50, {"year": 1024})
    event = client.get(f"/api/events/{chronicle['early dated']}", headers=owner["headers"]).json
    assert (event["date"]["year"], event["time_index"]) == (1000, 47)
    texted = client.get(f"/api/events/{chronicle['texted']}", headers=owner["headers"]).json
    assert (texted["year"], texted["time_index"]) == (534, 1)
    assert titles(timeline(client, world, owner))[:2] == ["Ten years on", "Early undated"]
