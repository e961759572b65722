from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model, id_factory
from core.usernames import username_key, username_skeleton

from core.vocabulary import ROLES  # noqa: F401  (re-exported)


NAMES_VERSION = 2   # 1 (never stored): ASCII-only keys, no skeleton
DISPLAY_NAME_MAX = 80
BIO_MAX = 2000


@dataclass
class User(Model):
    """An account. ``username_key``/``email_key`` are the case-folded lookup keys,
    ``username_skeleton`` what the name looks like (``core.usernames``);
    ``names_version`` tells documents stored before those keys were Unicode-aware."""

    collection = "users"
    id_field = "user_id"
    indexed_fields = ("username_key", "email_key", "username_skeleton", "names_version", "role", "banned")

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
    display_name: str = ""   # at most DISPLAY_NAME_MAX characters
    bio: str = ""            # at most BIO_MAX characters
    avatar_id: str = ""      # "" or the key of the avatar's blob

    @property
    def username_key(self) -> str:
        return username_key(self.username)

    @property
    def username_skeleton(self) -> str:
        return username_skeleton(self.username)

    @property
    def avatar_url(self) -> str | None:
        return f"/api/users/{self.user_id}/avatar" if self.avatar_id else None

    @property
    def email_key(self) -> str:
        return self.email.casefold()

    def to_dict(self) -> dict:
        data = super().to_dict()
        data["username_key"] = self.username_key
        data["email_key"] = self.email_key
        data["username_skeleton"] = self.username_skeleton
        data["names_version"] = NAMES_VERSION
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
            "display_name": self.display_name,
            "bio": self.bio,
            "avatar_url": self.avatar_url,
        }
