"""The trash: deleting a world, story, character or location moves it (and what
its delete removes) into one trash entry; restoring puts it all back with the
same ids and links; while trashed it shows nowhere; entries expire after
TRASH_RETENTION_DAYS. On both stores."""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from core import clock
from core.models import Event
from interfaces.app_factory import create_app
from services.trash_service import TrashService

WORLD_COLLECTIONS = ("stories", "entities", "locations", "time_cones", "events", "revisions")


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


def ok(answer, status=200):
    assert answer.status_code == status, answer.json
    return answer.json


@pytest.fixture
def busy_world(client, auth, make_world, make_story, store):
    """A world with two linked stories sharing a character and a place, an event in each
    (the second connected to the first), an event cache and a revision."""
    owner = auth.register()
    world = make_world(owner, name="Zanzibar Reach", visibility="public")
    wid = world["world_id"]
    first = make_story(owner, world, title="Zanzibar Dawn", content="Ayla sails.", visibility="public")
    second = make_story(owner, world, title="Zanzibar Dusk", content="Ayla returns.", visibility="public")
    for story in (first, second):
        ok(client.post(f"/api/stories/{story['story_id']}/link-entities", headers=owner["headers"],
                       json={"characters": ["Ayla"], "locations": ["Port"]}))
    ok(client.post(f"/api/worlds/{wid}/auto-link-stories", headers=owner["headers"]))
    ok(client.put(f"/api/stories/{first['story_id']}", json={"content": "Ayla sails at dawn."},
                  headers=owner["headers"]))
    hero = client.get(f"/api/worlds/{wid}/characters", headers=owner["headers"]).json[0]
    place = client.get(f"/api/worlds/{wid}/locations", headers=owner["headers"]).json[0]
    storm = Event(world_id=wid, story_id=first["story_id"], title="Storm", entities=[hero["entity_id"]],
                  locations=[place["location_id"]])
    calm = Event(world_id=wid, story_id=second["story_id"], title="Calm", entities=[hero["entity_id"]],
                 connections=[{"to_event_id": storm.event_id, "relation_type": "follows", "relation_label": ""}])
    for event in (storm, calm):
        store.put(Event.collection, event.event_id, event.to_dict())
    store.put("event_cache", first["story_id"], {"story_id": first["story_id"], "world_id": wid,
                                                 "content_hash": "x", "event_ids": [storm.event_id]})
    return {"owner": owner, "world_id": wid, "stories": [first["story_id"], second["story_id"]],
            "hero": hero["entity_id"], "place": place["location_id"], "storm": storm.event_id,
            "calm": calm.event_id}


def world_documents(store, world_id) -> dict:
    docs = {c: {d[store.id_field(c)]: d for d in store.find(c, where={"world_id": world_id})}
            for c in WORLD_COLLECTIONS}
    world = store.get("worlds", world_id)
    docs["worlds"] = {world_id: world} if world else {}
    docs["event_cache"] = {sid: store.get("event_cache", sid) for sid in docs["stories"]
                           if store.get("event_cache", sid)}
    return docs


def test_deleting_a_world_then_restoring_it_brings_everything_back_with_the_same_ids_and_links(
        client, store, busy_world):
    owner, wid = busy_world["owner"], busy_world["world_id"]
    before = world_documents(store, wid)
    assert all(before[c] for c in (*WORLD_COLLECTIONS, "worlds", "event_cache")), before
    graph = client.get(f"/api/worlds/{wid}/relationships", headers=owner["headers"]).json
    timeline = client.get(f"/api/worlds/{wid}/events", headers=owner["headers"]).json

    deleted = ok(client.delete(f"/api/worlds/{wid}", headers=owner["headers"]))
    assert deleted["message"] == "World deleted" and deleted["world_id"] == wid
    assert all(not docs for docs in world_documents(store, wid).values())
    assert client.get(f"/api/worlds/{wid}", headers=owner["headers"]).status_code == 404

    restored = ok(client.post(f"/api/trash/{deleted['trash_id']}/restore", headers=owner["headers"]))
    assert restored["kind"] == "world" and restored["item_id"] == wid
    assert restored["restored"] == {c: len(docs) for c, docs in before.items()}
    assert world_documents(store, wid) == before
    assert client.get(f"/api/worlds/{wid}/relationships", headers=owner["headers"]).json == graph
    assert client.get(f"/api/worlds/{wid}/events", headers=owner["headers"]).json == timeline
    assert ok(client.get(f"/api/stories/{busy_world['stories'][0]}/versions", headers=owner["headers"]))
    assert client.get("/api/trash", headers=owner["headers"]).json == []


