"""The codex: every entry of a world (entities of every kind, and locations) as one
list, an entry's page, and the tree of locations.

An entry is shown as ``EntryOut``: its kind, name, aliases, description, tags,
image and custom fields. A listing reads at most ``READ_MAX`` entities and as
many locations of the world (newest first) and filters and sorts those; when a
world holds more, the page says its total is not exact. The page of an entry
lists the stories and events linking it that the caller may see.
"""
from __future__ import annotations

from core.errors import NotFound
from core.models import REGISTRY, Entity, Event, Location, Story, User, World
from core.text import fold, fold_words
from core.vocabulary import ENTRY_KINDS
from services import access, location_tree
from services.entry_refs import READ_MAX, find_entry, kind_of
from services.listing import Page
from services.revisions import version_of
from storage import DocumentStore

LISTED_MAX = 100     # stories, events and children an entry page lists
EVENT_SCAN = 1_000   # events linking an entry read for its page (newest first)
SORTS = ("name", "-name", "updated", "-updated", "kind")


def present(collection: str, doc: dict) -> dict:
    """An entry as ``EntryOut``: the fields every kind shares, and its kind's own."""
    entity = collection == Entity.collection
    out = {"kind": kind_of(collection, doc), "id": doc["entity_id" if entity else "location_id"],
           "name": doc["name"], "aliases": list(doc.get("aliases") or []),
           "description": doc.get("description", ""), "tags": list(doc.get("tags") or []),
           "image_id": doc.get("image_id") or "", "fields": dict(doc.get("fields") or {}),
           "updated_at": doc["updated_at"], "version": version_of(doc)}
    if entity:
        out["entity_type"] = doc.get("entity_type") or "character"
    else:
        out["location_type"] = doc.get("location_type", "")
        out["parent_id"] = doc.get("parent_id") or ""
    return out


def _name_key(entry: dict):
    return fold(entry["name"]), entry["name"], entry["id"]


def _sorted(entries: list[dict], sort: str) -> list[dict]:
    if sort == "kind":
        order = {kind: i for i, kind in enumerate(ENTRY_KINDS)}
        return sorted(entries, key=lambda e: (order.get(e["kind"], len(order)), *_name_key(e)))
    if sort.endswith("updated"):
        return sorted(entries, key=lambda e: (e["updated_at"], e["id"]), reverse=sort.startswith("-"))
    return sorted(entries, key=_name_key, reverse=sort.startswith("-"))


def matches_prefix(names: list[str], query: str) -> bool:
    """Whether a name (or one of its words) begins with ``query``, accents and case folded."""
    wanted = " ".join(fold_words(query))
    return not wanted or any(f" {' '.join(fold_words(n))}".find(f" {wanted}") >= 0 for n in names)


class EntryService:
    def __init__(self, store: DocumentStore):
        self.store = store

    def _read(self, model, world: World) -> tuple[list[dict], bool]:
        docs = self.store.find(model.collection, where={"world_id": world.world_id}, limit=READ_MAX + 1)
        return docs[:READ_MAX], len(docs) <= READ_MAX

    def list(self, world: World, filters: dict, offset: int, limit: int) -> Page:
        """A page of the world's entries, filtered (``kind``, ``tag`` ignoring case, ``q`` a
        folded name or alias prefix, ``parent_id``) and sorted (``SORTS``; by name if not given)."""
        kind, tag, text, parent_id = (filters.get(k) for k in ("kind", "tag", "q", "parent_id"))
        entries, complete = [], True
        for model in (Entity, Location):
            if (kind and (kind == "location") != (model is Location)) or (parent_id and model is Entity):
                continue
            docs, whole = self._read(model, world)
            complete = complete and whole
            entries += [present(model.collection, d) for d in docs]
        tag = (tag or "").casefold()
        entries = [e for e in entries
                   if (not kind or e["kind"] == kind)
                   and (not tag or any(t.casefold() == tag for t in e["tags"]))
                   and (not parent_id or e.get("parent_id") == parent_id)
                   and (not text or matches_prefix([e["name"], *e["aliases"]], text))]
        entries = _sorted(entries, filters.get("sort") or "name")
        return Page(entries[offset:offset + limit], len(entries), complete)

    def page(self, world: World, user: User | None, entry_id: str) -> dict:
        """The entry's page: the entry (its whole document too), the locations it lies in
        (outermost first), the locations inside it, and the stories and events linking it
        that the caller may see."""
        found = find_entry(self.store, world.world_id, entry_id)
        if found is None:
            raise NotFound("Entry not found in this world")
        collection, doc = found
        document = REGISTRY[collection].from_dict(doc).to_dict()
        breadcrumb, children = [], []
        if collection == Location.collection:
            breadcrumb = [{"id": d["location_id"], "name": d["name"]}
                          for d in reversed(location_tree.ancestors(self.store, doc))]
            inside = self.store.find(Location.collection, where={"world_id": world.world_id, "parent_id": entry_id},
                                     limit=LISTED_MAX)
            children = sorted(({"id": d["location_id"], "name": d["name"], "location_type": d.get("location_type", "")}
                               for d in inside), key=lambda c: (fold(c["name"]), c["name"]))
        field = "locations" if collection == Location.collection else "entities"
        where = {"world_id": world.world_id, field: entry_id}
        visible = set(access.visible_story_ids(self.store, user, world))
        story_ids = [i for i in self.store.find_ids(Story.collection, where=where) if i in visible]
        stories = [{"story_id": d["story_id"], "title": d["title"]}
                   for d in (self.store.get(Story.collection, i) for i in story_ids[:LISTED_MAX]) if d]
        events = [e for e in self.store.find(Event.collection, where=where, limit=EVENT_SCAN)
                  if e["story_id"] in visible]
        events.sort(key=lambda e: (e.get("time_index", 50), e.get("order", 0), e["title"]))
        return {"entry": {**document, **present(collection, doc)}, "breadcrumb": breadcrumb, "children": children,
                "stories": stories, "stories_total": len(story_ids),
                "events": [{"event_id": e["event_id"], "title": e["title"], "story_id": e["story_id"],
                            "date": e.get("date"), "time_index": e.get("time_index", 50)}
                           for e in events[:LISTED_MAX]],
                "events_total": len(events)}

    def location_tree(self, world: World) -> list[dict]:
        """The world's locations as a tree, by name (``location_tree.tree``)."""
        return location_tree.tree(self._read(Location, world)[0])
