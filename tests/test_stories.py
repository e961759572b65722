"""Stories: CRUD, time cones and world time, visibility, cleanup on delete."""


def test_create_story_with_time_cone_and_world_time(client, auth, make_world):
    owner = auth.register()
    world = make_world(owner, starter_cast=True)
    hero = world["entities"][0]
    response = client.post("/api/stories", headers=owner["headers"], json={
        "world_id": world["world_id"], "title": "The Long Night", "description": "Snow falls.",
        "genre": "mystery", "time_index": 25, "selected_characters": [hero]})
    assert response.status_code == 201
    story, cone = response.json["story"], response.json["time_cone"]
    assert story["content"] == "Snow falls."
    assert story["entities"] == [hero]
    assert story["time_cones"] == [cone["time_cone_id"]]
    assert cone["story_id"] == story["story_id"] and cone["time_index"] == 25
    assert story["metadata"]["world_time"] == {
        "year": 250, "era": "Third Age", "year_name": "TA", "description": "Year 250 TA (Third Age)",
        "date": {"year": 250}, "label": "250 TA"}
    world = client.get(f"/api/worlds/{world['world_id']}", headers=owner["headers"]).json
    assert world["stories"] == [story["story_id"]]


def test_distinct_time_indexes_give_distinct_ordered_years(client, auth, make_world, make_story):
    owner = auth.register()
    world = make_world(owner, world_type="modern")
    years = [make_story(owner, world, time_index=i)["metadata"]["world_time"]["year"] for i in (0, 1, 2, 50, 99, 100)]
    assert years == sorted(years) and len(set(years)) == len(years)
    assert years[-1] == 2025


def test_create_story_validation(client, auth, make_world):
    owner, other = auth.register(), auth.register()
    world = make_world(owner)
    foreign_world = make_world(other, starter_cast=True)
    bad = client.post("/api/stories", headers=owner["headers"],
                      json={"world_id": world["world_id"], "title": "", "time_index": 101})
    assert bad.status_code == 400 and set(bad.json["details"]) == {"title", "time_index"}
    foreign = client.post("/api/stories", headers=owner["headers"], json={
        "world_id": world["world_id"], "title": "T", "selected_characters": foreign_world["entities"][:1]})
    assert foreign.status_code == 400 and "selected_characters" in foreign.json["details"]
    assert client.post("/api/stories", headers=owner["headers"],
                       json={"world_id": foreign_world["world_id"], "title": "T"}).status_code == 404
    assert client.post("/api/stories", headers=owner["headers"],
                       json={"world_id": "missing", "title": "T"}).status_code == 404


def test_story_visibility_follows_its_world_and_itself(client, auth, make_world, make_story):
    owner, other = auth.register(), auth.register()
    public_world = make_world(owner, visibility="public")
    private_world = make_world(owner, visibility="private")
    open_story = make_story(owner, public_world, visibility="public")
    hidden_story = make_story(owner, public_world, visibility="private")
    public_in_private = make_story(owner, private_world, visibility="public")
    assert client.get(f"/api/stories/{open_story['story_id']}").status_code == 200
    assert client.get(f"/api/stories/{hidden_story['story_id']}").status_code == 404
    assert client.get(f"/api/stories/{public_in_private['story_id']}", headers=other["headers"]).status_code == 404
    listed = {s["story_id"] for s in client.get("/api/stories", headers=other["headers"]).json}
    assert listed == {open_story["story_id"]}
    by_world = client.get(f"/api/worlds/{public_world['world_id']}/stories")
    assert [s["story_id"] for s in by_world.json] == [open_story["story_id"]]
    assert by_world.headers["X-Total-Count"] == "1"
    assert client.get(f"/api/worlds/{public_world['world_id']}").json["stories"] == [open_story["story_id"]]
    mine = {s["story_id"] for s in client.get("/api/stories", headers=owner["headers"]).json}
    assert mine == {open_story["story_id"], hidden_story["story_id"], public_in_private["story_id"]}


def test_list_stories_filters(client, auth, make_world, make_story):
    owner = auth.register()
    world = make_world(owner)
    make_story(owner, world, title="Dragon hunt", genre="adventure")
    make_story(owner, world, title="Who did it", genre="mystery")
    other_world = make_world(owner)
    make_story(owner, other_world, title="Elsewhere", genre="mystery")
    headers = owner["headers"]
    assert [s["title"] for s in client.get("/api/stories?genre=mystery&world_id=" + world["world_id"],
                                           headers=headers).json] == ["Who did it"]
    assert [s["title"] for s in client.get("/api/stories?q=DRAGON", headers=headers).json] == ["Dragon hunt"]
    response = client.get("/api/stories?per_page=1", headers=headers)
    assert response.headers["X-Total-Count"] == "3" and len(response.json) == 1


def test_update_story(client, auth, make_world, make_story, store):
    owner, other = auth.register(), auth.register()
    world = make_world(owner, visibility="public")
    story = make_story(owner, world, visibility="public", time_index=10)
    sid = story["story_id"]
    assert client.patch(f"/api/stories/{sid}", json={"title": "x"}, headers=other["headers"]).status_code == 403
    response = client.put(f"/api/stories/{sid}", headers=owner["headers"],
                          json={"title": "New title", "time_index": 90, "content": "Once upon a time"})
    assert response.status_code == 200
    assert response.json["title"] == "New title" and response.json["content"] == "Once upon a time"
    assert response.json["metadata"]["world_time"]["year"] == 900
    [cone] = store.find("time_cones", where={"story_id": sid})
    assert cone["time_index"] == 90 and cone["label"] == "New title"
    bad = client.patch(f"/api/stories/{sid}", headers=owner["headers"], json={"time_index": -1})
    assert bad.status_code == 400


def test_delete_story_removes_its_cone_and_links(client, auth, make_world, make_story, store):
    owner = auth.register()
    world = make_world(owner)
    first = make_story(owner, world)
    second = make_story(owner, world)
    for story in (first, second):
        client.post(f"/api/stories/{story['story_id']}/link-entities", headers=owner["headers"],
                    json={"characters": ["Shared Hero"]})
    client.post(f"/api/worlds/{world['world_id']}/auto-link-stories", headers=owner["headers"])
    assert client.get(f"/api/stories/{second['story_id']}", headers=owner["headers"]).json["linked_stories"] == [first["story_id"]]
    assert client.delete(f"/api/stories/{first['story_id']}", headers=owner["headers"]).status_code == 200
    assert client.get(f"/api/stories/{first['story_id']}", headers=owner["headers"]).status_code == 404
    assert client.get(f"/api/stories/{second['story_id']}", headers=owner["headers"]).json["linked_stories"] == []
    assert store.count("time_cones", where={"story_id": first["story_id"]}) == 0
