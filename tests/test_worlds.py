"""Worlds: CRUD, listing and filters, visibility, sharing, cascade delete."""
import pytest


def test_create_world_returns_the_full_resource(client, auth):
    owner = auth.register()
    response = client.post("/api/worlds", headers=owner["headers"], json={
        "name": "Eldoria", "description": "A realm of embers.", "world_type": "fantasy",
        "visibility": "public", "metadata": {"themes": ["loss", "hope"]}})
    assert response.status_code == 201
    world = response.json
    assert world["name"] == "Eldoria" and world["world_type"] == "fantasy"
    assert world["owner_id"] == owner["user_id"]
    assert world["stories"] == [] and world["entities"] == [] and world["locations"] == []
    assert world["metadata"]["themes"] == ["loss", "hope"]
    assert world["metadata"]["calendar"]["current_year"] == 1000
    assert world["created_at"].endswith("Z")


def test_create_world_requires_login_and_valid_fields(client, auth):
    assert client.post("/api/worlds", json={"name": "X"}).status_code == 401
    user = auth.register()
    response = client.post("/api/worlds", headers=user["headers"],
                           json={"name": "X", "world_type": "steampunk", "visibility": "secret"})
    assert response.status_code == 400
    assert set(response.json["details"]) == {"world_type", "visibility"}


def test_starter_cast_gives_unique_names_from_the_world_type(client, auth):
    user = auth.register()
    world = client.post("/api/worlds", headers=user["headers"], json={
        "name": "Kepler", "world_type": "sci-fi", "starter_cast": True}).json
    characters = client.get(f"/api/worlds/{world['world_id']}/characters", headers=user["headers"]).json
    locations = client.get(f"/api/worlds/{world['world_id']}/locations", headers=user["headers"]).json
    assert len(characters) >= 3 and len(locations) >= 2
    names = [c["name"] for c in characters] + [loc["name"] for loc in locations]
    assert len({n.casefold() for n in names}) == len(names)
    assert all(c["role"] for c in characters)
    assert sorted(world["entities"]) == sorted(c["entity_id"] for c in characters)


def test_gpt_entities_become_characters_and_locations(client, auth):
    user = auth.register()
    world = client.post("/api/worlds", headers=user["headers"], json={
        "name": "Analysed", "gpt_entities": {
            "entities": [{"name": "Mira Voss", "entity_type": "character", "description": "A pilot"},
                         {"name": "mira voss"}],
            "locations": [{"name": "Tycho Station", "description": "A hub", "coordinates": {"x": 1, "y": 2}}]}}).json
    characters = client.get(f"/api/worlds/{world['world_id']}/characters", headers=user["headers"]).json
    locations = client.get(f"/api/worlds/{world['world_id']}/locations", headers=user["headers"]).json
    assert [c["name"] for c in characters] == ["Mira Voss"]
    assert characters[0]["description"] == "A pilot"
    assert locations[0]["name"] == "Tycho Station" and locations[0]["coordinates"] == {"x": 1, "y": 2}


def test_list_shows_public_worlds_to_everyone_and_private_only_to_owner(client, auth, make_world):
    owner, other = auth.register(), auth.register()
    public = make_world(owner, visibility="public")
    private = make_world(owner, visibility="private")
    draft = make_world(owner, visibility="draft")

    def listed(headers=None):
        return {w["world_id"] for w in client.get("/api/worlds", headers=headers).json}

    assert listed() == {public["world_id"]}
    assert listed(other["headers"]) == {public["world_id"]}
    assert listed(owner["headers"]) == {public["world_id"], private["world_id"], draft["world_id"]}


