"""Invitations to a world: by username or email, accept, decline, revoke, expiry,
and answers that never reveal whether an email is registered."""
from __future__ import annotations

from datetime import timedelta

import pytest

from core import clock


@pytest.fixture
def config_overrides(on_both_stores):
    """Every test here runs on TinyDB and on PostgreSQL."""
    return on_both_stores


@pytest.fixture
def room(client, auth, make_world):
    owner, guest = auth.register("keeper"), auth.register("Nguyen_Linh")
    world = make_world(owner, name="Eldmoor")
    return owner, guest, world


def invite(client, owner, world, invitee, role="co_author", status=201):
    response = client.post(f"/api/worlds/{world['world_id']}/invitations", headers=owner["headers"],
                           json={"invitee": invitee, "role": role})
    assert response.status_code == status, response.json
    return response.json


def inbox(client, user):
    response = client.get("/api/invitations", headers=user["headers"])
    assert response.status_code == 200, response.json
    return response.json["invitations"]


def role_of(client, user, world):
    return client.get(f"/api/worlds/{world['world_id']}", headers=user["headers"]).json.get("my_role")


def test_invite_by_username_then_accept_makes_a_co_author(client, room):
    owner, guest, world = room
    made = invite(client, owner, world, "nguyen_LINH")   # exact but ignoring case
    invitation = made["invitation"]
    assert made["success"] is True
    assert invitation["invitee_display"] == "Nguyen_Linh" and invitation["status"] == "pending"
    assert invitation["world_name"] == "Eldmoor" and invitation["inviter"]["username"] == "keeper"
    assert invitation["role"] == "co_author"
    days = clock.parse_iso(invitation["expires_at"]) - clock.parse_iso(invitation["created_at"])
    assert timedelta(days=13, hours=23) < days <= timedelta(days=14)
    assert client.get(f"/api/worlds/{world['world_id']}", headers=guest["headers"]).status_code == 404

    assert [i["invitation_id"] for i in inbox(client, guest)] == [invitation["invitation_id"]]
    accepted = client.post(f"/api/invitations/{invitation['invitation_id']}/accept", headers=guest["headers"])
    assert accepted.status_code == 200 and accepted.json == {
        "success": True, "world_id": world["world_id"], "role": "co_author"}
    assert role_of(client, guest, world) == "co_author"
    seen = client.get(f"/api/worlds/{world['world_id']}", headers=owner["headers"]).json
    assert seen["co_authors"] == [guest["user_id"]] and seen["my_role"] == "owner"
    assert inbox(client, guest) == []
    # answered: no second answer, and the owner's pending list is empty
    again = client.post(f"/api/invitations/{invitation['invitation_id']}/decline", headers=guest["headers"])
    assert again.status_code == 409 and again.json["code"] == "invitation_closed"
    assert client.get(f"/api/worlds/{world['world_id']}/invitations",
                      headers=owner["headers"]).json["invitations"] == []
    # the new co-author writes the world's content
    story = client.post("/api/stories", headers=guest["headers"],
                        json={"world_id": world["world_id"], "title": "Their chapter"})
    assert story.status_code == 201, story.json
    listed = client.get("/api/worlds?per_page=50", headers=guest["headers"]).json
    assert world["world_id"] in [w["world_id"] for w in listed]


def test_accept_as_reader_reads_but_never_writes(client, room):
    owner, guest, world = room
    invitation = invite(client, owner, world, "Nguyen_Linh", role="reader")["invitation"]
    client.post(f"/api/invitations/{invitation['invitation_id']}/accept", headers=guest["headers"])
    assert role_of(client, guest, world) == "reader"
    refused = client.post("/api/stories", headers=guest["headers"],
                          json={"world_id": world["world_id"], "title": "Not mine to write"})
    assert refused.status_code == 403


def test_decline_and_revoke(client, auth, room):
    owner, guest, world = room
    declined = invite(client, owner, world, "Nguyen_Linh")["invitation"]
    answer = client.post(f"/api/invitations/{declined['invitation_id']}/decline", headers=guest["headers"])
    assert answer.status_code == 200 and answer.json["invitation"]["status"] == "declined"
    assert client.get(f"/api/worlds/{world['world_id']}", headers=guest["headers"]).status_code == 404

    revoked = invite(client, owner, world, "Nguyen_Linh")["invitation"]   # declined: may invite again
    listed = client.get(f"/api/worlds/{world['world_id']}/invitations", headers=owner["headers"]).json
    assert [i["invitation_id"] for i in listed["invitations"]] == [revoked["invitation_id"]]
    gone = client.delete(f"/api/worlds/{world['world_id']}/invitations/{revoked['invitation_id']}",
                         headers=owner["headers"])
    assert gone.status_code == 200 and gone.json["invitation"]["status"] == "revoked"
    assert inbox(client, guest) == []
    late = client.post(f"/api/invitations/{revoked['invitation_id']}/accept", headers=guest["headers"])
    assert late.status_code == 409 and late.json["code"] == "invitation_closed"
    assert client.get(f"/api/worlds/{world['world_id']}", headers=guest["headers"]).status_code == 404
    twice = client.delete(f"/api/worlds/{world['world_id']}/invitations/{revoked['invitation_id']}",
                          headers=owner["headers"])
    assert twice.status_code == 409


