"""Who may see and change what. Pure functions over models; no I/O.

Visibility: only the owner and the users in a world's ``shared_with`` (read
only) see non-public worlds; everyone sees public ones. Anything inside a world
is visible only if the world is. Admins see and act on everything.
"""
from __future__ import annotations

from core.models import Story, User, World

ROLE_QUOTAS = {
    "admin": {"public_worlds": None, "public_stories": None, "ai_jobs_per_day": None},
    "moderator": {"public_worlds": 50, "public_stories": 500, "ai_jobs_per_day": 500},
    "premium": {"public_worlds": 50, "public_stories": 500, "ai_jobs_per_day": 500},
    "user": {"public_worlds": 5, "public_stories": 50, "ai_jobs_per_day": 50},
    "guest": {"public_worlds": 0, "public_stories": 0, "ai_jobs_per_day": 5},
}


def is_admin(user: User | None) -> bool:
    return user is not None and user.role == "admin"


def quotas_for(role: str) -> dict:
    return dict(ROLE_QUOTAS.get(role, ROLE_QUOTAS["user"]))


def can_view_world(user: User | None, world: World) -> bool:
    if world.visibility == "public" or is_admin(user):
        return True
    return user is not None and (user.user_id == world.owner_id or user.user_id in world.shared_with)


def can_edit_world(user: User | None, world: World) -> bool:
    return user is not None and (user.user_id == world.owner_id or is_admin(user))


def can_view_story(user: User | None, story: Story, world: World) -> bool:
    """A story needs its world visible, and is itself public or seen by a world reader."""
    if not can_view_world(user, world):
        return False
    if story.visibility == "public" or is_admin(user):
        return True
    return user is not None and (
        user.user_id in (story.owner_id, world.owner_id) or user.user_id in world.shared_with
    )


def can_edit_story(user: User | None, story: Story, world: World) -> bool:
    return user is not None and (
        user.user_id in (story.owner_id, world.owner_id) or is_admin(user)
    )