def test_list_filters_and_pagination_headers(client, auth, make_world):
    user = auth.register()
    for n in range(5):
        make_world(user, name=f"Realm {n}", world_type="fantasy" if n % 2 else "modern")
    response = client.get("/api/worlds?per_page=2&page=2", headers=user["headers"])
    assert response.status_code == 200
    assert response.headers["X-Total-Count"] == "5"
    assert [w["name"] for w in response.json] == ["Realm 2", "Realm 1"]
    assert 'rel="next"' in response.headers["Link"] and 'rel="prev"' in response.headers["Link"]
    modern = client.get("/api/worlds?world_type=modern", headers=user["headers"])
    assert {w["name"] for w in modern.json} == {"Realm 0", "Realm 2", "Realm 4"}
    assert modern.headers["X-Total-Count"] == "3"
    assert [w["name"] for w in client.get("/api/worlds?q=realm 3", headers=user["headers"]).json] == ["Realm 3"]
    assert client.get("/api/worlds?per_page=201").status_code == 400


def test_mine_lists_only_own_worlds(client, auth, make_world):
    alice, bob = auth.register(), auth.register()
    mine = make_world(alice, visibility="public")
    make_world(bob, visibility="public")
    assert [w["world_id"] for w in client.get("/api/worlds?mine=1", headers=alice["headers"]).json] == [mine["world_id"]]
    assert client.get("/api/worlds?mine=1").json == []


@pytest.mark.parametrize("visibility", ["private", "draft"])
def test_hidden_world_and_everything_in_it_is_404_for_others(client, auth, make_world, make_story, visibility):
    owner, other = auth.register(), auth.register()
    world = make_world(owner, visibility=visibility, starter_cast=True)
    story = make_story(owner, world, visibility="public")
    wid = world["world_id"]
    for headers in (None, other["headers"]):
        for path in (f"/api/worlds/{wid}", f"/api/worlds/{wid}/stories", f"/api/worlds/{wid}/characters",
                     f"/api/worlds/{wid}/locations", f"/api/worlds/{wid}/relationships",
                     f"/api/stories/{story['story_id']}", f"/api/stories?world_id={wid}"):
            assert client.get(path, headers=headers).status_code == 404, (path, headers)
    assert client.get(f"/api/worlds/{wid}", headers=owner["headers"]).status_code == 200
    # nor can they change it
    assert client.put(f"/api/worlds/{wid}", json={"name": "Hijacked"}, headers=other["headers"]).status_code == 404
    assert client.delete(f"/api/worlds/{wid}", headers=other["headers"]).status_code == 404
    assert client.get(f"/api/worlds/{wid}", headers=owner["headers"]).json["name"] == world["name"]


def test_update_world_by_owner_only(client, auth, make_world):
    owner, other = auth.register(), auth.register()
    world = make_world(owner, visibility="public")
    wid = world["world_id"]
    assert client.patch(f"/api/worlds/{wid}", json={"name": "Nope"}, headers=other["headers"]).status_code == 403
    assert client.patch(f"/api/worlds/{wid}", json={"name": "Nope"}).status_code == 401
    response = client.patch(f"/api/worlds/{wid}", headers=owner["headers"], json={
        "name": "Renamed", "description": None,
        "metadata": {"calendar": {"current_year": 3000, "year_name": "NE"}}})
    assert response.status_code == 200
    assert response.json["name"] == "Renamed"
    assert response.json["description"] == world["description"]
    calendar = response.json["metadata"]["calendar"]
    assert calendar["current_year"] == 3000 and calendar["year_name"] == "NE"
    assert calendar["current_era"] == "Third Age"
    assert client.get(f"/api/worlds/{wid}").json["name"] == "Renamed"


def test_calendar_change_moves_story_years(client, auth, make_world, make_story):
    owner = auth.register()
    world = make_world(owner)
    story = make_story(owner, world, time_index=50)
    assert story["metadata"]["world_time"]["year"] == 500
    client.patch(f"/api/worlds/{world['world_id']}", headers=owner["headers"],
                 json={"metadata": {"calendar": {"current_year": 2000}}})
    story = client.get(f"/api/stories/{story['story_id']}", headers=owner["headers"]).json
    assert story["metadata"]["world_time"]["year"] == 1500


