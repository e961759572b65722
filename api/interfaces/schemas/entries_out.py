"""Answers of the codex routes: entries, an entry's page, the tree of locations."""
from __future__ import annotations

from typing import Optional

from pydantic import Field

from core.vocabulary import EntryKind
from interfaces.schemas.responses import Out, Timestamp, absent


class EntryOut(Out):
    """An entry of the codex: an entity of any kind, or a location."""

    kind: EntryKind
    id: str = Field(description="Its entity_id or location_id")
    name: str
    aliases: list[str]
    description: str
    tags: list[str]
    image_id: str = Field(description='Id of its image, or "" for none')
    fields: dict = Field(description="Custom field key -> value")
    entity_type: str = absent("Entities: the stored type (older data may hold other values than the kinds)")
    location_type: str = absent("Locations: region, city, building...")
    parent_id: str = absent('Locations: the location it lies in, or "" at the top')
    updated_at: Timestamp
    version: int = Field(ge=1)


class EntryDocumentOut(EntryOut):
    """The entry, with every field of its entity or location document too."""

    world_id: str
    created_at: Timestamp


class Crumb(Out):
    id: str
    name: str


class ChildOut(Crumb):
    location_type: str


class EntryStoryOut(Out):
    story_id: str
    title: str


class EntryEventOut(Out):
    event_id: str
    title: str
    story_id: str
    date: Optional[dict] = Field(description="In-world date {year, month?, day?}, or null")
    time_index: int


class EntryPageOut(Out):
    entry: EntryDocumentOut
    breadcrumb: list[Crumb] = Field(description="Locations: those it lies in, outermost first")
    children: list[ChildOut] = Field(description="Locations: those lying directly in it, by name (at most 100)")
    stories: list[EntryStoryOut] = Field(description="Stories linking it that you may see, newest first "
                                                     "(at most 100)")
    stories_total: int
    events: list[EntryEventOut] = Field(description="Events involving it in stories you may see, in time order "
                                                    "(at most 100)")
    events_total: int


class LocationNodeOut(Out):
    id: str
    name: str
    location_type: str
    parent_id: str
    children: list[LocationNodeOut]
