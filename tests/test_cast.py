"""Characters and locations of a world."""
import pytest

KINDS = [("entities", "characters", "entity_id"), ("locations", "locations", "location_id")]


@pytest.mark.parametrize("collection,listing,id_field", KINDS)
def test_create_update_delete(client, auth, make_world, collection, listing, id_field):
    owner = auth.register()
    world = make_world(owner)
    base = f"/api/worlds/{world['world_id']}"
    created = client.post(f"{base}/{collection}", headers=owner["headers"],
                          json={"name": "Ölmir", "description": "First", "aliases": ["The Old One"]})
    assert created.status_code == 201
    item_id = created.json[id_field]
    assert created.json["world_id"] == world["world_id"]
    updated = client.put(f"{base}/{collection}/{item_id}", headers=owner["headers"], json={"description": "Second"})
    assert updated.status_code == 200 and updated.json["description"] == "Second"
    assert updated.json["name"] == "Ölmir"
    listed = client.get(f"{base}/{listing}", headers=owner["headers"]).json
    assert [i[id_field] for i in listed] == [item_id]
    assert client.delete(f"{base}/{collection}/{item_id}", headers=owner["headers"]).status_code == 200
    assert client.get(f"{base}/{listing}", headers=owner["headers"]).json == []
    assert client.delete(f"{base}/{collection}/{item_id}", headers=owner["headers"]).status_code == 404


@pytest.mark.parametrize("collection,listing,id_field", KINDS)
def test_names_are_unique_ignoring_case_and_accents(client, auth, make_world, collection, listing, id_field):
    owner = auth.register()
    world = make_world(owner)
    base = f"/api/worlds/{world['world_id']}/{collection}"
    first = client.post(base, headers=owner["headers"], json={"name": "Ölmir"}).json
    clash = client.post(base, headers=owner["headers"], json={"name": "  olmir "})
    assert clash.status_code == 409 and clash.json["details"] == {"name": "already exists"}
    other = client.post(base, headers=owner["headers"], json={"name": "Brann"}).json
    rename = client.patch(f"{base}/{other[id_field]}", headers=owner["headers"], json={"name": "OLMIR"})
    assert rename.status_code == 409
    assert client.patch(f"{base}/{first[id_field]}", headers=owner["headers"], json={"name": "olmir"}).status_code == 200


@pytest.mark.parametrize("collection,listing,id_field", KINDS)
def test_item_must_belong_to_the_world_in_the_path(client, auth, make_world, collection, listing, id_field):
    owner = auth.register()
    home, away = make_world(owner), make_world(owner)
    item = client.post(f"/api/worlds/{home['world_id']}/{collection}", headers=owner["headers"],
                       json={"name": "Wanderer"}).json
    path = f"/api/worlds/{away['world_id']}/{collection}/{item[id_field]}"
    assert client.put(path, headers=owner["headers"], json={"name": "Moved"}).status_code == 404
    assert client.delete(path, headers=owner["headers"]).status_code == 404
    names = [i["name"] for i in client.get(f"/api/worlds/{home['world_id']}/{listing}", headers=owner["headers"]).json]
    assert names == ["Wanderer"]


def test_deleting_a_character_unlinks_it_from_stories(client, auth, make_world, make_story):
    owner = auth.register()
    world = make_world(owner)
    story = make_story(owner, world)
    linked = client.post(f"/api/stories/{story['story_id']}/link-entities", headers=owner["headers"],
                         json={"characters": ["Ayla", "Borin"], "locations": ["Deepforge"]}).json
    ayla = linked["created_entities"][0]["entity_id"]
    forge = linked["created_locations"][0]["location_id"]
    client.delete(f"/api/worlds/{world['world_id']}/entities/{ayla}", headers=owner["headers"])
    client.delete(f"/api/worlds/{world['world_id']}/locations/{forge}", headers=owner["headers"])
    story = client.get(f"/api/stories/{story['story_id']}", headers=owner["headers"]).json
    assert ayla not in story["entities"] and len(story["entities"]) == 1
    assert story["locations"] == []


def test_cast_of_public_world_is_readable_by_anyone_but_writable_by_owner_only(client, auth, make_world):
    owner, other = auth.register(), auth.register()
    world = make_world(owner, visibility="public", starter_cast=True)
    base = f"/api/worlds/{world['world_id']}"
    assert len(client.get(f"{base}/characters").json) == len(world["entities"])
    assert client.post(f"{base}/entities", json={"name": "X"}).status_code == 401
    assert client.post(f"{base}/entities", json={"name": "X"}, headers=other["headers"]).status_code == 403
    entity = world["entities"][0]
    assert client.delete(f"{base}/entities/{entity}", headers=other["headers"]).status_code == 403
