"""What mentions need to know of a world: which documents hold mentions (``SOURCES``),
and the world's entries as names resolve to them (``Names``, over ``services.codex``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from core.models import Entity, Location, Story
from core.names import match_key
from core.vocabulary import ENTITY_ENTRY_KINDS
from services.codex import Codex, CodexEntry, bare, entity_kind
from storage import DocumentStore


@dataclass(frozen=True)
class Source:
    """What holds mentions: a model, its texts, and what names it in a list."""

    kind: str                 # story | entity | location
    model: type
    texts: tuple[str, ...]
    title: str


SOURCES = {s.kind: s for s in (Source("story", Story, ("content", "description"), "title"),
                               Source("entity", Entity, ("description",), "name"),
                               Source("location", Location, ("description",), "name"))}
SOURCE_OF = {s.model.collection: s for s in SOURCES.values()}


@lru_cache(maxsize=20_000)
def mention_key(name: str) -> str:
    """The key a mention is filed under: its name without titles or article, as matched."""
    return match_key(bare(name)) or match_key(name)


def entry_kind(collection: str, doc: dict) -> str:
    """The entry kind of a stored entity or location (an old, unknown entity type reads "character")."""
    if collection == Location.collection:
        return "location"
    kind = doc.get("entity_type") or ""
    return kind if kind in ENTITY_ENTRY_KINDS else "character"


@dataclass
class Names:
    """The world's entries as mentions resolve them: the codex, and each entry's kind and name."""

    codex: Codex
    refs: dict[str, dict] = field(default_factory=dict)   # id -> {kind, id, name}

    def resolve(self, name: str) -> dict | None:
        entry = self.codex.find(name)
        return None if entry is None else self.refs[entry.id]


def entry_docs(store: DocumentStore, world_id: str) -> list[tuple[str, dict]]:
    """``(collection, document)`` of every entity, then every location, of the world, oldest first."""
    where = {"world_id": world_id}
    return [(model.collection, doc) for model in (Entity, Location)
            for doc in store.find(model.collection, where=where, newest_first=False)]


def names_of(docs: list[tuple[str, dict]], item=None, replace: dict | None = None) -> Names:
    """The names of ``docs`` (entities first, in creation order, as ``Codex.load``), with
    the entry ``item`` read as ``replace`` (left out when ``replace`` is None)."""
    entries, refs, seen = [], {}, item is None
    for collection, doc in docs:
        if item is not None and collection == item.collection and doc[item.id_field] == item.id:
            seen, doc = True, replace
            if doc is None:
                continue
        entry = _codex_entry(collection, doc)
        entries.append(entry)
        refs[entry.id] = {"kind": entry_kind(collection, doc), "id": entry.id, "name": doc["name"]}
    if not seen and replace is not None:   # a new entry, not yet written
        entries.append(_codex_entry(item.collection, replace))
        refs[item.id] = {"kind": entry_kind(item.collection, replace), "id": item.id, "name": replace["name"]}
    return Names(Codex(entries), refs)


def world_names(store: DocumentStore, world_id: str) -> Names:
    """The world's entries as mentions resolve them."""
    return names_of(entry_docs(store, world_id))


def _codex_entry(collection: str, doc: dict) -> CodexEntry:
    if collection == Location.collection:
        return CodexEntry("place", doc["location_id"], doc["name"], list(doc.get("aliases") or []))
    return CodexEntry(entity_kind(doc.get("entity_type", "")), doc["entity_id"], doc["name"],
                      list(doc.get("aliases") or []))

