"""Deleting an account: every owned world deleted or given to a co-author, in one
unit of work; tokens dead at once; memberships and stories elsewhere settled."""
from __future__ import annotations

import pytest

from core.models import World


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


def add_member(store, world, user, field="co_authors"):
    doc = store.get("worlds", world["world_id"])
    store.put("worlds", world["world_id"], {**doc, field: [*doc[field], user["user_id"]]})


def delete_me(client, user, worlds, password="password123"):
    return client.delete("/api/auth/me", headers=user["headers"], json={"password": password, "worlds": worlds})


@pytest.fixture
def leaver(auth, make_world, store):
    """An owner of two worlds (one with a co-author), member of a third world."""
    user = auth.register("leaver")
    heir = auth.register("heir")
    host = auth.register("host")
    kept = make_world(user, name="Kept")
    dropped = make_world(user, name="Dropped")
    add_member(store, kept, heir)
    elsewhere = make_world(host, name="Elsewhere")
    add_member(store, elsewhere, user)
    shared = make_world(host, name="Shared")
    add_member(store, shared, user, "shared_with")
    return {"user": user, "heir": heir, "host": host, "kept": kept, "dropped": dropped,
            "elsewhere": elsewhere, "shared": shared}


def test_deletion_plan_lists_owned_worlds_and_their_co_authors(client, leaver):
    response = client.get("/api/auth/me/deletion-plan", headers=leaver["user"]["headers"])
    assert response.status_code == 200
    plan = {w["name"]: w for w in response.json["worlds"]}
    assert set(plan) == {"Kept", "Dropped"}
    assert [c["username"] for c in plan["Kept"]["co_authors"]] == ["heir"]
    assert "email" not in plan["Kept"]["co_authors"][0]
    assert plan["Dropped"]["co_authors"] == []


def test_delete_and_transfer(app, client, store, leaver, make_story):
    user, heir, host = leaver["user"], leaver["heir"], leaver["host"]
    their_story = make_story(user, leaver["kept"])
    services = app.extensions["worldsmith"]   # a co-author's chapter in someone else's world
    guest, _ = services.stories.create(services.auth.get_user(user["user_id"]),
                                       World.from_dict(store.get("worlds", leaver["elsewhere"]["world_id"])),
                                       {"title": "Guest chapter", "genre": "adventure",
                                        "visibility": "private", "time_index": 10})
    guest_id = guest.story_id
    response = delete_me(client, user, [
        {"world_id": leaver["kept"]["world_id"], "action": "transfer", "to_user_id": heir["user_id"]},
        {"world_id": leaver["dropped"]["world_id"], "action": "delete"}])
    assert response.status_code == 200, response.json
    assert response.json["transferred_worlds"] == [leaver["kept"]["world_id"]]
    assert response.json["deleted_worlds"] == [leaver["dropped"]["world_id"]]
    # the account is gone, and its token with it, at once
    assert store.get("users", user["user_id"]) is None
    me = client.get("/api/auth/me", headers=user["headers"])
    assert me.status_code == 401 and me.json["code"] == "invalid_token"
    assert client.post("/api/auth/login", json={"username": "leaver", "password": "password123"}).status_code == 401
    # the kept world is the heir's, the heir no longer listed as a co-author
    kept = client.get(f"/api/worlds/{leaver['kept']['world_id']}", headers=heir["headers"])
    assert kept.status_code == 200 and kept.json["owner_id"] == heir["user_id"]
    assert store.get("worlds", leaver["kept"]["world_id"])["co_authors"] == []
    assert store.get("stories", their_story["story_id"])["owner_id"] == heir["user_id"]
    # the dropped world is in the trash, not live
    assert store.get("worlds", leaver["dropped"]["world_id"]) is None
    assert store.count("trash", where={"world_id": leaver["dropped"]["world_id"]}) == 1
    # removed from the other worlds' members; the guest chapter stays, now the host's
    for name, field in (("elsewhere", "co_authors"), ("shared", "shared_with")):
        assert user["user_id"] not in store.get("worlds", leaver[name]["world_id"])[field]
    assert store.get("stories", guest_id)["owner_id"] == host["user_id"]
    assert client.get(f"/api/stories/{guest_id}", headers=host["headers"]).status_code == 200


