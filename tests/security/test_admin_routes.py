"""Admin and moderator routes: users, roles and quotas, bans, the last admin, stats."""
from __future__ import annotations

import pytest

from core import permissions


@pytest.fixture
def admin(auth):
    return auth.register("chief", role="admin")


@pytest.fixture
def moderator(auth):
    return auth.register("mod", role="moderator")


def set_role(client, actor, user, role):
    return client.put(f"/api/admin/users/{user['user_id']}/role", json={"role": role},
                      headers=actor["headers"])


def ban(client, actor, user, banned=True, reason="spam"):
    return client.post(f"/api/admin/users/{user['user_id']}/ban",
                       json={"banned": banned, "reason": reason}, headers=actor["headers"])


def login(client, username, password="password123"):
    return client.post("/api/auth/login", json={"username": username, "password": password})


def publish_world(client, user):
    return client.post("/api/worlds", json={"name": "W", "visibility": "public"}, headers=user["headers"])


# -- listing -------------------------------------------------------------------

def test_list_filter_search_and_paginate(client, auth, admin):
    for name in ("alpha1", "alpha2", "beta1"):
        auth.register(name)
    auth.register("premo", role="premium")
    everyone = client.get("/api/admin/users", headers=admin["headers"]).json
    assert everyone["success"] is True and everyone["total"] == 5
    found = client.get("/api/admin/users?search=ALPHA", headers=admin["headers"]).json
    assert sorted(u["username"] for u in found["users"]) == ["alpha1", "alpha2"]
    by_mail = client.get("/api/admin/users?search=beta1@example", headers=admin["headers"]).json
    assert [u["username"] for u in by_mail["users"]] == ["beta1"]
    premium = client.get("/api/admin/users?role=premium", headers=admin["headers"]).json
    assert [u["username"] for u in premium["users"]] == ["premo"] and premium["total"] == 1
    page = client.get("/api/admin/users?per_page=2&page=2", headers=admin["headers"]).json
    assert len(page["users"]) == 2 and page["total"] == 5
    assert client.get("/api/admin/users?role=overlord", headers=admin["headers"]).status_code == 400


def test_no_secrets_in_user_answers(client, auth, admin):
    auth.register("plain")
    listing = client.get("/api/admin/users", headers=admin["headers"]).get_data(as_text=True)
    detail = client.get(f"/api/admin/users/{admin['user_id']}", headers=admin["headers"]).get_data(as_text=True)
    for text in (listing, detail):
        assert "password" not in text and "argon2" not in text and "token_version" not in text


def test_user_detail_counts_come_from_the_data(client, auth, admin, make_world):
    writer = auth.register()
    make_world(writer, visibility="public")
    make_world(writer, visibility="public")
    make_world(writer, visibility="private")
    user = client.get(f"/api/admin/users/{writer['user_id']}", headers=admin["headers"]).json["user"]
    assert user["quotas"]["public_worlds"] == {"current": 2, "limit": 5}
    assert user["usage"] == {"worlds": 3, "stories": 0}
    assert user["permissions"] == list(permissions.ROLES["user"]["permissions"])
    assert client.get("/api/admin/users/nope", headers=admin["headers"]).status_code == 404


def test_roles_catalogue(client, admin, moderator):
    for actor in (admin, moderator):
        roles = client.get("/api/admin/roles", headers=actor["headers"]).json["roles"]
        assert [r["role"] for r in roles] == ["admin", "moderator", "premium", "user", "guest"]
        for role in roles:
            assert role["quotas"] == permissions.quotas_for(role["role"])
            assert role["label"] and role["description"]
            assert role["permissions"] == list(permissions.permissions_for(role["role"]))
        by_role = {r["role"]: set(r["permissions"]) for r in roles}
        assert by_role["guest"] == set() and by_role["user"] == by_role["premium"] == {"publish"}
        assert {"view_users", "ban_users"} <= by_role["moderator"] and "manage_roles" not in by_role["moderator"]
        assert by_role["admin"] == set(permissions.ALL_PERMISSIONS)


# -- roles and quotas ----------------------------------------------------------

def test_role_change_moves_quotas_at_once(client, auth, admin):
    writer = auth.register()
    for _ in range(5):
        assert publish_world(client, writer).status_code == 201
    over = publish_world(client, writer)
    assert over.status_code == 429 and over.json["code"] == "public_world_quota"
    assert over.headers["Retry-After"].isdigit()
    assert set_role(client, admin, writer, "premium").json["user"]["role"] == "premium"
    assert publish_world(client, writer).status_code == 201
    assert set_role(client, admin, writer, "user").status_code == 200
    assert publish_world(client, writer).status_code == 429
    stats = client.get("/api/stats", headers=writer["headers"]).json["user_quota"]
    assert stats["worlds"] == {"current": 6, "limit": 5}