def test_invitations_expire_on_the_clock(client, app, room):
    owner, guest, world = room
    invitation = invite(client, owner, world, "Nguyen_Linh")["invitation"]
    days = app.config["INVITATION_DAYS"]
    with clock.shifted(timedelta(days=days) - timedelta(minutes=1)):
        assert len(inbox(client, guest)) == 1
    with clock.shifted(timedelta(days=days, seconds=1)):
        assert inbox(client, guest) == []
        assert client.get(f"/api/worlds/{world['world_id']}/invitations",
                          headers=owner["headers"]).json["invitations"] == []
        late = client.post(f"/api/invitations/{invitation['invitation_id']}/accept", headers=guest["headers"])
        assert late.status_code == 409 and late.json["code"] == "invitation_expired"
        assert late.json["details"] == {"status": "expired"}
        # an expired invitation no longer blocks a new one
        assert invite(client, owner, world, "Nguyen_Linh")["invitation"]["status"] == "pending"
    assert client.get(f"/api/worlds/{world['world_id']}", headers=guest["headers"]).status_code == 404


def test_someone_elses_invitation_is_not_found(client, auth, room):
    owner, guest, world = room
    stranger = auth.register("bystander")
    invitation = invite(client, owner, world, "Nguyen_Linh")["invitation"]
    for action in ("accept", "decline"):
        mine = client.post(f"/api/invitations/{invitation['invitation_id']}/{action}", headers=stranger["headers"])
        missing = client.post(f"/api/invitations/no-such-id/{action}", headers=stranger["headers"])
        assert (mine.status_code, mine.json) == (404, missing.json)
    assert inbox(client, stranger) == []
    # the owner may not answer for the invitee either
    assert client.post(f"/api/invitations/{invitation['invitation_id']}/accept",
                       headers=owner["headers"]).status_code == 404
    # nor revoke through another world
    other = client.post("/api/worlds", headers=owner["headers"],
                        json={"name": "Other", "world_type": "fantasy"}).json
    assert client.delete(f"/api/worlds/{other['world_id']}/invitations/{invitation['invitation_id']}",
                         headers=owner["headers"]).status_code == 404
    assert len(inbox(client, guest)) == 1


def test_email_invitations_answer_alike_for_registered_and_unknown_emails(client, room):
    owner, guest, world = room
    known = invite(client, owner, world, "Nguyen_Linh@Example.com")
    unknown = invite(client, owner, world, "nobody.here@example.com")

    def shape(answer):
        invitation = dict(answer["invitation"])
        for key in ("invitation_id", "invitee_display", "created_at", "expires_at"):
            invitation.pop(key)
        return {**answer, "invitation": invitation}

    assert shape(known) == shape(unknown)
    assert set(known["invitation"]) == set(unknown["invitation"])
    assert known["invitation"]["invitee_display"] == "Nguyen_Linh@Example.com"
    # repeats answer alike too; the owner's own email (a member) is not refused either
    assert invite(client, owner, world, "nguyen_linh@example.com", status=409)["code"] == "invitation_pending"
    assert invite(client, owner, world, "NOBODY.here@example.com", status=409)["code"] == "invitation_pending"
    assert invite(client, owner, world, "keeper@example.com")["invitation"]["status"] == "pending"
    # the account with that email sees it and joins
    [mine] = inbox(client, guest)
    assert mine["invitation_id"] == known["invitation"]["invitation_id"]
    accepted = client.post(f"/api/invitations/{mine['invitation_id']}/accept", headers=guest["headers"])
    assert accepted.status_code == 200 and role_of(client, guest, world) == "co_author"


def test_invite_refusals(client, auth, room):
    owner, guest, world = room
    unknown = invite(client, owner, world, "nobody_at_all", status=404)
    assert unknown["code"] == "user_not_found" and {"error", "details"} <= set(unknown)
    assert invite(client, owner, world, "keeper", status=409)["code"] == "already_member"
    invite(client, owner, world, "Nguyen_Linh")
    assert invite(client, owner, world, "Nguyen_Linh", role="reader", status=409)["code"] == "invitation_pending"
    bad = client.post(f"/api/worlds/{world['world_id']}/invitations", headers=owner["headers"],
                      json={"invitee": "Nguyen_Linh", "role": "owner"})
    assert bad.status_code == 400
    # members cannot invite; strangers do not see the world
    [pending] = inbox(client, guest)
    client.post(f"/api/invitations/{pending['invitation_id']}/accept", headers=guest["headers"])
    assert invite(client, owner, world, "Nguyen_Linh", status=409)["code"] == "already_member"
    third = auth.register("third")
    assert invite(client, guest, world, "third", status=403)["code"] == "forbidden"
    assert invite(client, third, world, "Nguyen_Linh", status=404)["code"] == "not_found"
    assert client.get(f"/api/worlds/{world['world_id']}/invitations", headers=guest["headers"]).status_code == 403


def test_invitations_need_a_login(client, room):
    owner, guest, world = room
    assert client.get("/api/invitations").status_code == 401
    assert client.post(f"/api/worlds/{world['world_id']}/invitations",
                       json={"invitee": "Nguyen_Linh", "role": "reader"}).status_code == 401


def test_a_trashed_world_takes_its_invitations_along_and_brings_them_back(client, store, room):
    owner, guest, world = room
    invitation = invite(client, owner, world, "Nguyen_Linh")["invitation"]
    trashed = client.delete(f"/api/worlds/{world['world_id']}", headers=owner["headers"])
    assert trashed.status_code == 200, trashed.json
    assert store.get("invitations", invitation["invitation_id"]) is None
    assert inbox(client, guest) == []
    assert client.post(f"/api/invitations/{invitation['invitation_id']}/accept",
                       headers=guest["headers"]).status_code == 404
    restored = client.post(f"/api/trash/{trashed.json['trash_id']}/restore", headers=owner["headers"])
    assert restored.status_code == 200, restored.json
    assert [i["invitation_id"] for i in inbox(client, guest)] == [invitation["invitation_id"]]
