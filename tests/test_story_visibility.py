"""Story lists page correctly for every kind of caller, and a story's
``linked_stories`` never names a story the caller may not see; on both stores."""
from __future__ import annotations

import pytest


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


def share(client, owner, world, user):
    response = client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"],
                           json={"user_ids": [user["user_id"]]})
    assert response.status_code == 200, response.json


@pytest.fixture
def scene(client, auth, make_world, make_story):
    """Two owners' worlds, public and private, with stories of every visibility."""
    owner, other, reader = auth.register(), auth.register(), auth.register()
    admin = auth.register(role="admin")
    open_world = make_world(owner, visibility="public")
    closed_world = make_world(owner, visibility="private")
    others_world = make_world(other, visibility="public")
    share(client, owner, closed_world, reader)
    stories = {}
    for name, world, user, visibility in (
        ("open_public", open_world, owner, "public"), ("open_private", open_world, owner, "private"),
        ("open_draft", open_world, owner, "draft"), ("closed_public", closed_world, owner, "public"),
        ("closed_private", closed_world, owner, "private"), ("others_public", others_world, other, "public"),
        ("others_private", others_world, other, "private"),
    ):
        stories[name] = make_story(user, world, title=name, visibility=visibility)["story_id"]
    return {"owner": owner, "other": other, "reader": reader, "admin": admin, "anonymous": None,
            "stories": stories, "order": list(stories)[::-1]}


EXPECTED = {
    "anonymous": {"open_public", "others_public"},
    "owner": {"open_public", "open_private", "open_draft", "closed_public", "closed_private", "others_public"},
    "reader": {"open_public", "closed_public", "closed_private", "others_public"},
    "other": {"open_public", "others_public", "others_private"},
    "admin": {"open_public", "open_private", "open_draft", "closed_public", "closed_private",
              "others_public", "others_private"},
}


def every_page(client, path, user, per_page=2):
    headers = user["headers"] if user else {}
    seen, totals, page = [], set(), 1
    while True:
        response = client.get(f"{path}page={page}&per_page={per_page}", headers=headers)
        assert response.status_code == 200, response.json
        totals.add(int(response.headers["X-Total-Count"]))
        if not response.json:
            return seen, totals
        assert len(response.json) <= per_page
        seen += [s["title"] for s in response.json]
        page += 1


@pytest.mark.parametrize("caller", list(EXPECTED))
def test_story_list_pages_exactly_what_the_caller_may_see(caller, client, scene):
    titles, totals = every_page(client, "/api/stories?", scene[caller])
    assert titles == [t for t in scene["order"] if t in EXPECTED[caller]]   # each once, newest first
    assert totals == {len(EXPECTED[caller])}


@pytest.mark.parametrize("caller", list(EXPECTED))
def test_filtered_story_list_pages_exactly_what_the_caller_may_see(caller, client, scene):
    titles, totals = every_page(client, "/api/stories?q=public&", scene[caller], per_page=1)
    wanted = [t for t in scene["order"] if t in EXPECTED[caller] and "public" in t]
    assert titles == wanted and totals == {len(wanted)}


@pytest.mark.parametrize("caller", ["anonymous", "reader", "other"])
def test_world_story_list_pages_what_the_caller_may_see(caller, client, scene, store):
    world_id = store.get("stories", scene["stories"]["open_public"])["world_id"]
    titles, totals = every_page(client, f"/api/worlds/{world_id}/stories?", scene[caller])
    wanted = [t for t in scene["order"] if t in EXPECTED[caller] and t.startswith("open_")]
    assert titles == wanted and totals == {len(wanted)}


def test_linked_stories_name_only_stories_the_caller_may_see(client, auth, scene, store):
    owner, reader, ids = scene["owner"], scene["reader"], scene["stories"]
    for name in ("open_public", "open_private", "open_draft"):
        response = client.post(f"/api/stories/{ids[name]}/link-entities", headers=owner["headers"],
                               json={"characters": ["Ana"]})
        assert response.status_code == 200
    world_id = store.get("stories", ids["open_public"])["world_id"]
    assert client.post(f"/api/worlds/{world_id}/auto-link-stories", headers=owner["headers"]).status_code == 200
    hidden = {ids["open_private"], ids["open_draft"]}
    public = f"/api/stories/{ids['open_public']}"
    assert set(client.get(public, headers=owner["headers"]).json["linked_stories"]) == hidden
    for user in (None, reader):   # the reader reads the closed world only
        headers = user["headers"] if user else {}
        assert client.get(public, headers=headers).json["linked_stories"] == []
        for path in ("/api/stories", f"/api/worlds/{world_id}/stories"):
            listed = {s["story_id"]: s for s in client.get(path, headers=headers).json}
            assert listed[ids["open_public"]]["linked_stories"] == []
    share(client, owner, {"world_id": world_id}, reader)
    assert set(client.get(public, headers=reader["headers"]).json["linked_stories"]) == hidden
