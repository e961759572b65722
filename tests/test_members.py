"""A world's members: listing, changing roles, removing and leaving; what a co-author
may and may not do; the trash of a co-author's deletions; the exact username lookup."""
from __future__ import annotations

import pytest


@pytest.fixture
def team(client, auth, make_world, store):
    """A world of ``owner`` with ``writer`` (co-author) and ``reader`` joined by invitation,
    and ``stranger`` outside it."""
    owner, writer, reader, stranger = (auth.register(n) for n in ("owner", "writer", "reader", "stranger"))
    world = make_world(owner, name="Harbour")
    for user, role in ((writer, "co_author"), (reader, "reader")):
        made = client.post(f"/api/worlds/{world['world_id']}/invitations", headers=owner["headers"],
                           json={"invitee": user["username"], "role": role}).json["invitation"]
        accepted = client.post(f"/api/invitations/{made['invitation_id']}/accept", headers=user["headers"])
        assert accepted.status_code == 200, accepted.json
    with store.unit_of_work():   # the profile fields (set by the profile routes) show in member cards
        doc = store.get("users", writer["user_id"])
        store.put("users", writer["user_id"], {**doc, "display_name": "Minh the Scribe", "avatar_id": "av1"})
    return {"owner": owner, "writer": writer, "reader": reader, "stranger": stranger, "world": world}


def members_of(client, user, world):
    return client.get(f"/api/worlds/{world['world_id']}/members", headers=user["headers"])


def test_members_list_owner_first_with_cards_and_roles(client, team):
    world = team["world"]
    answer = members_of(client, team["reader"], world)
    assert answer.status_code == 200 and answer.json["success"] is True
    assert [(m["username"], m["role"]) for m in answer.json["members"]] == [
        ("owner", "owner"), ("writer", "co_author"), ("reader", "reader")]
    writer = answer.json["members"][1]
    assert writer == {"user_id": team["writer"]["user_id"], "username": "writer", "display_name": "Minh the Scribe",
                      "avatar_url": f"/api/users/{team['writer']['user_id']}/avatar", "role": "co_author"}
    assert answer.json["members"][0]["avatar_url"] is None
    assert "email" not in str(answer.json)


def test_members_list_is_hidden_from_everyone_else(client, team, make_world):
    world = team["world"]
    hidden = members_of(client, team["stranger"], world)
    missing = client.get("/api/worlds/no-such-world/members", headers=team["stranger"]["headers"])
    assert (hidden.status_code, hidden.json) == (404, missing.json)
    public = make_world(team["owner"], visibility="public")
    assert members_of(client, team["stranger"], public).status_code == 404
    assert client.get(f"/api/worlds/{public['world_id']}/members").status_code == 404
    seen = client.get(f"/api/worlds/{public['world_id']}", headers=team["stranger"]["headers"]).json
    assert (seen["co_authors"], seen["shared_with"], seen["my_role"]) == ([], [], None)


def test_world_answers_carry_co_authors_and_my_role(client, team):
    world = team["world"]
    for who, role in (("owner", "owner"), ("writer", "co_author"), ("reader", "reader")):
        seen = client.get(f"/api/worlds/{world['world_id']}", headers=team[who]["headers"]).json
        assert seen["my_role"] == role
        assert seen["co_authors"] == [team["writer"]["user_id"]]
        assert seen["shared_with"] == [team["reader"]["user_id"]]
        listed = client.get("/api/worlds?per_page=100", headers=team[who]["headers"]).json
        assert [w["my_role"] for w in listed if w["world_id"] == world["world_id"]] == [role]