def test_guests_cannot_publish_but_can_write_privately(client, auth, admin, make_world, make_story):
    guest = auth.register()
    set_role(client, admin, guest, "guest")
    denied = publish_world(client, guest)
    assert denied.status_code == 403 and denied.json["code"] == "publish_forbidden"
    world = make_world(guest, visibility="private")
    draft = make_story(guest, world, visibility="draft")
    patch = client.patch(f"/api/worlds/{world['world_id']}", json={"visibility": "public"},
                         headers=guest["headers"])
    assert patch.status_code == 403
    story = client.patch(f"/api/stories/{draft['story_id']}", json={"visibility": "public"},
                         headers=guest["headers"])
    assert story.status_code == 403 and story.json["code"] == "publish_forbidden"
    assert client.get(f"/api/worlds/{world['world_id']}", headers=guest["headers"]).json["visibility"] == "private"


def test_only_admins_change_roles(client, auth, admin, moderator):
    writer = auth.register()
    assert set_role(client, moderator, writer, "premium").status_code == 403
    assert set_role(client, writer, writer, "admin").status_code == 403
    assert set_role(client, admin, writer, "overlord").status_code == 400
    assert client.put("/api/admin/users/nope/role", json={"role": "user"},
                      headers=admin["headers"]).status_code == 404


def test_last_admin_cannot_demote_themselves(client, auth, admin):
    refused = set_role(client, admin, admin, "user")
    assert refused.status_code == 409 and refused.json["code"] == "last_admin"
    second = auth.register("deputy")
    assert set_role(client, admin, second, "admin").status_code == 200
    assert set_role(client, admin, admin, "user").status_code == 200
    assert set_role(client, second, second, "user").status_code == 409


# -- bans ----------------------------------------------------------------------

def test_ban_ends_sessions_and_logins_until_unbanned(client, auth, admin):
    writer = auth.register("troll")
    assert client.get("/api/auth/me", headers=writer["headers"]).status_code == 200
    banned = ban(client, admin, writer, reason="abuse")
    assert banned.status_code == 200
    assert banned.json["user"]["banned"] is True and banned.json["user"]["ban_reason"] == "abuse"
    assert client.get("/api/auth/me", headers=writer["headers"]).status_code == 401
    refused = login(client, "troll")
    assert refused.status_code == 403 and refused.json["code"] == "account_banned"
    assert login(client, "troll", "wrong-password").status_code == 401   # no oracle for bad passwords
    assert ban(client, admin, writer, banned=False).json["user"]["ban_reason"] == ""
    assert client.get("/api/auth/me", headers=writer["headers"]).status_code == 401  # old tokens stay dead
    assert login(client, "troll").status_code == 200


def test_moderators_ban_only_lower_ranks(client, auth, admin, moderator):
    writer, peer = auth.register(), auth.register(role="moderator")
    assert ban(client, moderator, writer).status_code == 200
    for target in (peer, admin):
        refused = ban(client, moderator, target)
        assert refused.status_code == 403 and refused.json["code"] == "insufficient_rank"
    assert ban(client, admin, peer).status_code == 200


def test_nobody_bans_themselves_and_an_admin_always_remains(client, auth, admin):
    assert ban(client, admin, admin).json["code"] == "self_ban"
    deputy = auth.register(role="admin")
    assert ban(client, deputy, admin).status_code == 200
    assert ban(client, admin, deputy).status_code == 401      # the banned admin's token is dead
    users = client.get("/api/admin/users?role=admin", headers=deputy["headers"]).json["users"]
    assert [u["banned"] for u in users if u["user_id"] == admin["user_id"]] == [True]


def test_banning_the_last_active_admin_is_refused(app, auth):
    """Only reachable through the service (an admin cannot ban themselves over HTTP)."""
    from core.errors import Conflict
    from core.models import User
    from services.admin_service import AdminService

    only = auth.register(role="admin")
    outsider = User(username="root", email="root@localhost", password_hash="", role="admin")
    with pytest.raises(Conflict):
        AdminService(app.extensions["worldsmith"].store).set_ban(outsider, only["user_id"], True, "")


def test_ban_of_unknown_user_is_404(client, admin):
    response = client.post("/api/admin/users/nope/ban", json={"banned": True}, headers=admin["headers"])
    assert response.status_code == 404


# -- stats ---------------------------------------------------------------------

def test_admin_stats_cover_all_content(client, auth, admin, moderator, make_world, make_story):
    writer = auth.register()
    private = make_world(writer, visibility="private")
    make_world(writer, visibility="public")
    make_story(writer, private, visibility="private")
    make_story(writer, private, visibility="draft")
    ban(client, admin, auth.register())
    stats = client.get("/api/admin/stats", headers=admin["headers"]).json["stats"]
    assert stats["total_users"] == 4 and stats["banned_users"] == 1
    assert stats["role_breakdown"] == {"admin": 1, "moderator": 1, "premium": 0, "user": 2, "guest": 0}
    assert (stats["total_worlds"], stats["public_worlds"], stats["private_worlds"]) == (2, 1, 1)
    assert (stats["total_stories"], stats["private_stories"], stats["draft_stories"]) == (2, 1, 1)
    assert client.get("/api/admin/stats", headers=moderator["headers"]).status_code == 403
