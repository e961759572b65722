"""Queries and answers of the activity feed and live stream routes."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from core.vocabulary import ActivityAction, ActivityKind


class _Out(BaseModel):
    model_config = ConfigDict(defer_build=True)


class _Query(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class ActivityQuery(_Query):
    limit: int = Field(30, ge=1, le=100, description="Items at most")
    before: Optional[int] = Field(None, ge=1, description="Only items with a smaller `seq` (the next page: "
                                                          "`next_before` of the last answer)")
    after: Optional[int] = Field(None, ge=0, description="Only items with a larger `seq`, oldest first (polling: "
                                                         "the largest `seq` seen, or `latest_seq`)")


class RecentQuery(_Query):
    limit: int = Field(30, ge=1, le=100, description="Items at most")


class LiveQuery(_Query):
    ticket: str = Field(max_length=1000, description="From `POST /worlds/{id}/live/ticket`")
    last_event_id: Optional[int] = Field(None, ge=0, description="Resume after this `seq` (as the "
                                                                 "`Last-Event-ID` header)")


class MemberCardOut(_Out):
    user_id: str
    username: str
    display_name: str = Field(description="\"\" when they set none")
    avatar_url: Optional[str] = Field(description="Their avatar image, null when none")


class ActivityOut(_Out):
    activity_id: str
    world_id: str
    world_name: str
    seq: int = Field(description="1, 2, 3... per world, in the order the changes landed")
    action: ActivityAction
    kind: ActivityKind
    target_id: str = Field(description="The id of what changed (story_id, entity_id, location_id...)")
    title: str = Field(description="Its title or name when it changed")
    link: Optional[str] = Field(description="The app's page for it (null when it was deleted)")
    actor: Optional[MemberCardOut] = Field(description="Who made the change (null if the account is gone)")
    created_at: str


class ActivityPageOut(_Out):
    success: Literal[True]
    activity: list[ActivityOut] = Field(description="Newest first; with `after`: oldest first")
    next_before: Optional[int] = Field(description="`before` for the next (older) page; null at the end")
    latest_seq: int = Field(description="The world's newest `seq` (0: no activity yet)")


class RecentActivityOut(_Out):
    success: Literal[True]
    activity: list[ActivityOut] = Field(description="Newest first, across the caller's worlds")


class LiveTicketOut(_Out):
    success: Literal[True]
    live: bool = Field(description="false where the server holds no streams (serverless): poll "
                                   "`GET /worlds/{id}/activity?after=` instead")
    ticket: Optional[str] = Field(description="Opens `GET /worlds/{id}/live?ticket=` (null when `live` is false)")
    expires_in: int = Field(description="Seconds the ticket opens a stream")
    heartbeat_seconds: float = Field(description="A stream sends a comment at least this often")