def test_the_owner_changes_roles(client, team):
    world, writer, reader = team["world"], team["writer"], team["reader"]
    url = f"/api/worlds/{world['world_id']}/members"
    changed = client.patch(f"{url}/{reader['user_id']}", json={"role": "co_author"}, headers=team["owner"]["headers"])
    assert changed.status_code == 200 and changed.json["member"]["role"] == "co_author"
    demoted = client.patch(f"{url}/{writer['user_id']}", json={"role": "reader"}, headers=team["owner"]["headers"])
    assert demoted.status_code == 200 and demoted.json["member"]["role"] == "reader"
    assert [m["role"] for m in members_of(client, team["owner"], world).json["members"]] == [
        "owner", "co_author", "reader"]
    refused = client.post("/api/stories", headers=writer["headers"],
                          json={"world_id": world["world_id"], "title": "Demoted"})
    assert refused.status_code == 403
    owner_role = client.patch(f"{url}/{team['owner']['user_id']}", json={"role": "reader"},
                              headers=team["owner"]["headers"])
    assert owner_role.status_code == 409 and owner_role.json["code"] == "owner_role"
    stranger = client.patch(f"{url}/{team['stranger']['user_id']}", json={"role": "reader"},
                            headers=team["owner"]["headers"])
    assert stranger.status_code == 404 and stranger.json["code"] == "member_not_found"
    by_member = client.patch(f"{url}/{writer['user_id']}", json={"role": "co_author"},
                             headers=reader["headers"])   # reader is a co-author now, still no manager
    assert by_member.status_code == 403


def test_remove_and_leave(client, team):
    world, url = team["world"], f"/api/worlds/{team['world']['world_id']}/members"
    by_writer = client.delete(f"{url}/{team['reader']['user_id']}", headers=team["writer"]["headers"])
    assert by_writer.status_code == 403
    left = client.delete(f"{url}/{team['writer']['user_id']}", headers=team["writer"]["headers"])
    assert left.status_code == 200 and left.json == {
        "success": True, "world_id": world["world_id"], "user_id": team["writer"]["user_id"]}
    assert client.get(f"/api/worlds/{world['world_id']}", headers=team["writer"]["headers"]).status_code == 404
    removed = client.delete(f"{url}/{team['reader']['user_id']}", headers=team["owner"]["headers"])
    assert removed.status_code == 200
    assert [m["role"] for m in members_of(client, team["owner"], world).json["members"]] == ["owner"]
    again = client.delete(f"{url}/{team['reader']['user_id']}", headers=team["owner"]["headers"])
    assert again.status_code == 404 and again.json["code"] == "member_not_found"
    owner = client.delete(f"{url}/{team['owner']['user_id']}", headers=team["owner"]["headers"])
    assert owner.status_code == 409 and owner.json["code"] == "owner_cannot_leave"


def test_a_co_author_writes_content_but_never_manages_the_world(client, team):
    world, writer = team["world"], team["writer"]
    wid, headers = world["world_id"], writer["headers"]
    hero = client.post(f"/api/worlds/{wid}/entities", headers=headers, json={"name": "Mara"})
    assert hero.status_code == 201, hero.json
    place = client.post(f"/api/worlds/{wid}/locations", headers=headers, json={"name": "Quay"})
    assert place.status_code == 201
    relation = client.post(f"/api/worlds/{wid}/relations", headers=headers, json={
        "source_id": hero.json["entity_id"], "target_id": place.json["location_id"], "type": "located_in"})
    assert relation.status_code == 201, relation.json
    template = client.post(f"/api/worlds/{wid}/field-templates", headers=headers,
                           json={"kind": "character", "label": "Age", "field_type": "number"})
    assert template.status_code == 201, template.json
    edited = client.patch(f"/api/worlds/{wid}/entities/{hero.json['entity_id']}", headers=headers,
                          json={"description": "A sailor."})
    assert edited.status_code == 200, edited.json
    # the world itself: settings, visibility, delete, sharing, members, invitations
    version = {"If-Match": f'"{world["version"]}"'}
    for method, path, body in (
            ("PATCH", f"/api/worlds/{wid}", {"name": "Mine now"}),
            ("PATCH", f"/api/worlds/{wid}", {"visibility": "public"}),
            ("DELETE", f"/api/worlds/{wid}", None),
            ("POST", f"/api/worlds/{wid}/share", {"user_ids": [team["stranger"]["user_id"]]}),
            ("POST", f"/api/worlds/{wid}/unshare", {"user_ids": [team["reader"]["user_id"]]}),
            ("PATCH", f"/api/worlds/{wid}/members/{team['reader']['user_id']}", {"role": "co_author"}),
            ("DELETE", f"/api/worlds/{wid}/members/{team['reader']['user_id']}", None),
            ("POST", f"/api/worlds/{wid}/invitations", {"invitee": "stranger", "role": "reader"}),
            ("GET", f"/api/worlds/{wid}/invitations", None)):
        refused = client.open(path, method=method, json=body, headers={**headers, **version})
        assert refused.status_code == 403, (method, path, refused.json)
    after = client.get(f"/api/worlds/{wid}", headers=team["owner"]["headers"]).json
    assert (after["name"], after["visibility"], after["shared_with"]) == (
        "Harbour", "private", [team["reader"]["user_id"]])


