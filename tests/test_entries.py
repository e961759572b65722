"""The codex: every entry of a world, filtered and sorted; an entry's page; tags on entries
and stories. On TinyDB and on PostgreSQL (the page finds stories and events by containment)."""
import io

import image_files
import pytest

from core.vocabulary import ID_MAX, TAG_MAX, TAGS_MAX


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


@pytest.fixture
def world(client, auth, make_world):
    """A public world of ``owner`` with entries of several kinds."""
    owner = auth.register()
    made = make_world(owner, visibility="public")
    base = f"/api/worlds/{made['world_id']}"

    def add(collection, **body):
        answer = client.post(f"{base}/{collection}", headers=owner["headers"], json=body)
        assert answer.status_code == 201, answer.json
        return answer.json

    def upload():
        answer = client.post(f"{base}/images", headers=owner["headers"], content_type="multipart/form-data",
                             data={"file": (io.BytesIO(image_files.png(32, 32)), "art.png")})
        assert answer.status_code == 201, answer.json
        return answer.json["image_id"]

    made.update(owner=owner, base=base, add=add, upload=upload)
    return made


def names(answer):
    return [e["name"] for e in answer.json]


def test_every_entry_of_the_world_is_listed_with_its_kind(client, world):
    add = world["add"]
    add("entities", name="Trần Hưng Đạo", aliases=["Hưng Đạo Vương"], tags=["Hero"])
    add("entities", name="Grey Company", entity_type="faction")
    art = world["upload"]()
    add("entities", name="Sword of Dawn", entity_type="item", image_id=art)
    add("locations", name="Hà Nội", location_type="city", tags=["capital"])
    listed = client.get(f"{world['base']}/entries")
    assert listed.status_code == 200 and listed.headers["X-Total-Count"] == "4"
    assert names(listed) == ["Grey Company", "Hà Nội", "Sword of Dawn", "Trần Hưng Đạo"]   # by name, folded
    by_name = {e["name"]: e for e in listed.json}
    assert by_name["Hà Nội"]["kind"] == "location" and by_name["Hà Nội"]["parent_id"] == ""
    assert by_name["Sword of Dawn"]["kind"] == "item" and by_name["Sword of Dawn"]["image_id"] == art
    assert by_name["Trần Hưng Đạo"]["id"] and by_name["Trần Hưng Đạo"]["entity_type"] == "character"
    assert "parent_id" not in by_name["Trần Hưng Đạo"] and "entity_type" not in by_name["Hà Nội"]


def test_entries_filter_by_kind_tag_name_prefix_and_parent(client, world):
    add = world["add"]
    city = add("locations", name="Hà Nội", tags=["Capital"])
    add("locations", name="Hàng Bạc", parent_id=city["location_id"])
    add("entities", name="Daven Voss", aliases=["The Grey"], tags=["capital", "Rogue"])
    add("entities", name="Mira", entity_type="creature")
    base = f"{world['base']}/entries"
    assert names(client.get(f"{base}?kind=creature")) == ["Mira"]
    assert names(client.get(f"{base}?kind=location")) == ["Hà Nội", "Hàng Bạc"]
    assert names(client.get(f"{base}?tag=CAPITAL")) == ["Daven Voss", "Hà Nội"]
    assert names(client.get(f"{base}?q=ha noi")) == ["Hà Nội"]
    assert names(client.get(f"{base}?q=HANG b")) == ["Hàng Bạc"]
    assert names(client.get(f"{base}?q=voss")) == ["Daven Voss"]     # a word of the name
    assert names(client.get(f"{base}?q=grey")) == ["Daven Voss"]     # an alias
    assert names(client.get(f"{base}?q=oss")) == []                  # prefixes only
    assert names(client.get(f"{base}?parent_id={city['location_id']}")) == ["Hàng Bạc"]
    assert client.get(f"{base}?kind=planet").status_code == 400
    assert client.get(f"{base}?colour=red").status_code == 400


