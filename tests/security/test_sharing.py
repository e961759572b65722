"""Sharing: shared users read a private world and its stories, never write;
unsharing takes access away at once; lists never leak what a caller may not see."""
from __future__ import annotations


def share(client, owner, world, *user_ids, action="share"):
    return client.post(f"/api/worlds/{world['world_id']}/{action}", json={"user_ids": list(user_ids)},
                       headers=owner["headers"])


def listed(client, user, path):
    return [item.get("world_id") if "worlds" in path else item["story_id"]
            for item in client.get(path, headers=user["headers"]).json]


def test_share_read_only_then_unshare(client, auth, make_world, make_story):
    owner, friend, stranger = auth.register(), auth.register(), auth.register()
    world = make_world(owner, visibility="private")
    story = make_story(owner, world, visibility="private")
    world_url, story_url = f"/api/worlds/{world['world_id']}", f"/api/stories/{story['story_id']}"

    assert client.get(world_url, headers=friend["headers"]).status_code == 404
    assert share(client, owner, world, friend["user_id"]).json["shared_with"] == [friend["user_id"]]

    assert client.get(world_url, headers=friend["headers"]).status_code == 200
    assert client.get(story_url, headers=friend["headers"]).status_code == 200
    assert world["world_id"] in listed(client, friend, "/api/worlds")
    assert story["story_id"] in listed(client, friend, "/api/stories")
    for method, url, body in (("PATCH", world_url, {"name": "Mine now"}), ("DELETE", world_url, None),
                              ("PATCH", story_url, {"title": "Mine now"}),
                              ("POST", f"{world_url}/entities", {"name": "Intruder"}),
                              ("POST", "/api/stories", {"world_id": world["world_id"], "title": "Sneaky"}),
                              ("POST", f"{world_url}/share", {"user_ids": [stranger["user_id"]]})):
        response = client.open(url, method=method, json=body, headers=friend["headers"])
        assert response.status_code == 403, (method, url)
    assert client.get(world_url, headers=owner["headers"]).json["name"] == world["name"]
    assert client.get(world_url, headers=stranger["headers"]).status_code == 404

    share(client, owner, world, friend["user_id"], action="unshare")
    assert client.get(world_url, headers=friend["headers"]).status_code == 404
    assert client.get(story_url, headers=friend["headers"]).status_code == 404
    assert world["world_id"] not in listed(client, friend, "/api/worlds")
    assert story["story_id"] not in listed(client, friend, "/api/stories")


def test_share_rejects_unknown_users_and_ignores_the_owner(client, auth, make_world):
    owner = auth.register()
    world = make_world(owner)
    refused = share(client, owner, world, "no-such-user")
    assert refused.status_code == 400 and "user_ids" in refused.json["details"]
    assert share(client, owner, world, owner["user_id"]).json["shared_with"] == []


def test_who_a_world_is_shared_with_is_only_shown_to_its_readers(client, auth, make_world):
    owner, friend, stranger = auth.register(), auth.register(), auth.register()
    world = make_world(owner, visibility="public")
    share(client, owner, world, friend["user_id"])
    url = f"/api/worlds/{world['world_id']}"
    assert client.get(url, headers=friend["headers"]).json["shared_with"] == [friend["user_id"]]
    assert client.get(url, headers=stranger["headers"]).json["shared_with"] == []
    assert client.get(url).json["shared_with"] == []


def test_lists_and_counts_hide_private_content(client, auth, make_world, make_story):
    owner, stranger = auth.register(), auth.register()
    public = make_world(owner, visibility="public")
    hidden = make_world(owner, visibility="private")
    draft = make_world(owner, visibility="draft")
    secret_story = make_story(owner, public, visibility="private")
    for caller in (stranger, {"headers": {}}):
        worlds = [w["world_id"] for w in client.get("/api/worlds", headers=caller["headers"]).json]
        assert worlds == [public["world_id"]]
        assert client.get("/api/worlds?visibility=private", headers=caller["headers"]).json == []
        stories = client.get(f"/api/worlds/{public['world_id']}/stories", headers=caller["headers"]).json
        assert secret_story["story_id"] not in [s["story_id"] for s in stories]
        shown = client.get(f"/api/worlds/{public['world_id']}", headers=caller["headers"]).json
        assert secret_story["story_id"] not in shown["stories"]
        stats = client.get("/api/stats", headers=caller["headers"]).json
        assert (stats["total_worlds"], stats["total_stories"]) == (1, 0)
    assert {hidden["world_id"], draft["world_id"]} <= set(
        w["world_id"] for w in client.get("/api/worlds", headers=owner["headers"]).json)
