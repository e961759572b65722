"""Stats count only what the caller may see; health reports the setup."""


def test_health(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "storage": "tinydb", "gpt_enabled": False,
                             "gpt_provider": "offline", "version": response.json["version"]}


def test_stats_count_what_the_caller_may_see(client, auth, make_world, make_story):
    owner, other = auth.register(), auth.register()
    public = make_world(owner, visibility="public", starter_cast=True)
    private = make_world(owner, visibility="private", starter_cast=True)
    make_story(owner, public, visibility="public")
    make_story(owner, public, visibility="private")
    make_story(owner, private, visibility="public")
    anonymous = client.get("/api/stats").json
    assert anonymous["total_worlds"] == 1 and anonymous["total_stories"] == 1
    assert anonymous["total_entities"] == len(public["entities"])
    assert "user_quota" not in anonymous
    assert anonymous["breakdown"] == {"worlds": {"public": 1}, "stories": {"public": 1}}
    assert client.get("/api/stats", headers=other["headers"]).json["total_worlds"] == 1
    mine = client.get("/api/stats", headers=owner["headers"]).json
    assert mine["total_worlds"] == 2 and mine["total_stories"] == 3
    assert mine["total_locations"] == len(public["locations"]) + len(private["locations"])
    assert mine["breakdown"]["worlds"]["public"] == 1 and mine["breakdown"]["worlds"]["private"] == 1
    assert mine["user_quota"]["worlds"] == {"current": 1, "limit": 5}
    assert mine["user_quota"]["stories"] == {"current": 2, "limit": 50}
    assert mine["storage_type"] == "tinydb" and mine["has_gpt"] is False


def test_shared_worlds_show_in_the_sharees_stats(client, auth, make_world):
    owner, friend = auth.register(), auth.register()
    world = make_world(owner, visibility="private")
    client.post(f"/api/worlds/{world['world_id']}/share", headers=owner["headers"], json={"user_ids": [friend["user_id"]]})
    stats = client.get("/api/stats", headers=friend["headers"]).json
    assert stats["total_worlds"] == 1 and stats["breakdown"]["worlds"]["shared"] == 1


def test_story_breakdown_counts_each_visible_story_once_by_visibility_or_as_shared(client, auth, make_world,
                                                                                   make_story):
    owner, friend, other = auth.register(), auth.register(), auth.register()
    open_world = make_world(owner, visibility="public")
    shared = make_world(owner, visibility="private")
    for visibility in ("public", "private", "draft", "public"):
        make_story(owner, open_world, visibility=visibility)
    make_story(owner, shared, visibility="public")
    make_story(owner, shared, visibility="draft")
    client.post(f"/api/worlds/{shared['world_id']}/share", headers=owner["headers"],
                json={"user_ids": [friend["user_id"]]})
    assert client.get("/api/stats", headers=owner["headers"]).json["breakdown"]["stories"] == {
        "public": 3, "private": 1, "draft": 2, "shared": 0}
    assert client.get("/api/stats", headers=friend["headers"]).json["breakdown"]["stories"] == {
        "public": 2, "private": 0, "draft": 0, "shared": 2}
    assert client.get("/api/stats", headers=other["headers"]).json["breakdown"]["stories"] == {
        "public": 2, "private": 0, "draft": 0, "shared": 0}
