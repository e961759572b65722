"""Versions and ETags: GET sends the version as a strong ETag; PUT/PATCH/DELETE
honour If-Match (stale or malformed: 412 with the current document, nothing
written); without If-Match writes behave as before. On both stores."""
from __future__ import annotations

import pytest

from core.models import Event


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


@pytest.fixture
def documents(client, auth, make_world, make_story, store):
    """An owner's world with a story, a character, a location and an event: kind -> (path, id field)."""
    owner = auth.register()
    world = make_world(owner)
    story = make_story(owner, world, content="Once.")
    base = f"/api/worlds/{world['world_id']}"
    hero = client.post(f"{base}/entities", json={"name": "Ayla"}, headers=owner["headers"]).json
    place = client.post(f"{base}/locations", json={"name": "Deepforge"}, headers=owner["headers"]).json
    event = Event(world_id=world["world_id"], story_id=story["story_id"], title="Storm")
    store.put(Event.collection, event.event_id, event.to_dict())
    return owner, {
        "world": base,
        "story": f"/api/stories/{story['story_id']}",
        "character": f"{base}/entities/{hero['entity_id']}",
        "location": f"{base}/locations/{place['location_id']}",
        "event": f"/api/events/{event.event_id}",
    }


KINDS = ["world", "story", "character", "location", "event"]
CHANGE = {"world": {"description": "Changed."}, "story": {"content": "Changed."},
          "character": {"description": "Changed."}, "location": {"description": "Changed."},
          "event": {"description": "Changed."}}


@pytest.mark.parametrize("kind", KINDS)
def test_get_sends_the_version_as_a_strong_etag_and_each_update_adds_one(client, documents, kind):
    owner, paths = documents
    first = client.get(paths[kind], headers=owner["headers"])
    assert first.status_code == 200 and first.json["version"] == 1
    assert first.headers["ETag"] == '"1"'
    changed = client.put(paths[kind], json=CHANGE[kind], headers=owner["headers"])
    assert changed.status_code == 200 and changed.json["version"] == 2
    assert changed.headers["ETag"] == '"2"'
    assert client.get(paths[kind], headers=owner["headers"]).headers["ETag"] == '"2"'


@pytest.mark.parametrize("kind", KINDS)
def test_put_with_the_current_version_in_if_match_succeeds(client, documents, kind):
    owner, paths = documents
    answer = client.patch(paths[kind], json=CHANGE[kind], headers={**owner["headers"], "If-Match": '"1"'})
    assert answer.status_code == 200, answer.json
    assert answer.headers["ETag"] == '"2"'


@pytest.mark.parametrize("kind", KINDS)
def test_put_with_a_stale_if_match_is_412_with_the_current_document_and_changes_nothing(
        client, documents, store, kind):
    owner, paths = documents
    client.put(paths[kind], json=CHANGE[kind], headers=owner["headers"])          # now version 2
    current = client.get(paths[kind], headers=owner["headers"]).json
    revisions = store.count("revisions")
    stale = client.put(paths[kind], json={"description": "Mine."}, headers={**owner["headers"], "If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.json["code"] == "version_conflict"
    assert {"error", "code", "details", "current"} <= set(stale.json)
    assert stale.json["current"] == current
    assert stale.headers["ETag"] == '"2"'
    assert client.get(paths[kind], headers=owner["headers"]).json == current
    assert store.count("revisions") == revisions


@pytest.mark.parametrize("kind", KINDS)
def test_if_match_star_proceeds(client, documents, kind):
    owner, paths = documents
    client.put(paths[kind], json=CHANGE[kind], headers=owner["headers"])
    answer = client.put(paths[kind], json={"description": "Again."}, headers={**owner["headers"], "If-Match": "*"})
    assert answer.status_code == 200 and answer.headers["ETag"] == '"3"'


@pytest.mark.parametrize("kind", KINDS)
def test_without_if_match_writes_behave_as_before(client, documents, kind):
    owner, paths = documents
    for n in range(2):
        assert client.put(paths[kind], json={"description": f"Take {n}"}, headers=owner["headers"]).status_code == 200
    assert client.get(paths[kind], headers=owner["headers"]).json["description"] == "Take 1"


@pytest.mark.parametrize("header", ['W/"1"', "1", '"1', "", '"1",,'])
def test_a_weak_or_malformed_if_match_is_412(client, documents, header):
    owner, paths = documents
    answer = client.put(paths["story"], json={"content": "x"}, headers={**owner["headers"], "If-Match": header})
    assert answer.status_code == 412, header
    assert answer.json["current"]["content"] == "Once."


def test_if_match_may_list_several_tags(client, documents):
    owner, paths = documents
    answer = client.put(paths["story"], json={"content": "x"}, headers={**owner["headers"], "If-Match": '"7", "1"'})
    assert answer.status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_delete_with_a_stale_if_match_deletes_nothing(client, documents, store, kind):
    owner, paths = documents
    client.put(paths[kind], json=CHANGE[kind], headers=owner["headers"])
    before = client.get(paths[kind], headers=owner["headers"]).json
    trashed = store.count("trash")
    refused = client.delete(paths[kind], headers={**owner["headers"], "If-Match": '"1"'})
    assert refused.status_code == 412 and refused.json["current"] == before
    assert client.get(paths[kind], headers=owner["headers"]).json == before
    assert store.count("trash") == trashed
    assert client.delete(paths[kind], headers={**owner["headers"], "If-Match": '"2"'}).status_code == 200
    assert client.get(paths[kind], headers=owner["headers"]).status_code == 404


def test_a_document_stored_without_a_version_is_version_1(client, documents, store):
    owner, paths = documents
    story_id = paths["story"].rsplit("/", 1)[1]
    doc = store.get("stories", story_id)
    del doc["version"]
    store.put("stories", story_id, doc)
    answer = client.get(paths["story"], headers=owner["headers"])
    assert answer.headers["ETag"] == '"1"' and answer.json["version"] == 1
    assert client.put(paths["story"], json={"content": "x"},
                      headers={**owner["headers"], "If-Match": '"1"'}).headers["ETag"] == '"2"'


def test_a_stale_if_match_from_someone_who_may_not_see_the_document_is_404(client, auth, documents):
    """The access check comes first: the 412 body never shows a document to a stranger."""
    _, paths = documents
    stranger = auth.register()
    answer = client.put(paths["story"], json={"content": "x"}, headers={**stranger["headers"], "If-Match": '"9"'})
    assert answer.status_code == 404 and "current" not in answer.json
