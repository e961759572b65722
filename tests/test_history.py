"""History: every update keeps the previous version (who, when, which fields);
the kept versions are listed newest first, each can be diffed against the
current document and restored (itself a new version); at most
HISTORY_MAX_VERSIONS are kept per document; only those who may change the
document see its history. On both stores."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from core.clock import parse_iso
from core.models import Event

MAX_VERSIONS = 4


@pytest.fixture
def config_overrides(on_both_stores):
    return {**on_both_stores, "HISTORY_MAX_VERSIONS": MAX_VERSIONS}


def put(client, user, path, **fields):
    answer = client.put(path, json=fields, headers=user["headers"])
    assert answer.status_code == 200, answer.json
    return answer.json


@pytest.fixture
def story_path(client, auth, make_world, make_story):
    owner = auth.register()
    world = make_world(owner)
    story = make_story(owner, world, title="Dawn", content="The sun rose.\nBirds sang.")
    return owner, world, f"/api/stories/{story['story_id']}"


def test_versions_are_listed_newest_first_with_who_when_and_what_changed(client, story_path):
    owner, _, path = story_path
    start = datetime.now(timezone.utc) - timedelta(milliseconds=1)   # timestamps are to the millisecond
    put(client, owner, path, title="Dusk")
    put(client, owner, path, content="The sun set.\nBirds sang.", genre="mystery")
    listed = client.get(f"{path}/versions", headers=owner["headers"])
    assert listed.status_code == 200
    assert listed.headers["X-Total-Count"] == "2" and "Link" in listed.headers
    assert [v["version"] for v in listed.json] == [2, 1]
    assert listed.json[0]["changed_fields"] == ["content", "genre"]
    assert listed.json[1]["changed_fields"] == ["title"]
    for entry in listed.json:
        assert entry["changed_by"] == {"user_id": owner["user_id"], "username": owner["username"]}
        assert start <= parse_iso(entry["changed_at"]) <= datetime.now(timezone.utc)
        assert entry["restored_version"] is None
    assert client.get(path, headers=owner["headers"]).json["version"] == 3


def test_the_history_records_who_changed_it(client, auth, story_path):
    owner, _, path = story_path
    admin = auth.register(role="admin")
    put(client, admin, path, title="Edited by staff")
    entry = client.get(f"{path}/versions", headers=owner["headers"]).json[0]
    assert entry["changed_by"] == {"user_id": admin["user_id"], "username": admin["username"]}


def test_a_version_is_shown_whole_with_a_diff_against_the_current_one(client, story_path):
    owner, _, path = story_path
    put(client, owner, path, title="Dusk")
    put(client, owner, path, content="The sun set.\nBirds sang.")
    answer = client.get(f"{path}/versions/1", headers=owner["headers"])
    assert answer.status_code == 200
    body = answer.json
    assert body["version"] == 1 and body["current_version"] == 3
    assert body["document"]["title"] == "Dawn" and body["document"]["content"] == "The sun rose.\nBirds sang."
    assert body["diff"]["title"] == {"type": "value", "old": "Dawn", "new": "Dusk"}
    text = body["diff"]["content"]
    assert text["type"] == "text"
    lines = text["unified_diff"].splitlines()
    assert lines[:2] == ["--- version 1", "+++ version 3"]
    assert "-The sun rose." in lines and "+The sun set." in lines and " Birds sang." in lines
    assert set(body["diff"]) == {"title", "content"}
    current = client.get(f"{path}/versions/3", headers=owner["headers"]).json
    assert current["diff"] == {} and current["document"]["title"] == "Dusk"
    assert client.get(f"{path}/versions/9", headers=owner["headers"]).status_code == 404


def test_restoring_a_version_makes_a_new_version_and_keeps_the_one_it_replaces(client, store, story_path):
    owner, _, path = story_path
    put(client, owner, path, title="Dusk")
    put(client, owner, path, content="Rewritten.", time_index=80)
    restored = client.post(f"{path}/versions/1/restore", headers=owner["headers"])
    assert restored.status_code == 200, restored.json
    assert restored.headers["ETag"] == '"4"'
    assert (restored.json["version"], restored.json["title"], restored.json["content"]) == (
        4, "Dawn", "The sun rose.\nBirds sang.")
    assert restored.json["time_index"] == 50
    story_id = path.rsplit("/", 1)[1]
    cone = store.find("time_cones", where={"story_id": story_id})[0]
    assert (cone["time_index"], cone["label"]) == (50, "Dawn")   # restored through the update path
    listed = client.get(f"{path}/versions", headers=owner["headers"]).json
    assert [v["version"] for v in listed] == [3, 2, 1]
    assert listed[0]["restored_version"] == 1
    assert set(listed[0]["changed_fields"]) == {"title", "content", "time_index"}
    kept = client.get(f"{path}/versions/3", headers=owner["headers"]).json["document"]
    assert (kept["title"], kept["content"]) == ("Dusk", "Rewritten.")
    current = client.post(f"{path}/versions/4/restore", headers=owner["headers"])
    assert current.status_code == 409 and current.json["code"] == "already_current"


def test_restore_honours_if_match(client, store, story_path):
    owner, _, path = story_path
    put(client, owner, path, title="Dusk")
    revisions = store.count("revisions")
    stale = client.post(f"{path}/versions/1/restore", headers={**owner["headers"], "If-Match": '"1"'})
    assert stale.status_code == 412 and stale.json["current"]["title"] == "Dusk"
    assert stale.headers["ETag"] == '"2"'
    assert client.get(path, headers=owner["headers"]).json["version"] == 2
    assert store.count("revisions") == revisions
    fresh = client.post(f"{path}/versions/1/restore", headers={**owner["headers"], "If-Match": '"2"'})
    assert fresh.status_code == 200 and fresh.json["title"] == "Dawn"


def test_only_the_newest_versions_are_kept(client, store, story_path):
    """N + 3 updates keep N earlier versions: the oldest three are deleted."""
    owner, _, path = story_path
    for n in range(MAX_VERSIONS + 3):
        put(client, owner, path, content=f"Draft {n}")
    story_id = path.rsplit("/", 1)[1]
    assert store.count("revisions", where={"doc_id": story_id}) == MAX_VERSIONS
    listed = client.get(f"{path}/versions", headers=owner["headers"])
    assert listed.headers["X-Total-Count"] == str(MAX_VERSIONS)
    assert [v["version"] for v in listed.json] == [7, 6, 5, 4]
    assert client.get(f"{path}/versions/3", headers=owner["headers"]).status_code == 404
    assert client.get(f"{path}/versions/4", headers=owner["headers"]).json["document"]["content"] == "Draft 2"


def test_saving_unchanged_content_is_not_a_new_version(client, story_path):
    owner, _, path = story_path
    assert put(client, owner, path, title="Dawn")["version"] == 1
    assert client.get(f"{path}/versions", headers=owner["headers"]).json == []


def test_versions_page_like_other_lists(client, story_path):
    owner, _, path = story_path
    for n in range(3):
        put(client, owner, path, content=f"Draft {n}")
    page = client.get(f"{path}/versions?page=2&per_page=2", headers=owner["headers"])
    assert [v["version"] for v in page.json] == [1]
    assert page.headers["X-Total-Count"] == "3" and 'rel="prev"' in page.headers["Link"]


@pytest.fixture
def every_kind(client, auth, make_world, make_story, store):
    """A world with one document of each kind, each updated once: kind -> (path, field, old, new)."""
    owner = auth.register()
    world = make_world(owner, description="Misty.")
    story = make_story(owner, world, content="Once.")
    base = f"/api/worlds/{world['world_id']}"
    hero = client.post(f"{base}/entities", json={"name": "Ayla", "description": "Brave."}, headers=owner["headers"]).json
    place = client.post(f"{base}/locations", json={"name": "Deepforge", "description": "Hot."},
                        headers=owner["headers"]).json
    event = Event(world_id=world["world_id"], story_id=story["story_id"], title="Storm", description="Rain.",
                  entities=[hero["entity_id"]])
    store.put(Event.collection, event.event_id, event.to_dict())
    paths = {"world": (base, "description", "Misty.", "Sunny."),
             "story": (f"/api/stories/{story['story_id']}", "content", "Once.", "Twice."),
             "character": (f"{base}/entities/{hero['entity_id']}", "description", "Brave.", "Bold."),
             "location": (f"{base}/locations/{place['location_id']}", "description", "Hot.", "Cold."),
             "event": (f"/api/events/{event.event_id}", "description", "Rain.", "Snow.")}
    for path, field, _, new in paths.values():
        put(client, owner, path, **{field: new})
    return owner, world, paths


@pytest.mark.parametrize("kind", ["world", "story", "character", "location", "event"])
def test_every_kind_keeps_lists_diffs_and_restores_its_versions(client, every_kind, kind):
    owner, _, paths = every_kind
    path, field, old, new = paths[kind]
    listed = client.get(f"{path}/versions", headers=owner["headers"]).json
    assert [(v["version"], v["changed_fields"]) for v in listed] == [(1, [field])]
    shown = client.get(f"{path}/versions/1", headers=owner["headers"]).json
    assert shown["document"][field] == old
    assert shown["diff"][field]["type"] == "text"
    assert f"-{old}" in shown["diff"][field]["unified_diff"] and f"+{new}" in shown["diff"][field]["unified_diff"]
    restored = client.post(f"{path}/versions/1/restore", headers=owner["headers"])
    assert restored.status_code == 200, restored.json
    assert restored.json[field] == old and restored.json["version"] == 3
    assert client.get(path, headers=owner["headers"]).json[field] == old


def test_a_world_restore_brings_back_its_calendar(client, every_kind):
    owner, world, paths = every_kind
    path = paths["world"][0]
    put(client, owner, path, name="Renamed", metadata={"calendar": {"current_year": 1200}})
    restored = client.post(f"{path}/versions/2/restore", headers=owner["headers"]).json
    assert restored["name"] == world["name"]
    assert restored["metadata"]["calendar"] == world["metadata"]["calendar"]


def test_an_event_restore_leaves_out_characters_no_longer_in_the_world(client, every_kind):
    owner, world, paths = every_kind
    event_path = paths["event"][0]
    hero_path = paths["character"][0]
    put(client, owner, event_path, entities=[])
    assert client.delete(hero_path, headers=owner["headers"]).status_code == 200
    restored = client.post(f"{event_path}/versions/1/restore", headers=owner["headers"])
    assert restored.status_code == 200 and restored.json["entities"] == []
    assert restored.json["description"] == "Rain."


@pytest.mark.parametrize("kind", ["world", "story", "character", "location", "event"])
def test_readers_and_strangers_get_404_on_history_routes_as_for_a_missing_document(
        client, auth, every_kind, kind):
    owner, world, paths = every_kind
    path = paths[kind][0]
    reader, stranger = auth.register(), auth.register()
    client.post(f"/api/worlds/{world['world_id']}/share", json={"user_ids": [reader["user_id"]]},
                headers=owner["headers"])
    put(client, owner, paths["world"][0], visibility="public")   # strangers can read it all
    put(client, owner, paths["story"][0], visibility="public")   # and the event's story
    assert client.get(path, headers=stranger["headers"]).status_code == 200
    missing_path = path.rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000"
    for caller in (reader, stranger):
        for method, suffix in (("GET", "/versions"), ("GET", "/versions/1"), ("POST", "/versions/1/restore")):
            answer = client.open(f"{path}{suffix}", method=method, headers=caller["headers"])
            missing = client.open(f"{missing_path}{suffix}", method=method, headers=caller["headers"])
            assert answer.status_code == 404, (caller, method, suffix, answer.json)
            assert answer.json == missing.json
    assert client.get(f"{path}/versions", headers=owner["headers"]).status_code == 200
    anonymous = client.get(f"{path}/versions")
    assert anonymous.status_code == 401
