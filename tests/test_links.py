"""Linking characters and places to stories, auto-linking, the relationship graph."""


def link(client, user, story, **body):
    response = client.post(f"/api/stories/{story['story_id']}/link-entities", headers=user["headers"], json=body)
    assert response.status_code == 200, response.json
    return response.json


def test_link_matches_names_and_aliases_ignoring_case_and_accents(client, auth, make_world, make_story):
    owner = auth.register()
    world = make_world(owner)
    base = f"/api/worlds/{world['world_id']}"
    zoe = client.post(f"{base}/entities", headers=owner["headers"],
                      json={"name": "Zoë Ardent", "aliases": ["The Ember Queen"]}).json
    keep = client.post(f"{base}/locations", headers=owner["headers"], json={"name": "Høldfast Keep"}).json
    story = make_story(owner, world)
    result = link(client, owner, story,
                  characters=["zoe ardent", {"name": "the ember QUEEN", "role": "ruler"}, "Newcomer"],
                  locations=[{"name": "HOLDFAST keep"}, "Misty Vale"])
    assert [e["name"] for e in result["created_entities"]] == ["Newcomer"]
    assert [loc["name"] for loc in result["created_locations"]] == ["Misty Vale"]
    assert result["story"]["entities"][0] == zoe["entity_id"]
    assert len(result["story"]["entities"]) == 2
    assert result["story"]["locations"][0] == keep["location_id"]
    characters = client.get(f"{base}/characters", headers=owner["headers"]).json
    assert sorted(c["name"] for c in characters) == ["Newcomer", "Zoë Ardent"]


def test_link_is_idempotent(client, auth, make_world, make_story):
    owner = auth.register()
    world = make_world(owner)
    story = make_story(owner, world)
    link(client, owner, story, characters=["Ana"])
    again = link(client, owner, story, characters=["ANA"])
    assert again["created_entities"] == [] and again["linked_entities"] == []
    assert len(again["story"]["entities"]) == 1


def test_link_without_auto_create_only_links_known_names(client, auth, make_world, make_story):
    owner = auth.register()
    world = make_world(owner)
    client.post(f"/api/worlds/{world['world_id']}/entities", headers=owner["headers"], json={"name": "Known"})
    story = make_story(owner, world)
    result = link(client, owner, story, characters=["known", "Unknown"], auto_create=False)
    assert result["created_entities"] == []
    assert [e["name"] for e in result["linked_entities"]] == ["Known"]
    names = [c["name"] for c in client.get(f"/api/worlds/{world['world_id']}/characters", headers=owner["headers"]).json]
    assert names == ["Known"]


def test_link_rejects_bad_bodies(client, auth, make_world, make_story):
    owner = auth.register()
    world = make_world(owner)
    story = make_story(owner, world)
    path = f"/api/stories/{story['story_id']}/link-entities"
    assert client.post(path, headers=owner["headers"], json={"characters": [{"role": "x"}]}).status_code == 400
    assert client.post(path, headers=owner["headers"], json={"characters": "Ana"}).status_code == 400
    assert client.post(path, headers=owner["headers"], json=["Ana"]).status_code == 400


def test_clear_links(client, auth, make_world, make_story):
    owner = auth.register()
    world = make_world(owner)
    story = make_story(owner, world)
    link(client, owner, story, characters=["Ana"], locations=["Port"])
    response = client.post(f"/api/stories/{story['story_id']}/clear-links", headers=owner["headers"])
    assert response.status_code == 200
    assert response.json["story"]["entities"] == [] and response.json["story"]["locations"] == []
    assert len(client.get(f"/api/worlds/{world['world_id']}/characters", headers=owner["headers"]).json) == 1


def test_auto_link_links_shared_cast_and_drops_stale_links(client, auth, make_world, make_story):
    owner = auth.register()
    world = make_world(owner)
    a, b, c, d = (make_story(owner, world, title=t) for t in "ABCD")
    link(client, owner, a, characters=["Ana"])
    link(client, owner, b, characters=["ana"], locations=["Port"])
    link(client, owner, c, locations=["port"])
    path = f"/api/worlds/{world['world_id']}/auto-link-stories"
    result = client.post(path, headers=owner["headers"]).json
    pairs = {(link_["from_title"], link_["to_title"]) for link_ in result["links"]}
    assert pairs == {("A", "B"), ("B", "C")}
    assert result["linked_count"] == 2
    assert [s["title"] for s in result["unlinked_stories"]] == ["D"]
    assert set(client.get(f"/api/stories/{b['story_id']}", headers=owner["headers"]).json["linked_stories"]) == {
        a["story_id"], c["story_id"]}
    client.post(f"/api/stories/{c['story_id']}/clear-links", headers=owner["headers"])
    result = client.post(path, headers=owner["headers"]).json
    assert {(x["from_title"], x["to_title"]) for x in result["links"]} == {("A", "B")}
    assert client.get(f"/api/stories/{c['story_id']}", headers=owner["headers"]).json["linked_stories"] == []
    assert client.get(f"/api/stories/{b['story_id']}", headers=owner["headers"]).json["linked_stories"] == [a["story_id"]]


def test_relationship_graph(client, auth, make_world, make_story):
    owner = auth.register()
    world = make_world(owner, visibility="public")
    open_story = make_story(owner, world, title="Open", visibility="public")
    secret = make_story(owner, world, title="Secret", visibility="private")
    link(client, owner, open_story, characters=["Ana", "Bo"], locations=["Port"])
    link(client, owner, secret, characters=["Ana"])
    graph = client.get(f"/api/worlds/{world['world_id']}/relationships", headers=owner["headers"]).json
    names = {n["name"]: n for n in graph["nodes"]}
    assert {n["kind"] for n in graph["nodes"]} == {"character", "location", "story"}
    assert {"Ana", "Bo", "Port", "Open", "Secret"} <= set(names)
    ana, bo = names["Ana"]["id"], names["Bo"]["id"]
    appears = [e for e in graph["edges"] if e["kind"] == "appears_in" and e["target"] == ana]
    assert len(appears) == 2
    [pair] = [e for e in graph["edges"] if e["kind"] == "co_appears"]
    assert {pair["source"], pair["target"]} == {ana, bo} and pair["weight"] == 1
    assert pair["story_ids"] == [open_story["story_id"]]
    anonymous = client.get(f"/api/worlds/{world['world_id']}/relationships").json
    assert "Secret" not in {n["name"] for n in anonymous["nodes"]}
    assert all(secret["story_id"] not in e["story_ids"] for e in anonymous["edges"])
