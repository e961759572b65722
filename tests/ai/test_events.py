"""Event extraction cache, the timeline's visibility, and event edits."""
from __future__ import annotations

import pytest
from ai_helpers import run_job

TEXT_A = "Mara Vell sailed to Karsk. Mara met Orin Dask in Karsk. The wind rose."
TEXT_B = "Orin Dask left Karsk at night. Orin reached the Tower of Ash."


@pytest.fixture
def owner(auth):
    return auth.register()


@pytest.fixture
def world(client, owner, make_world, make_story, ai):
    """A private world with two analysed stories and their events."""
    world = make_world(owner, visibility="private")
    world["stories"] = [make_story(owner, world, title="A", content=TEXT_A, time_index=30),
                        make_story(owner, world, title="B", content=TEXT_B, time_index=60)]
    run_job(client, owner, "/api/gpt/batch-analyze-stories", {"world_id": world["world_id"]})
    run_job(client, owner, f"/api/worlds/{world['world_id']}/events/extract")
    return world


def timeline(client, world, user=None):
    headers = user["headers"] if user else {}
    return client.get(f"/api/worlds/{world['world_id']}/events", headers=headers)


def events_of(client, world, user):
    return [e for y in timeline(client, world, user).json["timeline"]["years"] for e in y["events"]]


def test_cache_hit_never_duplicates_and_force_replaces(client, owner, world, store):
    story_id = world["stories"][0]["story_id"]
    before = store.find_ids("events", where={"story_id": story_id})
    assert len(before) == 2
    again = run_job(client, owner, f"/api/stories/{story_id}/events/extract")
    assert again["result"]["cached"] is True and again["result"]["event_count"] == 2
    assert sorted(store.find_ids("events", where={"story_id": story_id})) == sorted(before)
    forced = run_job(client, owner, f"/api/stories/{story_id}/events/extract", query="?force=true")
    after = store.find_ids("events", where={"story_id": story_id})
    assert forced["result"]["cached"] is False and len(after) == 2 and not set(after) & set(before)
    world_again = run_job(client, owner, f"/api/worlds/{world['world_id']}/events/extract")
    assert [s["cached"] for s in world_again["result"]["stories"]] == [True, True]
    assert world_again["result"]["total_events"] == 4


def test_changed_text_or_dropped_cache_re_extracts(client, owner, world, store):
    story_id = world["stories"][0]["story_id"]
    client.put(f"/api/stories/{story_id}", headers=owner["headers"], json={"content": "Mara Vell slept."})
    task = run_job(client, owner, f"/api/stories/{story_id}/events/extract")
    assert task["result"]["cached"] is False and task["result"]["event_count"] == 1
    response = client.delete(f"/api/stories/{story_id}/events/cache", headers=owner["headers"])
    assert response.status_code == 200 and response.json["cleared"] is True
    assert client.delete(f"/api/stories/{story_id}/events/cache", headers=owner["headers"]).json["cleared"] is False
    task = run_job(client, owner, f"/api/stories/{story_id}/events/extract")
    assert task["result"]["cached"] is False and len(store.find_ids("events", where={"story_id": story_id})) == 1


def test_timeline_shape_and_order(client, owner, world):
    body = timeline(client, world, owner).json
    assert body["world_id"] == world["world_id"] and body["world_name"] == world["name"]
    years = body["timeline"]["years"]
    assert [y["year"] for y in years] == [300, 600]
    assert [e["title"] for e in years[0]["events"]] == ["Mara Vell sailed to Karsk", "Mara met Orin Dask in Karsk"]
    event = years[0]["events"][0]
    assert event["story_title"] == "A"
    assert [c["name"] for c in event["character_details"]] == ["Mara Vell"]
    assert [p["name"] for p in event["location_details"]] == ["Karsk"]
    assert set(event["character_details"][0]) == {"entity_id", "name"}


def test_timeline_visibility(client, auth, owner, world, make_story):
    reader, stranger = auth.register(), auth.register()
    client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"],
                json={"user_ids": [reader["user_id"]]})
    assert timeline(client, world, reader).status_code == 200
    assert len(events_of(client, world, reader)) == 4
    assert timeline(client, world, stranger).status_code == 404
    assert timeline(client, world).status_code == 404
    # a public world shows strangers only the events of its public stories
    client.put(f"/api/worlds/{world['world_id']}", headers=owner["headers"], json={"visibility": "public"})
    client.put(f"/api/stories/{world['stories'][1]['story_id']}", headers=owner["headers"],
               json={"visibility": "public"})
    assert {e["story_title"] for e in events_of(client, world, stranger)} == {"B"}
    assert {e["story_title"] for e in events_of(client, world, None)} == {"B"}