def test_nothing_of_a_trashed_world_shows_in_lists_counts_search_graph_or_timeline(
        client, auth, store, busy_world):
    owner, wid = busy_world["owner"], busy_world["world_id"]
    admin = auth.register(role="admin")
    callers = {"owner": owner["headers"], "anonymous": {}, "admin": admin["headers"]}
    stats_before = {name: client.get("/api/stats", headers=h).json for name, h in callers.items()}
    admin_before = client.get("/api/admin/stats", headers=admin["headers"]).json["stats"]
    assert stats_before["anonymous"]["total_worlds"] >= 1
    ok(client.delete(f"/api/worlds/{wid}", headers=owner["headers"]))

    for name, headers in callers.items():
        assert wid not in [w["world_id"] for w in client.get("/api/worlds?per_page=200", headers=headers).json]
        assert client.get("/api/worlds?q=zanzibar", headers=headers).json == []
        assert client.get("/api/stories?q=zanzibar", headers=headers).json == []
        assert not set(busy_world["stories"]) & {s["story_id"] for s in client.get(
            "/api/stories?per_page=200", headers=headers).json}
        for path in ("", "/stories", "/characters", "/locations", "/relationships", "/events"):
            assert client.get(f"/api/worlds/{wid}{path}", headers=headers).status_code == 404, path
        assert client.get(f"/api/stories?world_id={wid}", headers=headers).status_code == 404
        for story_id in busy_world["stories"]:
            assert client.get(f"/api/stories/{story_id}", headers=headers).status_code == 404
        stats = client.get("/api/stats", headers=headers).json
        assert stats["total_worlds"] == stats_before[name]["total_worlds"] - 1
        assert stats["total_stories"] == stats_before[name]["total_stories"] - 2
        assert stats["total_entities"] == stats_before[name]["total_entities"] - 1
        assert stats["total_locations"] == stats_before[name]["total_locations"] - 1
    quota = client.get("/api/stats", headers=owner["headers"]).json["user_quota"]
    assert quota["worlds"]["current"] == stats_before["owner"]["user_quota"]["worlds"]["current"] - 1
    assert quota["stories"]["current"] == stats_before["owner"]["user_quota"]["stories"]["current"] - 2
    admin_after = client.get("/api/admin/stats", headers=admin["headers"]).json["stats"]
    assert admin_after["total_worlds"] == admin_before["total_worlds"] - 1
    assert admin_after["total_stories"] == admin_before["total_stories"] - 2


def test_a_trashed_story_or_character_leaves_the_graph_timeline_search_and_counts(client, busy_world):
    owner, wid = busy_world["owner"], busy_world["world_id"]
    first, second = busy_world["stories"]
    stats = client.get("/api/stats", headers=owner["headers"]).json
    ok(client.delete(f"/api/stories/{second}", headers=owner["headers"]))
    graph = client.get(f"/api/worlds/{wid}/relationships", headers=owner["headers"]).json
    assert second not in {n["id"] for n in graph["nodes"]}
    assert not [e for e in graph["edges"] if second in (e["source"], e["target"])]
    events = [e["event_id"] for year in client.get(f"/api/worlds/{wid}/events", headers=owner["headers"]).json[
        "timeline"]["years"] for e in year["events"]]
    assert events == [busy_world["storm"]]
    assert [s["story_id"] for s in client.get("/api/stories?q=zanzibar", headers=owner["headers"]).json] == [first]
    assert client.get(f"/api/worlds/{wid}", headers=owner["headers"]).json["stories"] == [first]
    assert client.get(f"/api/stories/{first}", headers=owner["headers"]).json["linked_stories"] == []
    assert client.get("/api/stats", headers=owner["headers"]).json["total_stories"] == stats["total_stories"] - 1

    ok(client.delete(f"/api/worlds/{wid}/entities/{busy_world['hero']}", headers=owner["headers"]))
    graph = client.get(f"/api/worlds/{wid}/relationships", headers=owner["headers"]).json
    assert busy_world["hero"] not in {n["id"] for n in graph["nodes"]}
    assert client.get(f"/api/worlds/{wid}", headers=owner["headers"]).json["entities"] == []
    assert client.get(f"/api/stories/{first}", headers=owner["headers"]).json["entities"] == []
    assert client.get("/api/stats", headers=owner["headers"]).json["total_entities"] == stats["total_entities"] - 1


