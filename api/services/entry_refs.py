"""Entries of the codex: an entity (any kind but location) or a location, found by id alone.

Ids are unique across collections, so an entry id needs no kind to be found.
An entity's kind is its ``entity_type`` when that is an entry kind; older
documents holding other types ("villain") are read as characters.
"""
from __future__ import annotations

from core.models import Entity, Location
from core.vocabulary import ENTITY_ENTRY_KINDS
from storage import DocumentStore

ENTRY_MODELS = (Entity, Location)


def entity_entry_kind(entity_type: str) -> str:
    return entity_type if entity_type in ENTITY_ENTRY_KINDS else "character"


def kind_of(collection: str, doc: dict) -> str:
    """The entry kind of a stored entity or location document."""
    return "location" if collection == Location.collection else entity_entry_kind(doc.get("entity_type", ""))


def find_entry(store: DocumentStore, world_id: str, entry_id: str) -> tuple[str, dict] | None:
    """``(collection, document)`` of the entry with this id in this world, or None."""
    if not entry_id:
        return None
    for model in ENTRY_MODELS:
        doc = store.get(model.collection, entry_id)
        if doc is not None:
            return (model.collection, doc) if doc.get("world_id") == world_id else None
    return None


READ_MAX = 2_000   # entities, and as many locations, that one listing or tree reads at most