def test_entries_sort_and_paginate(client, world, store):
    add = world["add"]
    made = [add("entities", name=name, entity_type=kind)
            for name, kind in (("Cora", "lore"), ("Abel", "character"), ("Bex", "item"))]
    made.append(add("locations", name="Dun"))
    with store.unit_of_work():   # distinct change times, whatever the clock's resolution
        for second, item in enumerate(made):
            collection, key = ("locations", "location_id") if "location_id" in item else ("entities", "entity_id")
            doc = store.get(collection, item[key])
            store.put(collection, item[key], {**doc, "updated_at": f"2026-01-01T00:00:0{second}.000Z"})
    base = f"{world['base']}/entries"
    assert names(client.get(f"{base}?sort=-name")) == ["Dun", "Cora", "Bex", "Abel"]
    assert names(client.get(f"{base}?sort=kind")) == ["Abel", "Bex", "Cora", "Dun"]
    assert names(client.get(f"{base}?sort=updated")) == ["Cora", "Abel", "Bex", "Dun"]
    page = client.get(f"{base}?sort=-updated&per_page=3&page=2")
    assert names(page) == ["Cora"] and page.headers["X-Total-Count"] == "4"
    assert 'rel="prev"' in page.headers["Link"]


def test_tags_are_trimmed_deduplicated_and_bounded(client, world):
    hero = world["add"]("entities", name="Ana", tags=["  Brave ", "brave", "BRAVE", "night  owl"])
    assert hero["tags"] == ["Brave", "night owl"]
    path = f"{world['base']}/entities/{hero['entity_id']}"
    headers = world["owner"]["headers"]
    assert client.patch(path, headers=headers, json={"tags": ["x" * (TAG_MAX + 1)]}).status_code == 400
    assert client.patch(path, headers=headers, json={"tags": [f"t{i}" for i in range(TAGS_MAX + 1)]}).status_code == 400
    assert client.patch(path, headers=headers, json={"tags": ["  "]}).status_code == 400
    assert client.patch(path, headers=headers, json={"tags": []}).json["tags"] == []
    versions = client.get(f"{path}/versions", headers=headers).json
    assert versions[0]["changed_fields"] == ["tags"]


def test_entity_kinds_are_checked_on_write_and_old_values_read_as_they_are(client, world, store):
    refused = client.post(f"{world['base']}/entities", headers=world["owner"]["headers"],
                          json={"name": "Ogre", "entity_type": "monster"})
    assert refused.status_code == 400 and list(refused.json["details"]) == ["entity_type"]
    old = world["add"]("entities", name="Vell")
    doc = store.get("entities", old["entity_id"])
    doc["entity_type"] = "villain"
    for key in ("tags", "fields", "image_id"):   # stored before the codex
        doc.pop(key)
    with store.unit_of_work():
        store.put("entities", doc["entity_id"], doc)
    one = client.get(f"{world['base']}/entities/{old['entity_id']}").json
    assert (one["entity_type"], one["tags"], one["fields"], one["image_id"]) == ("villain", [], {}, "")
    entry = client.get(f"{world['base']}/entries").json[0]
    assert (entry["kind"], entry["entity_type"]) == ("character", "villain")


def test_image_ids_name_an_image_of_the_world(client, world):
    headers = world["owner"]["headers"]
    assert client.post(f"{world['base']}/entities", headers=headers,
                       json={"name": "A", "image_id": "x" * (ID_MAX + 1)}).status_code == 400
    assert client.post(f"{world['base']}/entities", headers=headers,
                       json={"name": "A", "image_id": "img-7"}).json["code"] == "unknown_image"
    hero = world["add"]("entities", name="B", image_id=world["upload"]())
    cleared = client.patch(f"{world['base']}/entities/{hero['entity_id']}", headers=headers, json={"image_id": ""})
    assert cleared.json["image_id"] == ""