def test_deleting_a_story_takes_out_its_links_and_connections_and_restoring_puts_them_back(
        client, store, busy_world):
    owner = busy_world["owner"]
    first, second = busy_world["stories"]
    before = {"first": store.get("stories", first), "calm": store.get("events", busy_world["calm"])}
    deleted = ok(client.delete(f"/api/stories/{first}", headers=owner["headers"]))
    assert (deleted["message"], deleted["story_id"]) == ("Story deleted", first)
    assert store.get("stories", second)["linked_stories"] == []
    assert store.get("events", busy_world["calm"])["connections"] == []
    assert store.get("events", busy_world["storm"]) is None and store.get("event_cache", first) is None
    assert store.find("time_cones", where={"story_id": first}) == []
    restored = ok(client.post(f"/api/trash/{deleted['trash_id']}/restore", headers=owner["headers"]))
    assert restored["references_restored"] == 2
    assert restored["restored"] == {"stories": 1, "time_cones": 1, "events": 1, "event_cache": 1, "revisions": 1}
    assert store.get("stories", first) == before["first"]
    assert store.get("stories", second)["linked_stories"] == [first]
    assert store.get("events", busy_world["calm"]) == before["calm"]


def test_deleting_a_character_unlinks_it_and_restoring_relinks_it_where_the_documents_still_exist(
        client, store, busy_world):
    owner, wid, hero = busy_world["owner"], busy_world["world_id"], busy_world["hero"]
    first, second = busy_world["stories"]
    ok(client.post(f"/api/stories/{first}/link-entities", headers=owner["headers"], json={"characters": ["Borin"]}))
    order = store.get("stories", first)["entities"]
    deleted = ok(client.delete(f"/api/worlds/{wid}/entities/{hero}", headers=owner["headers"]))
    assert (deleted["message"], deleted["entity_id"]) == ("Character deleted", hero)
    assert hero not in store.get("stories", first)["entities"]
    assert store.get("events", busy_world["storm"])["entities"] == []
    ok(client.delete(f"/api/stories/{second}", headers=owner["headers"]))   # the calm event goes with it
    restored = ok(client.post(f"/api/trash/{deleted['trash_id']}/restore", headers=owner["headers"]))
    assert restored["restored"] == {"entities": 1} and restored["references_restored"] == 2
    assert store.get("stories", first)["entities"] == order          # back in its place
    assert store.get("events", busy_world["storm"])["entities"] == [hero]
    assert client.get(f"/api/worlds/{wid}/entities/{hero}", headers=owner["headers"]).status_code == 200


def test_deleting_a_location_then_restoring_it_relinks_it(client, store, busy_world):
    owner, wid, place = busy_world["owner"], busy_world["world_id"], busy_world["place"]
    deleted = ok(client.delete(f"/api/worlds/{wid}/locations/{place}", headers=owner["headers"]))
    assert (deleted["message"], deleted["location_id"]) == ("Location deleted", place)
    assert all(place not in store.get("stories", s)["locations"] for s in busy_world["stories"])
    ok(client.post(f"/api/trash/{deleted['trash_id']}/restore", headers=owner["headers"]))
    assert all(store.get("stories", s)["locations"] == [place] for s in busy_world["stories"])
    assert store.get("events", busy_world["storm"])["locations"] == [place]