def test_share_gives_read_but_not_write(client, auth, make_world, make_story):
    owner, friend, stranger = auth.register(), auth.register(), auth.register()
    world = make_world(owner, visibility="private")
    story = make_story(owner, world)
    wid = world["world_id"]
    response = client.post(f"/api/worlds/{wid}/share", headers=owner["headers"],
                           json={"user_ids": [friend["user_id"]]})
    assert response.status_code == 200 and response.json["shared_with"] == [friend["user_id"]]
    assert client.get(f"/api/worlds/{wid}", headers=friend["headers"]).status_code == 200
    assert client.get(f"/api/stories/{story['story_id']}", headers=friend["headers"]).status_code == 200
    assert wid in {w["world_id"] for w in client.get("/api/worlds", headers=friend["headers"]).json}
    assert client.get(f"/api/worlds/{wid}", headers=stranger["headers"]).status_code == 404
    for method, path, body in (
        ("patch", f"/api/worlds/{wid}", {"name": "x"}),
        ("delete", f"/api/worlds/{wid}", None),
        ("post", f"/api/worlds/{wid}/entities", {"name": "Intruder"}),
        ("post", f"/api/worlds/{wid}/share", {"user_ids": [stranger["user_id"]]}),
        ("post", "/api/stories", {"world_id": wid, "title": "Mine now"}),
        ("patch", f"/api/stories/{story['story_id']}", {"title": "x"}),
        ("delete", f"/api/stories/{story['story_id']}", None),
    ):
        response = getattr(client, method)(path, json=body, headers=friend["headers"])
        assert response.status_code == 403, (method, path)
    response = client.post(f"/api/worlds/{wid}/unshare", headers=owner["headers"],
                           json={"user_ids": [friend["user_id"]]})
    assert response.json["shared_with"] == []
    assert client.get(f"/api/worlds/{wid}", headers=friend["headers"]).status_code == 404


def test_share_with_unknown_user_is_rejected(client, auth, make_world):
    owner = auth.register()
    world = make_world(owner)
    response = client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"],
                           json={"user_ids": ["no-such-user"]})
    assert response.status_code == 400
    assert "user_ids" in response.json["details"]


def test_shared_with_is_hidden_from_public_readers(client, auth, make_world):
    owner, friend = auth.register(), auth.register()
    world = make_world(owner, visibility="public")
    client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"],
                json={"user_ids": [friend["user_id"]]})
    assert client.get(f"/api/worlds/{world['world_id']}").json["shared_with"] == []


def test_delete_world_cascades(client, auth, make_world, make_story, store):
    owner = auth.register()
    world = make_world(owner, starter_cast=True)
    keep = make_world(owner, starter_cast=True)
    stories = [make_story(owner, world) for _ in range(3)]
    make_story(owner, keep)
    wid = world["world_id"]
    response = client.delete(f"/api/worlds/{wid}", headers=owner["headers"])
    assert response.status_code == 200
    assert client.get(f"/api/worlds/{wid}", headers=owner["headers"]).status_code == 404
    for story in stories:
        assert client.get(f"/api/stories/{story['story_id']}", headers=owner["headers"]).status_code == 404
    for collection in ("stories", "entities", "locations", "time_cones"):
        assert store.count(collection, where={"world_id": wid}) == 0, collection
        assert store.count(collection, where={"world_id": keep["world_id"]}) > 0, collection


def test_null_themes_leave_the_themes_as_they_are(client, auth, make_world):
    owner = auth.register()
    world = make_world(owner, metadata={"themes": ["salt", "storms"]})
    changed = client.patch(f"/api/worlds/{world['world_id']}", headers=owner["headers"],
                           json={"metadata": {"themes": None}})
    assert changed.status_code == 200
    assert changed.json["metadata"]["themes"] == ["salt", "storms"]