def test_the_entry_page_lists_what_links_the_entry_that_the_caller_may_see(client, world, store, auth):
    owner, headers = world["owner"], world["owner"]["headers"]
    hero = world["add"]("entities", name="Ana")
    shown = client.post("/api/stories", headers=headers, json={
        "world_id": world["world_id"], "title": "Open tale", "visibility": "public",
        "selected_characters": [hero["entity_id"]]}).json["story"]
    hidden = client.post("/api/stories", headers=headers, json={
        "world_id": world["world_id"], "title": "Secret tale", "visibility": "private",
        "selected_characters": [hero["entity_id"]]}).json["story"]
    client.post("/api/stories", headers=headers, json={"world_id": world["world_id"], "title": "Unrelated",
                                                       "visibility": "public"})
    from core.models import Event
    with store.unit_of_work():
        for story, title, index in ((shown, "Dawn", 60), (shown, "Night", 20), (hidden, "Plot", 10)):
            event = Event(world_id=world["world_id"], story_id=story["story_id"], title=title, time_index=index,
                          entities=[hero["entity_id"]])
            store.put(Event.collection, event.event_id, event.to_dict())
    path = f"{world['base']}/entries/{hero['entity_id']}"
    mine = client.get(path, headers=headers).json
    assert {s["title"] for s in mine["stories"]} == {"Open tale", "Secret tale"} and mine["stories_total"] == 2
    assert [e["title"] for e in mine["events"]] == ["Plot", "Night", "Dawn"]
    public = client.get(path).json
    assert [s["title"] for s in public["stories"]] == ["Open tale"]
    assert [e["title"] for e in public["events"]] == ["Night", "Dawn"] and public["events_total"] == 2
    assert public["entry"]["kind"] == "character" and public["entry"]["entity_id"] == hero["entity_id"]
    assert public["breadcrumb"] == [] and public["children"] == []
    stranger = auth.register()
    assert client.get(path, headers=stranger["headers"]).status_code == 200
    assert client.get(f"{world['base']}/entries/no-such-entry").status_code == 404


def test_an_entry_of_another_world_is_not_found(client, world, make_world):
    hero = world["add"]("entities", name="Ana")
    other = make_world(world["owner"], visibility="public")
    missing = client.get(f"/api/worlds/{other['world_id']}/entries/{hero['entity_id']}")
    assert missing.status_code == 404 and missing.json["code"] == "not_found"


def test_stories_carry_tags_and_lists_filter_by_tag(client, world, auth):
    headers = world["owner"]["headers"]
    sea = client.post("/api/stories", headers=headers, json={
        "world_id": world["world_id"], "title": "Sea", "visibility": "public", "tags": ["Voyage", "voyage", " war "]})
    assert sea.status_code == 201 and sea.json["story"]["tags"] == ["Voyage", "war"]
    land = client.post("/api/stories", headers=headers, json={
        "world_id": world["world_id"], "title": "Land", "visibility": "public"}).json["story"]
    assert land["tags"] == []
    tagged = client.patch(f"/api/stories/{land['story_id']}", headers=headers, json={"tags": ["War"]})
    assert tagged.status_code == 200 and tagged.json["tags"] == ["War"]
    versions = client.get(f"/api/stories/{land['story_id']}/versions", headers=headers).json
    assert versions[0]["changed_fields"] == ["tags"]
    titles = [s["title"] for s in client.get("/api/stories?tag=WAR").json]
    assert titles == ["Land", "Sea"]
    in_world = client.get(f"/api/worlds/{world['world_id']}/stories?tag=voyage")
    assert [s["title"] for s in in_world.json] == ["Sea"] and in_world.headers["X-Total-Count"] == "1"
    assert client.get(f"/api/worlds/{world['world_id']}/stories?tag=").status_code == 400
    everything = client.get(f"/api/worlds/{world['world_id']}/stories").json
    assert [s["title"] for s in everything] == ["Land", "Sea"]
