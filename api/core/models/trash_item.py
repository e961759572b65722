from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model, id_factory


@dataclass
class TrashItem(Model):
    """A deleted world, story, character, location, field template, relation or image, with everything its delete
    removed, until it is restored or purged.

    ``contents`` maps a collection to the documents taken out of it (as they
    were, oldest first); ``references`` are the list entries other documents
    held to it (``{collection, doc_id, field, value, index}``; or, for a value the
    delete replaced, ``{collection, doc_id, field, value, replaced_by}``), and
    ``connections`` the event connections other events held to its events
    (``{event_id, connection}``): a restore puts back the documents and re-adds
    the references whose documents still exist. ``owner_id`` is the owner of
    what was deleted (for a character or location: its world's owner)."""

    collection = "trash"
    id_field = "trash_id"
    indexed_fields = ("owner_id", "world_id")

    kind: str                 # "world" | "story" | "character" | "location" | "field_template" | "relation" | "image" | "book"
    item_id: str
    title: str
    owner_id: str
    world_id: str
    deleted_by: str
    deleted_at: str
    contents: dict = field(default_factory=dict)
    references: list[dict] = field(default_factory=list)
    connections: list[dict] = field(default_factory=list)
    trash_id: str = id_factory()
