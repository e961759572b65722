from __future__ import annotations

from dataclasses import dataclass

from core.models.base import Model, id_factory


@dataclass
class Invitation(Model):
    """An invitation to join a world as a co-author or a reader.

    Addressed to an account (``invitee_id``, invited by username) or to an email
    address (``invitee_email``, as typed; the account whose email matches, if any,
    sees it). ``status`` is stored as pending, accepted, declined or revoked; a
    pending one past ``expires_at`` reads as "expired" (``status_at``)."""

    collection = "invitations"
    id_field = "invitation_id"
    indexed_fields = ("world_id", "invitee_id", "invitee_email_key", "status")

    world_id: str
    inviter_id: str
    role: str                  # MEMBER_ROLES
    expires_at: str
    invitee_id: str = ""
    invitee_email: str = ""
    invitee_display: str = ""  # the username, or the email as typed
    status: str = "pending"
    answered_by: str = ""      # who accepted or declined (an email invitation: the account)
    invitation_id: str = id_factory()

    @property
    def invitee_email_key(self) -> str:
        return self.invitee_email.casefold()

    def to_dict(self) -> dict:
        data = super().to_dict()
        data["invitee_email_key"] = self.invitee_email_key
        return data

    def status_at(self, now: str) -> str:
        """The status as of ``now`` (ISO): a pending invitation past its expiry is "expired"."""
        return "expired" if self.status == "pending" and now >= self.expires_at else self.status
