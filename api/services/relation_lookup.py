"""Finding entries and relations in the store: what the relation service, the
trash and the graph share (kept apart so the trash need not import the
relation service, which itself moves relations into the trash)."""
from __future__ import annotations

from core.models import Entity, Location, Relation
from core.vocabulary import ENTITY_ENTRY_KINDS
from storage import DocumentStore

ENTRY_COLLECTIONS = (Entity.collection, Location.collection)


def entry_kind(collection: str, doc: dict) -> str:
    """The entry kind of a stored entity or location. An entity stored with a type
    outside the codex kinds (older data: "person", "deity"...) counts as a character."""
    if collection == Location.collection:
        return "location"
    kind = doc.get("entity_type") or ""
    return kind if kind in ENTITY_ENTRY_KINDS else "character"


def find_entry(store: DocumentStore, world_id: str, entry_id: str) -> tuple[str, dict] | None:
    """``(collection, document)`` of the world's entry with this id (ids are unique
    across collections), or None."""
    for collection in ENTRY_COLLECTIONS:
        doc = store.get(collection, entry_id)
        if doc is not None:
            return (collection, doc) if doc.get("world_id") == world_id else None
    return None


def entries_of(store: DocumentStore, world_id: str) -> dict[str, dict]:
    """Every entry of the world: id -> ``{id, kind, name, image_id}``, entities first
    then locations, each oldest first."""
    entries = {}
    for collection in ENTRY_COLLECTIONS:
        id_field = store.id_field(collection)
        for doc in store.find(collection, where={"world_id": world_id}, newest_first=False):
            entries[doc[id_field]] = {"id": doc[id_field], "kind": entry_kind(collection, doc),
                                      "name": doc["name"], "image_id": doc.get("image_id") or ""}
    return entries


def relations_of_entry(store: DocumentStore, world_id: str, entry_id: str) -> list[dict]:
    """The relations with this entry at either end, oldest first."""
    return store.find(Relation.collection, where={"world_id": world_id},
                      any_of=[{"source_id": entry_id}, {"target_id": entry_id}], newest_first=False)


def twin(store: DocumentStore, relation: dict, exclude: str | None = None) -> dict | None:
    """A stored relation that duplicates ``relation``: the same type between the same
    ends (in either direction when the type is mutual); ``exclude`` is its own id."""
    ends = [(relation["source_id"], relation["target_id"])]
    if relation.get("mutual"):
        ends.append((relation["target_id"], relation["source_id"]))
    for source_id, target_id in ends:
        for doc in store.find(Relation.collection, limit=2, where={
                "world_id": relation["world_id"], "type": relation["type"],
                "source_id": source_id, "target_id": target_id}):
            if doc["relation_id"] != exclude:
                return doc
    return None
