"""The trash: deleting a world, story, character, location or relation moves it, with
everything its delete removes, out of the live collections into one
``TrashItem``; it can be restored (same ids) for ``retention_days``, then it
is purged.

Because trashed documents are no longer in their collections, nothing of
them shows in lists, counts, quotas, search, the graph or the timeline, and a
trashed world hides everything in it: it all moved with it.

What a delete moves (the cascade of the old hard delete):

- a world: the world, its stories, characters, locations, relations, relation
  types, time cones, events, event caches and revisions;
- a story: the story, its time cones, events, event cache and the revisions of
  the story and its events; the ``linked_stories`` entries other stories held
  to it and the connections other events held to its events are removed and
  kept as references;
- a character or location: the document, its relations (either end) and the
  revisions of both; the entries stories and events held to it are removed and
  kept as references; the locations that lay in a deleted location move up to
  its parent, kept as references too (a restore puts back those still there);
- a field template: the template (the values entries hold under its key stay);
- a relation: the relation and its revisions;
- an image: its document (a world's images go with the world). Its bytes (two
  blobs) stay in the store until the entry is purged, which deletes them.

A restore puts the documents back as they were, and re-adds each reference
whose document still exists. It is refused (409) when the item's world is not
live (in the trash itself, or gone), when an id is taken, or when a name is
now used by another character or location; a public world or story that no
longer fits its owner's quota is refused with the quota error (429). A
character's or location's relations come back only where the other end still
exists and no equal relation was made since (``relation_lookup.twin``); a
relation deleted alone is refused (409) in those cases instead.
Restored documents keep their ids and ``created_at`` but are stored anew, so
they come last in the store's creation order (first in newest-first lists).
"""
from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Callable

from core import clock, permissions
from core.errors import Conflict, NotFound
from core.models import (Entity, Event, EventCache, FieldTemplate, IgnoredName, Image, Location, Mention, Relation,
                         RelationTypes, Review, Revision, Story, TimeCone, TrashItem, User, World)
from core.models.field_template import MAX_PER_WORLD as MAX_TEMPLATES
from core.names import match_key
from services.listing import Page
from services.mention_service import MentionService
from services.publishing import check_public_quota
from services.relation_lookup import find_entry, relations_of_entry, twin
from storage import DocumentStore

DEFAULT_RETENTION_DAYS = 30
PURGE_BATCH = 20
CAST_KINDS = {Entity.collection: "character", Location.collection: "location"}
KIND_LABELS = {"world": "World", "story": "Story", "character": "Character", "location": "Location",
               "field_template": "Field template", "relation": "Relation", "image": "Image"}
# story/event field -> which collection the ids it holds belong to
CAST_FIELDS = {Entity.collection: "entities", Location.collection: "locations"}


