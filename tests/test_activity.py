"""The activity feed: every create, edit, delete and restore of a world's content is
recorded in the unit of work that makes it (none for a change that rolled back),
numbered per world without gaps; members page through it, poll it with ``after``,
see it across their worlds; nobody else sees it. On both stores."""
from __future__ import annotations

import pytest

from core.models import Activity


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


def ok(answer, status=200):
    assert answer.status_code == status, answer.json
    return answer.json


def feed(client, user, world_id, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return ok(client.get(f"/api/worlds/{world_id}/activity?{query}", headers=user["headers"]))


def share(client, owner, world_id, user):
    ok(client.post(f"/api/worlds/{world_id}/share", json={"user_ids": [user["user_id"]]}, headers=owner["headers"]))


def test_creates_edits_deletes_and_restores_are_recorded_in_order(client, auth, make_world, make_story):
    owner = auth.register("ngoc_anh")
    world = make_world(owner, name="Hà Nội xưa")
    wid = world["world_id"]
    story = make_story(owner, world, title="Phố Hàng Bạc", content="Minh đi chợ.")
    hero = ok(client.post(f"/api/worlds/{wid}/entities", json={"name": "Minh"}, headers=owner["headers"]), 201)
    ok(client.put(f"/api/stories/{story['story_id']}", json={"content": "Minh đi chợ sớm."},
                  headers=owner["headers"]))
    ok(client.put(f"/api/stories/{story['story_id']}", json={"content": "Minh đi chợ sớm."},
                  headers=owner["headers"]))   # nothing changed: no activity
    ok(client.delete(f"/api/worlds/{wid}/entities/{hero['entity_id']}", headers=owner["headers"]))
    trash_id = ok(client.get("/api/trash", headers=owner["headers"])).pop(0)["trash_id"]
    ok(client.post(f"/api/trash/{trash_id}/restore", headers=owner["headers"]))

    answer = feed(client, owner, wid)
    items = answer["activity"]
    assert [(i["seq"], i["action"], i["kind"], i["title"]) for i in items] == [
        (6, "restored", "entry", "Minh"), (5, "deleted", "entry", "Minh"), (4, "edited", "story", "Phố Hàng Bạc"),
        (3, "created", "entry", "Minh"), (2, "created", "story", "Phố Hàng Bạc"), (1, "created", "world", "Hà Nội xưa")]
    assert answer["latest_seq"] == 6 and answer["next_before"] is None
    assert items[0]["actor"] == {"user_id": owner["user_id"], "username": "ngoc_anh", "display_name": "",
                                 "avatar_url": None}
    assert items[0]["link"] == f"/worlds/{wid}/entries/{hero['entity_id']}"
    assert items[1]["link"] is None                           # deleted: nothing to open
    assert items[2]["link"] == f"/stories/{story['story_id']}"
    assert items[5]["link"] == f"/worlds/{wid}" and items[5]["world_name"] == "Hà Nội xưa"
    assert "email" not in str(items)


def test_pages_before_and_polls_after(client, auth, make_world):
    owner = auth.register()
    world = make_world(owner)
    wid = world["world_id"]
    for n in range(7):
        ok(client.post(f"/api/worlds/{wid}/locations", json={"name": f"Place {n}"}, headers=owner["headers"]), 201)
    first = feed(client, owner, wid, limit=3)
    assert [i["seq"] for i in first["activity"]] == [8, 7, 6] and first["next_before"] == 6
    second = feed(client, owner, wid, limit=3, before=6)
    assert [i["seq"] for i in second["activity"]] == [5, 4, 3] and second["next_before"] == 3
    last = feed(client, owner, wid, limit=3, before=3)
    assert [i["seq"] for i in last["activity"]] == [2, 1] and last["next_before"] is None
    polled = feed(client, owner, wid, after=5, limit=2)
    assert [i["seq"] for i in polled["activity"]] == [6, 7]         # oldest first
    assert feed(client, owner, wid, after=8)["activity"] == []
    assert feed(client, owner, wid, after=0, limit=100)["activity"][0]["seq"] == 1


def test_a_change_that_rolls_back_records_nothing(client, auth, make_world):
    owner = auth.register()
    world = make_world(owner)
    wid = world["world_id"]
    ok(client.post(f"/api/worlds/{wid}/entities", json={"name": "Lan"}, headers=owner["headers"]), 201)
    refused = client.post(f"/api/worlds/{wid}/entities", json={"name": "Lan"}, headers=owner["headers"])
    assert refused.status_code == 409
    assert [i["seq"] for i in feed(client, owner, wid)["activity"]] == [2, 1]


def test_members_and_admins_see_it_strangers_and_public_readers_do_not(client, auth, make_world):
    owner, member, stranger = auth.register(), auth.register(), auth.register()
    admin = auth.register(role="admin")
    world = make_world(owner, visibility="public")
    wid = world["world_id"]
    share(client, owner, wid, member)
    for user in (owner, member, admin):
        assert feed(client, user, wid)["latest_seq"] == 1
    for user in (stranger,):
        answer = client.get(f"/api/worlds/{wid}/activity", headers=user["headers"])
        assert answer.status_code == 404 and answer.json["code"] == "not_found"
    assert client.get(f"/api/worlds/{wid}/activity").status_code == 401
    assert client.get("/api/worlds/nope/activity", headers=admin["headers"]).status_code == 404
    bad = client.get(f"/api/worlds/{wid}/activity?limit=0", headers=owner["headers"])
    assert bad.status_code == 400


def test_recent_activity_across_my_worlds_only(client, auth, make_world, make_story):
    me, other = auth.register(), auth.register()
    mine = make_world(me, name="Mine")
    shared = make_world(other, name="Shared")
    hidden = make_world(other, name="Hidden")
    share(client, other, shared["world_id"], me)
    make_story(other, shared, title="In the shared world")
    make_story(other, hidden, title="Not for me")
    make_story(me, mine, title="In my world")
    items = ok(client.get("/api/activity?limit=10", headers=me["headers"]))["activity"]
    titles = [i["title"] for i in items]
    assert titles == ["In my world", "In the shared world", "Shared", "Mine"]
    assert {i["world_name"] for i in items} == {"Mine", "Shared"}
    assert ok(client.get("/api/activity?limit=1", headers=me["headers"]))["activity"][0]["title"] == "In my world"


def test_a_world_purged_for_good_takes_its_activity(client, auth, make_world, store):
    owner = auth.register()
    world = make_world(owner)
    wid = world["world_id"]
    ok(client.delete(f"/api/worlds/{wid}", headers=owner["headers"]))
    assert store.count(Activity.collection, where={"world_id": wid}) == 2   # created, deleted
    trash_id = ok(client.get("/api/trash", headers=owner["headers"]))[0]["trash_id"]
    ok(client.delete(f"/api/trash/{trash_id}", headers=owner["headers"]))
    assert store.count(Activity.collection, where={"world_id": wid}) == 0


def test_the_feed_is_bounded_per_world(app, client, auth, make_world, store):
    activity = app.extensions["worldsmith"].activity
    owner = auth.register()
    wid = make_world(owner)["world_id"]
    activity.keep = 5
    for n in range(8):
        activity.record(owner["user_id"], "edited", "world", wid, wid, f"Edit {n}")
    assert store.count(Activity.collection, where={"world_id": wid}) == 5
    assert [i["seq"] for i in feed(client, owner, wid)["activity"]] == [9, 8, 7, 6, 5]
    assert [i["seq"] for i in feed(client, owner, wid, after=0, limit=2)["activity"]] == [5, 6]


def test_books_and_members_are_in_the_feed(client, auth, make_world):
    owner, friend = auth.register("chu_nha"), auth.register("ban_viet")
    world = make_world(owner, name="Làng Mây")
    wid = world["world_id"]
    book = ok(client.post(f"/api/worlds/{wid}/books", json={"title": "Truyện làng"}, headers=owner["headers"]), 201)
    invitation = ok(client.post(f"/api/worlds/{wid}/invitations", json={"invitee": "ban_viet", "role": "co_author"},
                                headers=owner["headers"]), 201)["invitation"]
    ok(client.post(f"/api/invitations/{invitation['invitation_id']}/accept", headers=friend["headers"]))
    ok(client.delete(f"/api/worlds/{wid}/members/{friend['user_id']}", headers=owner["headers"]))
    items = [(i["action"], i["kind"], i["target_id"]) for i in reversed(feed(client, owner, wid)["activity"])]
    assert ("created", "book", book["book_id"]) in items
    joined = items.index(("created", "member", friend["user_id"]))
    assert items[joined + 1:] == [("deleted", "member", friend["user_id"])]
    actors = {i["kind"]: i["actor"]["username"] for i in feed(client, owner, wid)["activity"] if i["action"] == "created"}
    assert actors["member"] == "ban_viet" and actors["book"] == "chu_nha"