def test_unresolved_worlds_are_refused_and_nothing_changes(client, store, leaver):
    user = leaver["user"]
    response = delete_me(client, user, [{"world_id": leaver["dropped"]["world_id"], "action": "delete"}])
    assert response.status_code == 400 and response.json["code"] == "worlds_unresolved"
    assert leaver["kept"]["world_id"] in response.json["details"]["worlds"]
    assert store.get("worlds", leaver["dropped"]["world_id"]) is not None
    assert client.get("/api/auth/me", headers=user["headers"]).status_code == 200


def test_a_world_that_is_not_yours_is_refused(client, leaver):
    response = delete_me(client, leaver["user"], [
        {"world_id": leaver["kept"]["world_id"], "action": "delete"},
        {"world_id": leaver["dropped"]["world_id"], "action": "delete"},
        {"world_id": leaver["elsewhere"]["world_id"], "action": "delete"}])
    assert response.status_code == 400 and response.json["code"] == "worlds_unresolved"


def test_transfer_only_to_a_current_co_author_and_all_or_nothing(client, store, leaver):
    user = leaver["user"]
    for to in (leaver["host"]["user_id"], "", "no-such-user"):
        response = delete_me(client, user, [
            {"world_id": leaver["dropped"]["world_id"], "action": "delete"},
            {"world_id": leaver["kept"]["world_id"], "action": "transfer", "to_user_id": to}])
        assert response.status_code == 400 and response.json["code"] == "invalid_transfer", to
    # the delete listed first was rolled back with the refused transfer
    assert store.get("worlds", leaver["dropped"]["world_id"]) is not None
    assert store.count("trash") == 0
    assert client.get("/api/auth/me", headers=user["headers"]).status_code == 200


def test_wrong_password_is_401_and_changes_nothing(client, store, leaver):
    user = leaver["user"]
    response = delete_me(client, user, [
        {"world_id": leaver["kept"]["world_id"], "action": "delete"},
        {"world_id": leaver["dropped"]["world_id"], "action": "delete"}], password="wrong-password")
    assert response.status_code == 401 and response.json["code"] == "wrong_password"
    assert store.get("users", user["user_id"]) is not None
    assert store.get("worlds", leaver["kept"]["world_id"]) is not None


def test_an_account_without_worlds_needs_no_choices(client, auth, store):
    user = auth.register("lonely")
    response = delete_me(client, user, [])
    assert response.status_code == 200
    assert response.json == {"success": True, "message": "Account deleted", "deleted_worlds": [],
                             "transferred_worlds": []}
    assert client.get("/api/auth/verify", headers=user["headers"]).status_code == 401


def test_invitations_to_a_deleted_account_go_with_it(client, auth, make_world):
    host = auth.register("inviter")
    world = make_world(host, name="Open house")
    leaving = auth.register("invited")
    for invitee in ("invited", "invited@example.com"):
        response = client.post(f"/api/worlds/{world['world_id']}/invitations", headers=host["headers"],
                               json={"invitee": invitee, "role": "reader"})
        assert response.status_code == 201
    assert delete_me(client, leaving, []).status_code == 200
    pending = client.get(f"/api/worlds/{world['world_id']}/invitations", headers=host["headers"]).json
    assert pending["invitations"] == []


def test_reading_positions_of_a_deleted_account_go_with_it(client, auth, make_world, store):
    host = auth.register("author")
    world = make_world(host, name="Library")
    book = client.post(f"/api/worlds/{world['world_id']}/books", headers=host["headers"],
                       json={"title": "Tales"}).json
    chapter = client.post(f"/api/books/{book['book_id']}/chapters", headers=host["headers"],
                          json={"title": "One", "content": "Once."}).json["story"]
    client.patch(f"/api/stories/{chapter['story_id']}", headers=host["headers"], json={"visibility": "public"})
    client.put(f"/api/worlds/{world['world_id']}", headers=host["headers"], json={"visibility": "public"})
    reader = auth.register("reader")
    saved = client.put(f"/api/books/{book['book_id']}/position", headers=reader["headers"],
                       json={"story_id": chapter["story_id"], "progress": 0.5})
    assert saved.status_code == 200, saved.json
    assert store.find("reading_positions", where={"user_id": reader["user_id"]})
    assert delete_me(client, reader, []).status_code == 200
    assert store.find("reading_positions", where={"user_id": reader["user_id"]}) == []