class TrashService:
    def __init__(self, store: DocumentStore, retention_days: int = DEFAULT_RETENTION_DAYS,
                 now: Callable = clock.now):
        self.store = store
        self.retention = timedelta(days=retention_days)
        self.now = now
        self.mentions = MentionService(store)

    # -- moving into the trash (inside the delete's unit of work) ----------------

    def trash_world(self, actor: User, world: World) -> TrashItem:
        world_id = world.world_id
        with self.store.unit_of_work():
            moved = _Moved(self.store)
            moved.take(World.collection, [self.store.get(World.collection, world_id)])
            stories = self.store.find(Story.collection, where={"world_id": world_id}, newest_first=False)
            moved.take(Story.collection, stories)
            for model in (Entity, Location, Relation, RelationTypes, TimeCone, Event, Review, IgnoredName,
                          FieldTemplate, Mention, Image):
                moved.take(model.collection, self.store.find(model.collection, where={"world_id": world_id},
                                                             newest_first=False))
            moved.take(EventCache.collection, [self.store.get(EventCache.collection, s["story_id"])
                                               for s in stories])
            moved.take(Revision.collection, self.store.find(Revision.collection, where={"world_id": world_id},
                                                            newest_first=False))
            return self._keep(actor, "world", world_id, world.name, world.owner_id, world_id, moved)

    def trash_story(self, actor: User, story: Story) -> TrashItem:
        story_id = story.story_id
        with self.store.unit_of_work():
            moved = _Moved(self.store)
            moved.take(Story.collection, [self.store.get(Story.collection, story_id)])
            moved.take(TimeCone.collection, self.store.find(TimeCone.collection, where={"story_id": story_id},
                                                            newest_first=False))
            events = self.store.find(Event.collection, where={"story_id": story_id}, newest_first=False)
            moved.take(Event.collection, events)
            moved.take(EventCache.collection, [self.store.get(EventCache.collection, story_id)])
            moved.take(Review.collection, self.store.find(Review.collection, where={"story_id": story_id},
                                                          newest_first=False))
            for doc_id in [story_id, *(e["event_id"] for e in events)]:
                moved.take(Revision.collection, self.store.find(Revision.collection, where={"doc_id": doc_id},
                                                                newest_first=False))
            self.mentions.source_removed(story_id)   # rebuilt on restore
            for other_id in story.linked_stories:
                moved.unreference(Story.collection, other_id, "linked_stories", story_id)
            gone = {e["event_id"] for e in events}
            if gone:
                for doc in self.store.find(Event.collection, where={"world_id": story.world_id}):
                    moved.disconnect(doc, gone)
            return self._keep(actor, "story", story_id, story.title, story.owner_id, story.world_id, moved)

    def trash_cast(self, actor: User, world: World, item) -> TrashItem:
        """A character (``Entity``) or a location, with its relations, unlinked from every
        story and event."""
        collection, field = item.collection, CAST_FIELDS[item.collection]
        with self.store.unit_of_work():
            moved = _Moved(self.store)
            moved.take(collection, [self.store.get(collection, item.id)])
            relations = relations_of_entry(self.store, world.world_id, item.id)
            moved.take(Relation.collection, relations)
            for doc_id in [item.id, *(r["relation_id"] for r in relations)]:
                moved.take(Revision.collection, self.store.find(Revision.collection, where={"doc_id": doc_id},
                                                                newest_first=False))
            for model in (Story, Event):
                for doc in self.store.find(model.collection, where={"world_id": world.world_id}):
                    if item.id in doc.get(field, []):
                        moved.unreference(model.collection, doc[model.id_field], field, item.id, doc)
            if collection == Location.collection:   # what lay in it now lies in its parent
                for doc in self.store.find(Location.collection, where={"world_id": world.world_id,
                                                                       "parent_id": item.id}):
                    moved.repoint(Location.collection, doc, "parent_id", item.id, item.parent_id)
            self.mentions.entry_removed(world, item.id)   # its mentions resolve again without it
            return self._keep(actor, CAST_KINDS[collection], item.id, item.name, world.owner_id,
                              world.world_id, moved)

    def trash_template(self, actor: User, world: World, template: FieldTemplate) -> TrashItem:
        """A field template (the values entries hold under its key stay where they are)."""
        with self.store.unit_of_work():
            moved = _Moved(self.store)
            moved.take(FieldTemplate.collection, [self.store.get(FieldTemplate.collection, template.template_id)])
            return self._keep(actor, "field_template", template.template_id, template.label, world.owner_id,
                              world.world_id, moved)

    def trash_relation(self, actor: User, world: World, relation, title: str) -> TrashItem:
        """A relation and its history."""
        with self.store.unit_of_work():
            moved = _Moved(self.store)
            moved.take(Relation.collection, [self.store.get(Relation.collection, relation.relation_id)])
            moved.take(Revision.collection, self.store.find(
                Revision.collection, where={"doc_id": relation.relation_id}, newest_first=False))
            return self._keep(actor, "relation", relation.relation_id, title, world.owner_id,
                              world.world_id, moved)

    def trash_image(self, actor: User, world: World, image: Image) -> TrashItem:
        """An image's document; its blobs stay until the entry is purged."""
        with self.store.unit_of_work():
            moved = _Moved(self.store)
            moved.take(Image.collection, [self.store.get(Image.collection, image.image_id)])
            return self._keep(actor, "image", image.image_id, image.filename or "Image", world.owner_id,
                              world.world_id, moved)

    def _keep(self, actor: User, kind: str, item_id: str, title: str, owner_id: str, world_id: str,
              moved: "_Moved") -> TrashItem:
        item = TrashItem(kind=kind, item_id=item_id, title=title, owner_id=owner_id, world_id=world_id,
                         deleted_by=actor.user_id, deleted_at=clock.iso(self.now()),
                         contents=moved.contents, references=moved.references,
                         connections=moved.connections)
        self.store.put(TrashItem.collection, item.trash_id, item.to_dict())
        return item

    # -- reading ---------------------------------------------------------------------

    def expires_at(self, doc: dict):
        return clock.parse_iso(doc["deleted_at"]) + self.retention

    def _expired(self, doc: dict) -> bool:
        return self.now() >= self.expires_at(doc)

    def list(self, user: User, offset: int, limit: int) -> Page:
        """The caller's trash (what they owned), newest first; expired items are purged first."""
        self.purge_expired()
        where = {"owner_id": user.user_id}
        docs = self.store.find(TrashItem.collection, where=where, offset=offset, limit=limit)
        return Page([d for d in docs if not self._expired(d)], self.store.count(TrashItem.collection, where=where))

    def present(self, doc: dict) -> dict:
        """A trash entry as the API shows it: what it is and what it holds (not the documents)."""
        return {
            "trash_id": doc["trash_id"], "kind": doc["kind"], "item_id": doc["item_id"],
            "title": doc["title"], "world_id": doc["world_id"], "owner_id": doc["owner_id"],
            "deleted_by": doc["deleted_by"], "deleted_at": doc["deleted_at"],
            "expires_at": clock.iso(self.expires_at(doc)),
            "counts": {collection: len(docs) for collection, docs in doc["contents"].items() if docs},
            "references": len(doc["references"]) + len(doc["connections"]),
        }

    def get(self, user: User, trash_id: str) -> dict:
        """The entry, if the caller owned what was deleted (or is an admin); else 404,
        as for an entry that does not exist (or has expired)."""
        doc = self.store.get(TrashItem.collection, trash_id)
        if doc is None or self._expired(doc) or not (
                user.user_id == doc["owner_id"] or permissions.is_admin(user)):
            raise NotFound("Trash item not found")
        return doc

    # -- restoring and purging -------------------------------------------------------------

    def restore(self, user: User, trash_id: str) -> dict:
        """Put everything back; what was restored."""
        with self.store.unit_of_work():
            doc = self.get(user, trash_id)
            label = KIND_LABELS[doc["kind"]]
            if doc["kind"] != "world" and self.store.get(World.collection, doc["world_id"]) is None:
                raise Conflict(f"Its world is in the trash or was deleted for good: restore the world "
                               f"first, then this {label.lower()}", {"world_id": "not live"},
                               code="world_not_live")
            contents = self._restorable(doc)
            for collection, docs in contents.items():
                id_field = self.store.id_field(collection)
                taken = [d[id_field] for d in docs if self.store.get(collection, d[id_field]) is not None]
                if taken:
                    raise Conflict(f"Cannot restore: {collection} id {taken[0]} is in use again",
                                   {"trash_id": f"{len(taken)} ids of its {collection} are taken"},
                                   code="id_taken")
            if doc["kind"] in ("character", "location"):
                self._check_name_free(doc)
            if doc["kind"] == "field_template":
                self._check_template_fits(doc)
            self._check_quotas(contents)
            for collection, docs in contents.items():
                id_field = self.store.id_field(collection)
                for item in docs:
                    self.store.put(collection, item[id_field], item)
            references = sum(self._relink(ref) for ref in doc["references"])
            references += sum(self._reconnect(link) for link in doc["connections"])
            self.mentions.restored(doc)
            self.store.delete(TrashItem.collection, trash_id)
        return {"message": f"{label} restored", "trash_id": trash_id, "kind": doc["kind"],
                "item_id": doc["item_id"], "world_id": doc["world_id"], "title": doc["title"],
                "restored": {c: len(docs) for c, docs in contents.items() if docs},
                "references_restored": references}

    def _restorable(self, doc: dict) -> dict:
        """What of the entry's contents goes back. A character's or location's relations
        whose other end is gone, or that a relation made since duplicates, stay out (with
        their revisions); a lone relation in that case is refused."""
        contents = doc["contents"]
        relations = contents.get(Relation.collection)
        if doc["kind"] == "world" or not relations:
            return contents
        coming = {d[self.store.id_field(c)] for c, docs in contents.items() if c in CAST_KINDS for d in docs}
        kept, dropped = [], set()
        for relation in relations:
            gone = [end for end in (relation["source_id"], relation["target_id"])
                    if end not in coming and find_entry(self.store, doc["world_id"], end) is None]
            duplicate = twin(self.store, relation)
            if doc["kind"] == "relation" and gone:
                raise Conflict("Cannot restore: an entry it joins is in the trash or was deleted for good; "
                               "restore that entry first", {"relation": f"entry {gone[0]} is not live"},
                               code="relation_end_missing")
            if doc["kind"] == "relation" and duplicate:
                raise Conflict("Cannot restore: the same relation exists again",
                               {"relation": f"same as {duplicate['relation_id']}"}, code="duplicate_relation")
            if gone or duplicate:
                dropped.add(relation["relation_id"])
            else:
                kept.append(relation)
        if not dropped:
            return contents
        revisions = [r for r in contents.get(Revision.collection, []) if r["doc_id"] not in dropped]
        return {**contents, Relation.collection: kept, Revision.collection: revisions}

    def _check_name_free(self, doc: dict) -> None:
        """As on creation: the name may not be another's name or alias in the world."""
        (collection, [item]), = [(c, d) for c, d in doc["contents"].items() if c in CAST_KINDS]
        taken = {match_key(n) for other in self.store.find(collection, where={"world_id": doc["world_id"]})
                 for n in [other["name"], *other.get("aliases", [])]}
        if match_key(item["name"]) in taken:
            raise Conflict(f"{KIND_LABELS[doc['kind']]} '{item['name']}' already exists in this world: "
                           "rename that one before restoring this one", {"name": "already exists"},
                           code="duplicate_name")

    def _check_template_fits(self, doc: dict) -> None:
        """As on creation: its key free for its kind, and room for it in the world."""
        [item] = doc["contents"][FieldTemplate.collection]
        others = self.store.find(FieldTemplate.collection, where={"world_id": doc["world_id"]}, limit=MAX_TEMPLATES)
        if any(o["kind"] == item["kind"] and o["key"] == item["key"] for o in others):
            raise Conflict(f"A {item['kind']} field '{item['key']}' exists again: delete or rename that one first",
                           {"key": "already exists"}, code="duplicate_key")
        if len(others) >= MAX_TEMPLATES:
            raise Conflict(f"A world holds at most {MAX_TEMPLATES} field templates",
                           {"world_id": f"has {len(others)} field templates"}, code="too_many_templates")

    def _check_quotas(self, contents: dict) -> None:
        """Public worlds and stories coming back must fit their owners' quotas."""
        for model in (World, Story):
            owners = Counter(d["owner_id"] for d in contents.get(model.collection, [])
                             if d.get("visibility") == "public")
            for owner_id, adding in owners.items():
                owner = self.store.get(User.collection, owner_id)
                if owner is not None:
                    check_public_quota(self.store, User.from_dict(owner), model, "public", adding=adding)

    def _relink(self, ref: dict) -> int:
        doc = self.store.get(ref["collection"], ref["doc_id"])
        if "replaced_by" in ref:   # a value the delete replaced: put back unless changed since
            if doc is None or doc.get(ref["field"]) != ref["replaced_by"]:
                return 0
            doc[ref["field"]] = ref["value"]
            self.store.put(ref["collection"], ref["doc_id"], doc)
            return 1
        if doc is None or ref["value"] in doc.get(ref["field"], []):
            return 0
        values = list(doc.get(ref["field"], []))
        values.insert(min(ref.get("index", len(values)), len(values)), ref["value"])
        doc[ref["field"]] = values
        self.store.put(ref["collection"], ref["doc_id"], doc)
        return 1

    def _reconnect(self, link: dict) -> int:
        doc = self.store.get(Event.collection, link["event_id"])
        connection = link["connection"]
        if doc is None or self.store.get(Event.collection, connection["to_event_id"]) is None:
            return 0
        current = doc.get("connections", [])
        if any(c["to_event_id"] == connection["to_event_id"] and c["relation_type"] == connection["relation_type"]
               for c in current):
            return 0
        current = list(current)
        current.insert(min(link.get("index", len(current)), len(current)), connection)
        doc["connections"] = current
        self.store.put(Event.collection, link["event_id"], doc)
        return 1

    def purge(self, user: User, trash_id: str) -> dict:
        """Delete the entry, and what it holds, for good."""
        with self.store.unit_of_work():
            doc = self.get(user, trash_id)
            self.store.delete(TrashItem.collection, trash_id)
            self._drop_blobs(doc)
        return {"message": f"{KIND_LABELS[doc['kind']]} deleted for good", "trash_id": trash_id,
                "kind": doc["kind"], "item_id": doc["item_id"]}

    def purge_expired(self) -> int:
        """Delete every entry older than the retention; how many.

        Entries are stored in the order they were deleted and all keep the same
        retention, so the expired ones are the oldest: this reads from the oldest
        and stops at the first entry still restorable."""
        purged = 0
        while True:
            oldest = self.store.find(TrashItem.collection, newest_first=False, limit=1)
            if not oldest or not self._expired(oldest[0]):
                return purged
            with self.store.unit_of_work():
                docs = self.store.find(TrashItem.collection, newest_first=False, limit=PURGE_BATCH)
                expired = [d for d in docs if self._expired(d)]
                for doc in expired:
                    self.store.delete(TrashItem.collection, doc["trash_id"])
                    self._drop_blobs(doc)
            purged += len(expired)
            if len(expired) < len(docs) or not expired:
                return purged


    def _drop_blobs(self, doc: dict) -> None:
        """The bytes of the images a purged entry held (in the purge's unit)."""
        for image in map(Image.from_dict, doc["contents"].get(Image.collection, [])):
            self.store.delete_blob(image.blob_key)
            self.store.delete_blob(image.thumb_key)


