"""A world's members as the API shows them."""
from __future__ import annotations

from core.models import User


def member_card(user: User) -> dict:
    """Who someone is, for lists of members and activity: never their email."""
    return {"user_id": user.user_id, "username": user.username,
            "display_name": user.display_name or "",
            "avatar_url": f"/api/users/{user.user_id}/avatar" if user.avatar_id else None}