def test_restoring_a_character_whose_name_was_taken_again_is_refused(client, busy_world):
    owner, wid, hero = busy_world["owner"], busy_world["world_id"], busy_world["hero"]
    deleted = ok(client.delete(f"/api/worlds/{wid}/entities/{hero}", headers=owner["headers"]))
    ok(client.post(f"/api/worlds/{wid}/entities", json={"name": "AYLA"}, headers=owner["headers"]), 201)
    refused = client.post(f"/api/trash/{deleted['trash_id']}/restore", headers=owner["headers"])
    assert refused.status_code == 409 and refused.json["code"] == "duplicate_name"
    assert [t["trash_id"] for t in client.get("/api/trash", headers=owner["headers"]).json] == [deleted["trash_id"]]


def test_restoring_a_story_whose_world_is_in_the_trash_is_refused_with_409(client, busy_world):
    owner, wid = busy_world["owner"], busy_world["world_id"]
    story = busy_world["stories"][0]
    story_trash = ok(client.delete(f"/api/stories/{story}", headers=owner["headers"]))["trash_id"]
    world_trash = ok(client.delete(f"/api/worlds/{wid}", headers=owner["headers"]))["trash_id"]
    refused = client.post(f"/api/trash/{story_trash}/restore", headers=owner["headers"])
    assert refused.status_code == 409 and refused.json["code"] == "world_not_live"
    assert {"error", "code", "details"} <= set(refused.json)
    ok(client.post(f"/api/trash/{world_trash}/restore", headers=owner["headers"]))
    ok(client.post(f"/api/trash/{story_trash}/restore", headers=owner["headers"]))
    assert client.get(f"/api/stories/{story}", headers=owner["headers"]).status_code == 200


def test_a_trashed_public_world_frees_the_quota_and_restoring_it_past_the_quota_is_refused(
        client, auth, make_world):
    owner = auth.register()                       # the "user" role: 5 public worlds
    worlds = [make_world(owner, visibility="public") for _ in range(5)]
    over = client.post("/api/worlds", json={"name": "One more", "visibility": "public"}, headers=owner["headers"])
    assert over.status_code == 429
    trash_id = ok(client.delete(f"/api/worlds/{worlds[0]['world_id']}", headers=owner["headers"]))["trash_id"]
    quota = client.get("/api/stats", headers=owner["headers"]).json["user_quota"]["worlds"]
    assert quota == {"current": 4, "limit": 5}
    make_world(owner, visibility="public")        # the freed place is taken again
    refused = client.post(f"/api/trash/{trash_id}/restore", headers=owner["headers"])
    assert refused.status_code == 429 and refused.json["code"] == "public_world_quota"
    assert "Retry-After" in refused.headers
    assert client.get(f"/api/worlds/{worlds[0]['world_id']}", headers=owner["headers"]).status_code == 404
    assert [t["trash_id"] for t in client.get("/api/trash", headers=owner["headers"]).json] == [trash_id]


def test_the_trash_lists_what_each_entry_is_and_holds_newest_first(client, busy_world):
    owner, wid = busy_world["owner"], busy_world["world_id"]
    story = ok(client.delete(f"/api/stories/{busy_world['stories'][1]}", headers=owner["headers"]))
    world = ok(client.delete(f"/api/worlds/{wid}", headers=owner["headers"]))
    listed = client.get("/api/trash", headers=owner["headers"])
    assert listed.headers["X-Total-Count"] == "2"
    newest, oldest = listed.json
    assert (newest["trash_id"], newest["kind"], newest["title"], newest["item_id"], newest["world_id"]) == (
        world["trash_id"], "world", "Zanzibar Reach", wid, wid)
    assert newest["counts"] == {"worlds": 1, "stories": 1, "entities": 1, "locations": 1, "time_cones": 1,
                                "events": 1, "event_cache": 1, "revisions": 1}
    assert (oldest["trash_id"], oldest["kind"], oldest["title"]) == (story["trash_id"], "story", "Zanzibar Dusk")
    assert newest["owner_id"] == newest["deleted_by"] == owner["user_id"]
    assert clock.parse_iso(newest["expires_at"]) - clock.parse_iso(newest["deleted_at"]) == timedelta(days=30)
    page = client.get("/api/trash?page=2&per_page=1", headers=owner["headers"])
    assert [t["trash_id"] for t in page.json] == [story["trash_id"]]


