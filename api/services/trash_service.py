"""The trash: deleting a world, story, character, location, relation or book moves it, with
everything its delete removes, out of the live collections into one
``TrashItem``; it can be restored (same ids) for ``retention_days``, then it
is purged.

Because trashed documents are no longer in their collections, nothing of
them shows in lists, counts, quotas, search, the graph or the timeline, and a
trashed world hides everything in it: it all moved with it.

What a delete moves (the cascade of the old hard delete):

- a world: the world, its stories, characters, locations, relations, relation
  types, time cones, events, event caches, revisions, invitations and consistency findings;
- a story: the story, its time cones, events, event cache, reviews, consistency
  findings and the revisions of the story and its events; the ``linked_stories`` entries other stories held
  to it and the connections other events held to its events are removed and
  kept as references;
- a character or location: the document, its relations (either end) and the
  revisions of both; the entries stories and events held to it are removed and
  kept as references; the locations that lay in a deleted location move up to
  its parent, kept as references too (a restore puts back those still there);
- a field template: the template (the values entries hold under its key stay);
- a relation: the relation and its revisions;
- a book: the book, its revisions and reading positions; its chapters stay stories, their
  ``book_id`` cleared and kept as references (a deleted chapter's story leaves its book the
  same way, and ``settle_chapters`` makes story and book agree after any restore);
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

from datetime import timedelta
from typing import Callable

from core import clock, permissions
from core.errors import Conflict, NotFound
from core.models import (Book, Entity, Event, EventCache, FieldTemplate, Finding, IgnoredName, Image, Invitation,
                         Location, Mention, ReadingPosition, Relation, RelationTypes, Review, Revision, Story, TimeCone,
                         TrashItem, User, World)
from services import access
from services.activity_service import ActivityService
from services.listing import Page, filtered_page
from services.mention_service import MentionService
from services.relation_lookup import relations_of_entry
from services.trash_checks import check_name_free, check_quotas, check_template_fits, restorable
from services import usage_service as usage_ledger
from services.trash_moves import CAST_FIELDS, CAST_KINDS, Moved, reconnect, relink, settle_chapters
from storage import DocumentStore

DEFAULT_RETENTION_DAYS = 30
PURGE_BATCH = 20
KIND_LABELS = {"world": "World", "story": "Story", "character": "Character", "location": "Location",
               "field_template": "Field template", "relation": "Relation", "image": "Image", "book": "Book"}


class TrashService:
    def __init__(self, store: DocumentStore, retention_days: int = DEFAULT_RETENTION_DAYS,
                 now: Callable = clock.now, activity: ActivityService | None = None):
        self.store = store
        self.activity = activity or ActivityService(store)
        self.retention = timedelta(days=retention_days)
        self.now = now
        self.mentions = MentionService(store)

    # -- moving into the trash (inside the delete's unit of work) ----------------

    def trash_world(self, actor: User, world: World) -> TrashItem:
        world_id = world.world_id
        with self.store.unit_of_work():
            moved = Moved(self.store)
            moved.take(World.collection, [self.store.get(World.collection, world_id)])
            stories = self.store.find(Story.collection, where={"world_id": world_id}, newest_first=False)
            moved.take(Story.collection, stories)
            for model in (Entity, Location, Relation, RelationTypes, TimeCone, Event, Review, IgnoredName,
                          FieldTemplate, Mention, Image, Invitation, Book, ReadingPosition, Finding):
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
            moved = Moved(self.store)
            moved.take(Story.collection, [self.store.get(Story.collection, story_id)])
            moved.take(TimeCone.collection, self.store.find(TimeCone.collection, where={"story_id": story_id},
                                                            newest_first=False))
            events = self.store.find(Event.collection, where={"story_id": story_id}, newest_first=False)
            moved.take(Event.collection, events)
            moved.take(EventCache.collection, [self.store.get(EventCache.collection, story_id)])
            moved.take(Review.collection, self.store.find(Review.collection, where={"story_id": story_id},
                                                          newest_first=False))
            moved.take(Finding.collection, self.store.find(Finding.collection, where={"story_id": story_id},
                                                           newest_first=False))
            for doc_id in [story_id, *(e["event_id"] for e in events)]:
                moved.take(Revision.collection, self.store.find(Revision.collection, where={"doc_id": doc_id},
                                                                newest_first=False))
            self.mentions.source_removed(story_id)   # rebuilt on restore
            for other_id in story.linked_stories:
                moved.unreference(Story.collection, other_id, "linked_stories", story_id)
            if story.book_id:   # out of its book; a restore puts it back in its place
                moved.unreference(Book.collection, story.book_id, "chapter_ids", story_id)
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
            moved = Moved(self.store)
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
            moved = Moved(self.store)
            moved.take(FieldTemplate.collection, [self.store.get(FieldTemplate.collection, template.template_id)])
            return self._keep(actor, "field_template", template.template_id, template.label, world.owner_id,
                              world.world_id, moved)

    def trash_relation(self, actor: User, world: World, relation, title: str) -> TrashItem:
        """A relation and its history."""
        with self.store.unit_of_work():
            moved = Moved(self.store)
            moved.take(Relation.collection, [self.store.get(Relation.collection, relation.relation_id)])
            moved.take(Revision.collection, self.store.find(
                Revision.collection, where={"doc_id": relation.relation_id}, newest_first=False))
            return self._keep(actor, "relation", relation.relation_id, title, world.owner_id,
                              world.world_id, moved)

    def trash_book(self, actor: User, world: World, book: Book) -> TrashItem:
        """A book, its history and reading positions; its chapters stay as stories (out of
        the book, kept as references: a restore takes back those in no other book)."""
        with self.store.unit_of_work():
            moved = Moved(self.store)
            moved.take(Book.collection, [self.store.get(Book.collection, book.book_id)])
            for model in (Revision, ReadingPosition):
                where = {"doc_id" if model is Revision else "book_id": book.book_id}
                moved.take(model.collection, self.store.find(model.collection, where=where, newest_first=False))
            for doc in self.store.get_many(Story.collection, book.chapter_ids).values():
                if doc.get("book_id") == book.book_id:
                    moved.repoint(Story.collection, doc, "book_id", book.book_id, "")
            return self._keep(actor, "book", book.book_id, book.title, world.owner_id, world.world_id, moved)

    def trash_image(self, actor: User, world: World, image: Image) -> TrashItem:
        """An image's document; its blobs stay until the entry is purged."""
        with self.store.unit_of_work():
            moved = Moved(self.store)
            moved.take(Image.collection, [self.store.get(Image.collection, image.image_id)])
            return self._keep(actor, "image", image.image_id, image.filename or "Image", world.owner_id,
                              world.world_id, moved)

    def _keep(self, actor: User, kind: str, item_id: str, title: str, owner_id: str, world_id: str,
              moved: Moved) -> TrashItem:
        item = TrashItem(kind=kind, item_id=item_id, title=title, owner_id=owner_id, world_id=world_id,
                         deleted_by=actor.user_id, deleted_at=clock.iso(self.now()),
                         contents=moved.contents, references=moved.references,
                         connections=moved.connections)
        self.store.put(TrashItem.collection, item.trash_id, item.to_dict())
        self.activity.record_trash(actor.user_id, "deleted", item.to_dict())
        return item

    # -- reading ---------------------------------------------------------------------

    def expires_at(self, doc: dict):
        return clock.parse_iso(doc["deleted_at"]) + self.retention

    def _expired(self, doc: dict) -> bool:
        return self.now() >= self.expires_at(doc)

    def list(self, user: User, offset: int, limit: int) -> Page:
        """The caller's trash, newest first: what they owned, what was deleted in their worlds,
        and what they deleted as a co-author of a world they still write. Expired items are
        purged first."""
        self.purge_expired()
        owned = self.store.find_ids(World.collection, where={"owner_id": user.user_id})
        any_of = [{"owner_id": user.user_id}, {"deleted_by": user.user_id}, *({"world_id": w} for w in owned)]
        worlds: dict[str, World | None] = {}

        def read(start: int, count: int) -> list[dict]:
            return self.store.find(TrashItem.collection, any_of=any_of, offset=start, limit=count)

        return filtered_page(read, self.store.count(TrashItem.collection, any_of=any_of),
                             lambda doc: not self._expired(doc) and self._may_see(user, doc, worlds),
                             offset, limit)

    def _may_see(self, user: User, doc: dict, worlds: dict | None = None) -> bool:
        """Who sees and restores an entry: whoever owned what was deleted, the owner of its
        (live) world, the co-author who deleted it while they still write that world, admins."""
        if user.user_id == doc["owner_id"] or permissions.is_admin(user):
            return True
        worlds = {} if worlds is None else worlds
        if doc["world_id"] not in worlds:
            worlds[doc["world_id"]] = access.load_world(self.store, doc["world_id"])
        world = worlds[doc["world_id"]]
        if world is None or doc["kind"] == "world":
            return False
        return user.user_id == world.owner_id or (
            user.user_id == doc["deleted_by"] and permissions.can_write_world(user, world))

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
        """The entry, if the caller may see it (``_may_see``); else 404, as for an entry
        that does not exist (or has expired)."""
        doc = self.store.get(TrashItem.collection, trash_id)
        if doc is None or self._expired(doc) or not self._may_see(user, doc):
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
            contents = restorable(self.store, doc)
            for collection, docs in contents.items():
                id_field = self.store.id_field(collection)
                taken = [d[id_field] for d in docs if self.store.get(collection, d[id_field]) is not None]
                if taken:
                    raise Conflict(f"Cannot restore: {collection} id {taken[0]} is in use again",
                                   {"trash_id": f"{len(taken)} ids of its {collection} are taken"},
                                   code="id_taken")
            if doc["kind"] in ("character", "location"):
                check_name_free(self.store, doc, label)
            if doc["kind"] == "field_template":
                check_template_fits(self.store, doc)
            check_quotas(self.store, contents)
            for collection, docs in contents.items():
                id_field = self.store.id_field(collection)
                for item in docs:
                    self.store.put(collection, item[id_field], item)
            references = sum(relink(self.store, ref) for ref in doc["references"])
            references += sum(reconnect(self.store, link) for link in doc["connections"])
            settle_chapters(self.store, contents)
            self.mentions.restored(doc)
            self.store.delete(TrashItem.collection, trash_id)
            self.activity.record_trash(user.user_id, "restored", doc)
        return {"message": f"{label} restored", "trash_id": trash_id, "kind": doc["kind"],
                "item_id": doc["item_id"], "world_id": doc["world_id"], "title": doc["title"],
                "restored": {c: len(docs) for c, docs in contents.items() if docs},
                "references_restored": references}

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
        """What goes with a purged entry (in the purge's unit): the bytes of its images,
        a world's activity and AI usage."""
        if doc["kind"] == "world":   # its activity and AI usage ledger go with it
            self.activity.forget_world(doc["world_id"])
            usage_ledger.forget(self.store, {"world_id": doc["world_id"]})
        for image in map(Image.from_dict, doc["contents"].get(Image.collection, [])):
            self.store.delete_blob(image.blob_key)
            self.store.delete_blob(image.thumb_key)
