"""Invitations to a world: the owner invites by username or by email; the invitee
accepts (joins as co-author or reader) or declines; the owner may revoke a pending one.

An invitation by email is answered the same whether or not an account has that
email: creating it never reads the accounts, so neither its answer nor its
timing says whether the address is registered. The account whose email matches
sees it in its inbox. Pending invitations expire after ``days`` (read as
"expired"; never deleted, so the owner's list stays bounded by ``PENDING_MAX``).
"""
from __future__ import annotations

from datetime import timedelta
from typing import Callable

from core import clock, permissions
from core.errors import Conflict, NotFound
from core.models import Invitation, User, World
from services import access
from services.member_service import MEMBERS_MAX, MemberService, member_card, member_count, set_role
from storage import DocumentStore

DEFAULT_DAYS = 14
PENDING_MAX = 100   # pending invitations of one world
INBOX_MAX = 100     # invitations one inbox shows


class InvitationService:
    def __init__(self, store: DocumentStore, members: MemberService, days: int = DEFAULT_DAYS,
                 now: Callable = clock.now):
        self.store, self.members = store, members
        self.days = days
        self.now = now

    # -- the owner's side ------------------------------------------------------------

    def invite(self, world: World, inviter: User, invitee: str, role: str) -> Invitation:
        """Invite ``invitee`` (a username, or an email address when it holds "@")."""
        invitee = invitee.strip()
        with self.store.unit_of_work():
            if "@" in invitee:
                invitation = Invitation(world_id=world.world_id, inviter_id=inviter.user_id, role=role,
                                        expires_at=self._expiry(), invitee_email=invitee,
                                        invitee_display=invitee)
                duplicate = {"invitee_email_key": invitation.invitee_email_key}
            else:
                user = self.members.lookup(invitee)
                if user.user_id == world.owner_id or permissions.world_role(user, world) is not None:
                    raise Conflict(f"{user.username} is already a member of this world",
                                   {"invitee": "already a member"}, code="already_member")
                invitation = Invitation(world_id=world.world_id, inviter_id=inviter.user_id, role=role,
                                        expires_at=self._expiry(), invitee_id=user.user_id,
                                        invitee_display=user.username)
                duplicate = {"invitee_id": user.user_id}
            pending = self.pending_of_world(world)
            if any(all(p.to_dict()[k] == v for k, v in duplicate.items()) for p in pending):
                raise Conflict("An invitation to them is already pending", {"invitee": "already invited"},
                               code="invitation_pending")
            if len(pending) >= PENDING_MAX or member_count(world) >= MEMBERS_MAX:
                raise Conflict(f"A world may have at most {PENDING_MAX} pending invitations and "
                               f"{MEMBERS_MAX} members", {"invitee": "too many"}, code="members_full")
            self.store.put(Invitation.collection, invitation.invitation_id, invitation.to_dict())
        return invitation

    def pending_of_world(self, world: World) -> list[Invitation]:
        """The world's pending, unexpired invitations, newest first."""
        docs = self.store.find(Invitation.collection, where={"world_id": world.world_id, "status": "pending"},
                               limit=PENDING_MAX * 4)
        now = clock.iso(self.now())
        return [i for i in map(Invitation.from_dict, docs) if i.status_at(now) == "pending"]

    def revoke(self, world: World, invitation_id: str) -> Invitation:
        with self.store.unit_of_work():
            invitation = self._get(invitation_id)
            if invitation is None or invitation.world_id != world.world_id:
                raise NotFound("Invitation not found")
            return self._close(invitation, "revoked")

    # -- the invitee's side ------------------------------------------------------------

    def inbox(self, user: User) -> list[Invitation]:
        """Pending, unexpired invitations to the caller (by account or by its email), newest first."""
        docs = self.store.find(Invitation.collection, where={"status": "pending"}, any_of=[
            {"invitee_id": user.user_id}, {"invitee_email_key": user.email_key}], limit=INBOX_MAX * 2)
        now = clock.iso(self.now())
        found = [i for i in map(Invitation.from_dict, docs) if i.status_at(now) == "pending"]
        live = self.store.get_many(World.collection, {i.world_id for i in found})
        return [i for i in found if i.world_id in live][:INBOX_MAX]

    def accept(self, user: User, invitation_id: str) -> Invitation:
        """Join the world in the invited role (a member already: their role becomes it)."""
        with self.store.unit_of_work():
            invitation = self._mine(user, invitation_id)
            world = access.load_world(self.store, invitation.world_id)
            if world is None:
                raise NotFound("Invitation not found")
            self._close(invitation, "accepted", user)
            if user.user_id != world.owner_id:
                set_role(world, user.user_id, invitation.role)
                self.members.save(world, "created", user.user_id)
            return invitation

    def decline(self, user: User, invitation_id: str) -> Invitation:
        with self.store.unit_of_work():
            return self._close(self._mine(user, invitation_id), "declined", user)

    # -- presenting ------------------------------------------------------------------------

    def present_many(self, invitations: list[Invitation]) -> list[dict]:
        """The API's invitations: with the world's name and the inviter's card."""
        worlds = self.store.get_many(World.collection, {i.world_id for i in invitations})
        users = self.store.get_many(User.collection, {i.inviter_id for i in invitations})
        now = clock.iso(self.now())
        answers = []
        for i in invitations:
            inviter = users.get(i.inviter_id)
            answers.append({
                "invitation_id": i.invitation_id, "world_id": i.world_id,
                "world_name": worlds[i.world_id]["name"] if i.world_id in worlds else "",
                "inviter": member_card(User.from_dict(inviter)) if inviter else None,
                "invitee_display": i.invitee_display, "role": i.role, "status": i.status_at(now),
                "created_at": i.created_at, "expires_at": i.expires_at})
        return answers

    def present(self, invitation: Invitation) -> dict:
        return self.present_many([invitation])[0]

    # -- helpers ---------------------------------------------------------------------------

    def _expiry(self) -> str:
        return clock.iso(self.now() + timedelta(days=self.days))

    def _get(self, invitation_id: str) -> Invitation | None:
        doc = self.store.get(Invitation.collection, invitation_id)
        return None if doc is None else Invitation.from_dict(doc)

    def _mine(self, user: User, invitation_id: str) -> Invitation:
        """The invitation if it is addressed to the caller; else 404, as for one that does not exist."""
        invitation = self._get(invitation_id)
        if invitation is None or not (
                invitation.invitee_id == user.user_id
                or (invitation.invitee_email and invitation.invitee_email_key == user.email_key)):
            raise NotFound("Invitation not found")
        return invitation

    def _close(self, invitation: Invitation, status: str, user: User | None = None) -> Invitation:
        """Answer or revoke a pending invitation; 409 when it is no longer pending (or has expired)."""
        current = invitation.status_at(clock.iso(self.now()))
        if current != "pending":
            raise Conflict(f"This invitation is {current}", {"status": current},
                           code="invitation_expired" if current == "expired" else "invitation_closed")
        invitation.status = status
        invitation.answered_by = user.user_id if user else ""
        invitation.touch()
        self.store.put(Invitation.collection, invitation.invitation_id, invitation.to_dict())
        return invitation
