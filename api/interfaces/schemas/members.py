"""Members and invitations: request bodies and answers."""
from __future__ import annotations

from typing import Annotated, Optional

from pydantic import Field, StringConstraints

from core.vocabulary import InvitationStatus, MemberRole, WorldRole
from interfaces.schemas.common import Schema
from interfaces.schemas.responses import Out, Success, Timestamp

# A username (3-50 characters) or an email address (at most 254).
Invitee = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254)]


class RoleBody(Schema):
    role: MemberRole = Field(description="`co_author` writes the world's content; `reader` reads it")


class InvitationBody(Schema):
    invitee: Invitee = Field(description="A username (exact, ignoring case), or an email address (holding "
                                         "`@`): the answer is the same whether or not an account has it")
    role: MemberRole


class LookupQuery(Schema):
    username: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)] = Field(
        description="The exact username (ignoring case); no partial matches")


class MemberCardOut(Out):
    """A person as shown beside their work."""

    user_id: str
    username: str
    display_name: str = Field(description="\"\" when none is set")
    avatar_url: Optional[str] = Field(description="`/api/users/{user_id}/avatar`, or null without an avatar")


class MemberOut(MemberCardOut):
    role: WorldRole


class MembersOut(Success):
    members: list[MemberOut] = Field(description="The owner first, then co-authors, then readers")


class MemberChangedOut(Success):
    member: MemberOut


class MemberRemovedOut(Success):
    world_id: str
    user_id: str


class InvitationOut(Out):
    invitation_id: str
    world_id: str
    world_name: str
    inviter: Optional[MemberCardOut] = Field(description="null when the inviter's account is gone")
    invitee_display: str = Field(description="The invited username, or the email address as typed")
    role: MemberRole
    status: InvitationStatus
    created_at: Timestamp
    expires_at: Timestamp


class InvitationEnvelopeOut(Success):
    invitation: InvitationOut


class InvitationsOut(Success):
    invitations: list[InvitationOut]


class InvitationAcceptedOut(Success):
    world_id: str
    role: MemberRole


class UserLookupOut(Success):
    user: MemberCardOut
