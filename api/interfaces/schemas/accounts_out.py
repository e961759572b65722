"""Answer schemas of profiles, avatars and account deletion."""
from __future__ import annotations

from typing import Optional

from pydantic import Field

from interfaces.schemas.responses import Out, Success, Timestamp


class UserCardOut(Out):
    """Who someone is, publicly (never an email)."""

    user_id: str
    username: str
    display_name: str
    avatar_url: Optional[str] = Field(description="`/api/users/{user_id}/avatar`, or null without an avatar")


class ProfileWorldOut(Out):
    world_id: str
    name: str
    description: str
    world_type: str
    image_id: str
    created_at: Timestamp


class ProfileOut(UserCardOut):
    bio: str
    worlds: list[ProfileWorldOut] = Field(description="Their public worlds, newest first (at most 50)")


class PublicProfileOut(Success):
    profile: ProfileOut


class PlannedWorldOut(Out):
    world_id: str
    name: str
    co_authors: list[UserCardOut] = Field(description="Who the world can be given to")


class DeletionPlanOut(Success):
    worlds: list[PlannedWorldOut]


class AccountDeletedOut(Success):
    message: str
    deleted_worlds: list[str] = Field(description="Ids of the worlds moved to the trash")
    transferred_worlds: list[str] = Field(description="Ids of the worlds given to a co-author")
