from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model, id_factory

from core.vocabulary import ROLES  # noqa: F401  (re-exported)


@dataclass
class User(Model):
    """An account. ``username_key``/``email_key`` are the case-folded lookup keys."""

    collection = "users"
    id_field = "user_id"
    indexed_fields = ("username_key", "email_key", "role", "banned")

    username: str
    email: str
    password_hash: str
    role: str = "user"
    banned: bool = False
    ban_reason: str = ""
    token_version: int = 0
    metadata: dict = field(default_factory=dict)
    display_name: str = ""
    avatar_id: str = ""
    user_id: str = id_factory()

    @property
    def username_key(self) -> str:
        return self.username.casefold()

    @property
    def email_key(self) -> str:
        return self.email.casefold()

    def to_dict(self) -> dict:
        data = super().to_dict()
        data["username_key"] = self.username_key
        data["email_key"] = self.email_key
        return data

    def public_dict(self) -> dict:
        """What the API shows: never the hash or the token version."""
        return {
            "user_id": self.user_id,
            "username": self.username,
            "email": self.email,
            "role": self.role,
            "banned": self.banned,
            "created_at": self.created_at,
            "metadata": self.metadata,
        }