def test_only_the_owner_or_an_admin_sees_restores_or_purges_a_trash_entry(client, auth, busy_world):
    owner, wid = busy_world["owner"], busy_world["world_id"]
    reader, stranger, admin = auth.register(), auth.register(), auth.register(role="admin")
    ok(client.post(f"/api/worlds/{wid}/share", json={"user_ids": [reader["user_id"]]}, headers=owner["headers"]))
    trash_id = ok(client.delete(f"/api/worlds/{wid}", headers=owner["headers"]))["trash_id"]
    missing = "00000000-0000-4000-8000-000000000000"
    for caller in (reader, stranger):
        assert client.get("/api/trash", headers=caller["headers"]).json == []
        for method, path in (("POST", f"/api/trash/{{}}/restore"), ("DELETE", "/api/trash/{}")):
            refused = client.open(path.format(trash_id), method=method, headers=caller["headers"])
            assert refused.status_code == 404
            assert refused.json == client.open(path.format(missing), method=method, headers=caller["headers"]).json
    assert client.get("/api/trash").status_code == 401
    assert client.get("/api/trash", headers=admin["headers"]).json == []   # the admin's own trash
    ok(client.post(f"/api/trash/{trash_id}/restore", headers=admin["headers"]))
    assert client.get(f"/api/worlds/{wid}", headers=owner["headers"]).status_code == 200


def test_purging_now_deletes_for_good(client, store, busy_world):
    owner, wid = busy_world["owner"], busy_world["world_id"]
    trash_id = ok(client.delete(f"/api/worlds/{wid}", headers=owner["headers"]))["trash_id"]
    purged = ok(client.delete(f"/api/trash/{trash_id}", headers=owner["headers"]))
    assert purged == {"message": "World deleted for good", "trash_id": trash_id, "kind": "world", "item_id": wid}
    assert store.get("trash", trash_id) is None and store.count("trash") == 0
    assert client.post(f"/api/trash/{trash_id}/restore", headers=owner["headers"]).status_code == 404
    assert client.delete(f"/api/trash/{trash_id}", headers=owner["headers"]).status_code == 404
    assert all(not docs for docs in world_documents(store, wid).values())


def test_expired_entries_are_purged_when_the_trash_is_listed(client, store, busy_world):
    owner, wid = busy_world["owner"], busy_world["world_id"]
    trash_id = ok(client.delete(f"/api/worlds/{wid}", headers=owner["headers"]))["trash_id"]
    with clock.shifted(timedelta(days=29)):
        assert [t["trash_id"] for t in client.get("/api/trash", headers=owner["headers"]).json] == [trash_id]
    with clock.shifted(timedelta(days=31)):
        assert client.post(f"/api/trash/{trash_id}/restore", headers=owner["headers"]).status_code == 404
        assert client.get("/api/trash", headers=owner["headers"]).json == []
    assert store.get("trash", trash_id) is None
    assert client.post(f"/api/trash/{trash_id}/restore", headers=owner["headers"]).status_code == 404


def test_expired_entries_are_purged_at_start_up(app, client, store, busy_world):
    owner = busy_world["owner"]
    old = ok(client.delete(f"/api/stories/{busy_world['stories'][0]}", headers=owner["headers"]))["trash_id"]
    with clock.shifted(timedelta(days=20)):
        recent = ok(client.delete(f"/api/worlds/{busy_world['world_id']}", headers=owner["headers"]))["trash_id"]
    with clock.shifted(timedelta(days=31)):
        settings = SimpleNamespace(**{key: value for key, value in app.config.items() if key.isupper()})
        restarted = create_app(settings, store=store)   # a restart, on the same store
    assert restarted.extensions["worldsmith"].trash is not None
    assert store.get("trash", old) is None and store.get("trash", recent) is not None


def test_purge_expired_uses_the_clock_it_is_given(client, store, busy_world):
    owner = busy_world["owner"]
    ok(client.delete(f"/api/worlds/{busy_world['world_id']}", headers=owner["headers"]))
    now = clock.now()
    assert TrashService(store, 30, now=lambda: now + timedelta(days=29)).purge_expired() == 0
    assert TrashService(store, 7, now=lambda: now + timedelta(days=8)).purge_expired() == 1
    assert store.count("trash") == 0