def test_a_co_authors_deletion_is_in_the_trash_of_the_owner_and_of_that_co_author(client, team, make_story):
    world, writer, owner = team["world"], team["writer"], team["owner"]
    story = make_story(owner, world, title="The owner's tale")
    deleted = client.delete(f"/api/stories/{story['story_id']}", headers=writer["headers"])
    assert deleted.status_code == 200, deleted.json
    trash_id = deleted.json["trash_id"]
    for user in (owner, writer):
        listed = client.get("/api/trash", headers=user["headers"]).json
        assert trash_id in [t["trash_id"] for t in listed]
    for user in (team["reader"], team["stranger"]):
        assert trash_id not in [t["trash_id"] for t in client.get("/api/trash", headers=user["headers"]).json]
        assert client.post(f"/api/trash/{trash_id}/restore", headers=user["headers"]).status_code == 404
    restored = client.post(f"/api/trash/{trash_id}/restore", headers=writer["headers"])
    assert restored.status_code == 200, restored.json
    assert client.get(f"/api/stories/{story['story_id']}", headers=owner["headers"]).status_code == 200

    # a co-author's own story deleted by the owner: both see it; once removed, the co-author no longer does
    mine = make_story(writer, world, title="The co-author's tale")
    gone = client.delete(f"/api/stories/{mine['story_id']}", headers=owner["headers"]).json["trash_id"]
    assert gone in [t["trash_id"] for t in client.get("/api/trash", headers=writer["headers"]).json]
    again = client.delete(f"/api/stories/{story['story_id']}", headers=writer["headers"]).json["trash_id"]
    client.delete(f"/api/worlds/{world['world_id']}/members/{writer['user_id']}", headers=owner["headers"])
    listed = [t["trash_id"] for t in client.get("/api/trash", headers=writer["headers"]).json]
    assert again not in listed
    assert client.post(f"/api/trash/{again}/restore", headers=writer["headers"]).status_code == 404
    assert again in [t["trash_id"] for t in client.get("/api/trash", headers=owner["headers"]).json]


def test_lookup_is_exact_and_ignores_case(client, team):
    headers = team["stranger"]["headers"]
    found = client.get("/api/users/lookup?username=WRITER", headers=headers)
    assert found.status_code == 200 and found.json == {"success": True, "user": {
        "user_id": team["writer"]["user_id"], "username": "writer", "display_name": "Minh the Scribe",
        "avatar_url": f"/api/users/{team['writer']['user_id']}/avatar"}}
    for partial in ("writ", "writer2", "writer@example.com", "%"):
        missing = client.get("/api/users/lookup", query_string={"username": partial}, headers=headers)
        assert missing.status_code == 404 and missing.json["code"] == "user_not_found", partial
    assert client.get("/api/users/lookup?username=writer").status_code == 401
    assert client.get("/api/users/lookup", headers=headers).status_code == 400


@pytest.mark.parametrize("config_overrides", [{"RATELIMIT_ENABLED": True, "RATELIMIT_LOOKUP_PER_USER": "3 per minute"}])
def test_lookup_is_rate_limited_per_user(client, auth):
    asker, other = auth.register("asker"), auth.register("other")
    for _ in range(3):
        assert client.get("/api/users/lookup?username=other", headers=asker["headers"]).status_code == 200
    limited = client.get("/api/users/lookup?username=nobody", headers=asker["headers"])
    assert limited.status_code == 429 and limited.json["code"] == "rate_limited"
    assert client.get("/api/users/lookup?username=asker", headers=other["headers"]).status_code == 200


def test_sharing_keeps_a_co_author_a_co_author(client, team):
    world, writer = team["world"], team["writer"]
    shared = client.post(f"/api/worlds/{world['world_id']}/share", headers=team["owner"]["headers"],
                         json={"user_ids": [writer["user_id"]]})
    assert shared.status_code == 200
    assert shared.json["co_authors"] == [writer["user_id"]] and shared.json["shared_with"] == [team["reader"]["user_id"]]
    assert [m["role"] for m in members_of(client, writer, world).json["members"]] == ["owner", "co_author", "reader"]