class _Moved:
    """What one delete takes out of the live collections."""

    def __init__(self, store: DocumentStore):
        self.store = store
        self.contents: dict[str, list[dict]] = {}
        self.references: list[dict] = []
        self.connections: list[dict] = []

    def take(self, collection: str, docs) -> None:
        """Remove the documents (``None``s are skipped) and keep them."""
        id_field = self.store.id_field(collection)
        for doc in docs:
            if doc is None:
                continue
            self.contents.setdefault(collection, []).append(doc)
            self.store.delete(collection, doc[id_field])

    def unreference(self, collection: str, doc_id: str, field: str, value: str, doc: dict | None = None) -> None:
        """Remove ``value`` from the document's ``field`` list, remembering where it was."""
        doc = doc if doc is not None else self.store.get(collection, doc_id)
        if doc is None or value not in doc.get(field, []):
            return
        index = doc[field].index(value)
        self.references.append({"collection": collection, "doc_id": doc_id, "field": field,
                                "value": value, "index": index})
        doc[field] = [v for v in doc[field] if v != value]
        self.store.put(collection, doc_id, doc)

    def repoint(self, collection: str, doc: dict, field: str, value: str, replaced_by: str) -> None:
        """Set the document's ``field`` from ``value`` to ``replaced_by``, remembering it."""
        self.references.append({"collection": collection, "doc_id": doc[self.store.id_field(collection)],
                                "field": field, "value": value, "replaced_by": replaced_by})
        doc[field] = replaced_by
        self.store.put(collection, doc[self.store.id_field(collection)], doc)

    def disconnect(self, event: dict, gone: set[str]) -> None:
        """Remove the event's connections to ``gone`` events, remembering them."""
        connections = event.get("connections", [])
        kept = [c for c in connections if c.get("to_event_id") not in gone]
        if len(kept) == len(connections):
            return
        for index, connection in enumerate(connections):
            if connection.get("to_event_id") in gone:
                self.connections.append({"event_id": event["event_id"], "connection": connection,
                                         "index": index})
        event["connections"] = kept
        self.store.put(Event.collection, event["event_id"], event)