def test_extraction_needs_the_owner(client, auth, owner, world):
    reader, stranger = auth.register(), auth.register()
    client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"],
                json={"user_ids": [reader["user_id"]]})
    story_id = world["stories"][0]["story_id"]
    for user, status in ((reader, 403), (stranger, 404)):
        assert client.post(f"/api/worlds/{world['world_id']}/events/extract", headers=user["headers"]).status_code == status
        assert client.post(f"/api/stories/{story_id}/events/extract", headers=user["headers"]).status_code == status
        assert client.delete(f"/api/stories/{story_id}/events/cache", headers=user["headers"]).status_code == status
    assert client.post(f"/api/stories/{story_id}/events/extract?force=maybe",
                       headers=owner["headers"]).status_code == 400


def test_edit_and_delete_events(client, auth, owner, world, store):
    reader, stranger = auth.register(), auth.register()
    client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"],
                json={"user_ids": [reader["user_id"]]})
    event = events_of(client, world, owner)[0]
    url = f"/api/events/{event['event_id']}"
    assert client.put(url, headers=reader["headers"], json={"title": "x"}).status_code == 403
    assert client.put(url, headers=stranger["headers"], json={"title": "x"}).status_code == 404
    assert client.put(url, headers=owner["headers"], json={"time_index": 101}).status_code == 400
    bad = client.put(url, headers=owner["headers"], json={"entities": ["nope"]})
    assert bad.status_code == 400 and "entities" in bad.json["details"]
    changed = client.put(url, headers=owner["headers"], json={"title": "Mara sets sail", "time_index": 90})
    assert changed.status_code == 200 and changed.json["title"] == "Mara sets sail"
    assert events_of(client, world, owner)[-1]["title"] == "Mara sets sail"   # moved to the end
    assert client.delete(url, headers=reader["headers"]).status_code == 403
    assert client.delete(url, headers=owner["headers"]).status_code == 200
    assert store.get("events", event["event_id"]) is None
    assert client.delete(url, headers=owner["headers"]).status_code == 404


def test_connections_and_their_cleanup(client, auth, owner, world, make_world):
    reader = auth.register()
    client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"],
                json={"user_ids": [reader["user_id"]]})
    a1, a2, b1, b2 = events_of(client, world, owner)
    url = f"/api/events/{a1['event_id']}/connections"
    made = client.post(url, headers=owner["headers"], json={"target_event_id": b1["event_id"],
                       "relation_type": "causes", "relation_label": "leads to"})
    assert made.status_code == 201 and len(made.json["connections"]) == 1
    client.post(f"/api/events/{a2['event_id']}/connections", headers=owner["headers"],
                json={"target_event_id": b2["event_id"]})
    connections = timeline(client, world, reader).json["timeline"]["connections"]
    assert {"from_event_id": a1["event_id"], "to_event_id": b1["event_id"], "relation_type": "causes",
            "relation_label": "leads to", "origin": "person"} in connections and len(connections) == 2
    assert client.post(url, headers=reader["headers"], json={"target_event_id": b1["event_id"]}).status_code == 403
    assert client.post(url, headers=owner["headers"], json={"target_event_id": a1["event_id"]}).status_code == 400
    assert client.post(url, headers=owner["headers"], json={}).status_code == 400
    # deleting an event, then a story, drops the connections pointing at their events
    client.delete(f"/api/events/{b2['event_id']}", headers=owner["headers"])
    assert len(timeline(client, world, owner).json["timeline"]["connections"]) == 1
    client.delete(f"/api/stories/{world['stories'][1]['story_id']}", headers=owner["headers"])
    body = timeline(client, world, owner).json["timeline"]
    assert body["connections"] == [] and {e["story_title"] for y in body["years"] for e in y["events"]} == {"A"}
    remaining = client.get(f"/api/worlds/{world['world_id']}/events", headers=owner["headers"]).json
    assert all(e["connections"] == [] for y in remaining["timeline"]["years"] for e in y["events"])
