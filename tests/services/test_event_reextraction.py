"""Re-extraction keeps manual work, and the timeline places events by the years the text gives
(through the HTTP API, on both stores)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ai"))
from ai_helpers import run_job  # noqa: E402

TEXT = ("Mara Vell sailed to Karsk. Orin Dask forged a blade in Karsk. Mara Vell fought Orin Dask. "
        "Orin Dask fled from Karsk.")


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


@pytest.fixture
def owner(auth):
    return auth.register()


@pytest.fixture
def scene(client, owner, make_world, make_story):
    world = make_world(owner)
    for name in ("Mara Vell", "Orin Dask"):
        client.post(f"/api/worlds/{world['world_id']}/characters", headers=owner["headers"], json={"name": name})
    client.post(f"/api/worlds/{world['world_id']}/locations", headers=owner["headers"], json={"name": "Karsk"})
    story = make_story(owner, world, title="Salt", content=TEXT, time_index=50)
    return world, story


def extract(client, owner, story, force=False):
    task = run_job(client, owner, f"/api/stories/{story['story_id']}/events/extract",
                   query="?force=true" if force else "")
    assert task["status"] == "completed", task
    return task["result"]


def test_a_forced_re_extraction_keeps_edited_events_and_drawn_connections(client, owner, scene, store):
    world, story = scene
    first = extract(client, owner, story)
    assert (first["added"], first["kept"], first["replaced"]) == (4, 0, 0)
    sailed, forged, fought, fled = first["events"]
    assert all(e["origin"] == "machine" and not e["edited"] for e in first["events"])
    renamed = client.put(f"/api/events/{sailed['event_id']}", headers=owner["headers"],
                         json={"title": "Mara sets out"})
    assert renamed.status_code == 200 and renamed.json["edited"] is True
    drawn = client.post(f"/api/events/{forged['event_id']}/connections", headers=owner["headers"],
                        json={"target_event_id": fought["event_id"], "relation_type": "causes"})
    assert drawn.status_code == 201 and drawn.json["connections"][0]["origin"] == "person"
    plan = client.get(f"/api/stories/{story['story_id']}/events/plan", headers=owner["headers"]).json
    assert (plan["kept"], plan["replaced"], plan["up_to_date"]) == (3, 1, True)
    whole = client.get(f"/api/worlds/{world['world_id']}/events/plan", headers=owner["headers"]).json
    assert whole == {"world_id": world["world_id"], "kept": 3, "replaced": 1, "connections": 1}

    again = extract(client, owner, story, force=True)
    assert (again["kept"], again["replaced"], again["added"]) == (3, 1, 1)
    ids = {e["event_id"]: e for e in again["events"]}
    assert {sailed["event_id"], forged["event_id"], fought["event_id"]} <= set(ids)
    assert fled["event_id"] not in ids   # the untouched machine event was replaced
    assert ids[sailed["event_id"]]["title"] == "Mara sets out"
    titles = [e["title"] for e in again["events"]]
    assert titles.count("Orin Dask forged a blade in Karsk") == 1   # not added twice
    assert "Mara Vell sailed to Karsk" not in titles   # the renamed event is that happening
    assert "Orin Dask fled from Karsk" in titles
    timeline = client.get(f"/api/worlds/{world['world_id']}/events", headers=owner["headers"]).json["timeline"]
    assert timeline["connections"] == [{"from_event_id": forged["event_id"], "to_event_id": fought["event_id"],
                                        "relation_type": "causes", "relation_label": "", "origin": "person"}]
    assert len(store.find_ids("events", where={"story_id": story["story_id"]})) == 4


def test_the_timeline_uses_the_years_the_text_gives(client, owner, make_world, make_story):
    world = make_world(owner, world_type="modern")   # current year 2025, span 200: index 50 is 1925
    client.post(f"/api/worlds/{world['world_id']}/characters", headers=owner["headers"], json={"name": "Mara Vell"})
    story = make_story(owner, world, title="Years", time_index=50, content=(
        "Mara Vell sailed home. In the spring of 1912, Mara Vell married Orin. "
        "Three winters later, Mara Vell left Karsk. Ten years earlier, Mara Vell had fled."))
    events = extract(client, owner, story)["events"]
    assert [(e["year"], e["date_text"]) for e in events] == [
        (None, ""), (1912, "In the spring of 1912"), (1915, "Three winters later"), (1905, "Ten years earlier")]
    assert [e["time_index"] for e in events] == [50, 43, 45, 40]
    years = client.get(f"/api/worlds/{world['world_id']}/events", headers=owner["headers"]).json["timeline"]["years"]
    assert [(y["year"], [e["title"] for e in y["events"]]) for y in years] == [
        (1905, ["Mara Vell had fled"]), (1912, ["Mara Vell married Orin"]), (1915, ["Mara Vell left Karsk"]),
        (1925, ["Mara Vell sailed home"])]
    moved = client.put(f"/api/events/{events[1]['event_id']}", headers=owner["headers"], json={"time_index": 100})
    assert (moved.json["year"], moved.json["date_text"], moved.json["time_index"]) == (None, "", 100)
    dated = client.put(f"/api/events/{events[0]['event_id']}", headers=owner["headers"], json={"year": 1990})
    assert (dated.json["year"], dated.json["time_index"]) == (1990, 82)


def test_old_event_documents_load_as_untouched_machine_events(client, owner, scene, store):
    world, story = scene
    extract(client, owner, story)
    event_id = store.find_ids("events", where={"story_id": story["story_id"]})[0]
    other = store.find_ids("events", where={"story_id": story["story_id"]})[1]
    with store.unit_of_work():
        doc = store.get("events", event_id)
        for field in ("origin", "edited", "year", "date_text"):
            doc.pop(field)
        doc["connections"] = [{"to_event_id": other, "relation_type": "related", "relation_label": ""}]
        store.put("events", event_id, doc)
    body = client.get(f"/api/events/{event_id}", headers=owner["headers"]).json
    assert (body["origin"], body["edited"], body["year"], body["date_text"]) == ("machine", False, None, "")
    assert body["connections"][0]["origin"] == "person"   # drawn before connections had an origin
    again = extract(client, owner, story, force=True)
    assert again["kept"] == 2 and {event_id, other} <= {e["event_id"] for e in again["events"]}
