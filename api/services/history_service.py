"""The history of stories, worlds, characters, locations, events and books: the
earlier versions ``Revisions`` keeps, a diff of any of them against the
current document, and restoring one (itself a new version, so the version it
replaces stays in the history too).

Only those who may change the document see its history; anyone else gets 404,
exactly as for a document that does not exist.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from core.errors import Conflict, Forbidden, NotFound
from core.models import Book, Event, Revision, Story, User, World
from services import access
from services.book_service import BookService
from services.cast_service import ENTITY, LOCATION, CastService, Kind
from services.event_service import EventService
from services.image_service import is_world_image
from services.listing import Page
from services.revisions import TRACKED
from services.story_service import StoryService
from services.world_service import WorldService
from storage import DocumentStore


@dataclass
class Target:
    """A document whose history is asked for, loaded for a caller who may change it."""

    item: object            # World | Story | Entity | Location | Event | Book
    world: World
    kind: Kind | None = None   # characters and locations

    @property
    def collection(self) -> str:
        return self.item.collection

    @property
    def version(self) -> int:
        return self.item.version


def _editors_only(load, message: str):
    """``load()``, with "visible but not yours to change" reported as missing."""
    try:
        return load()
    except Forbidden:
        raise NotFound(message) from None


class HistoryService:
    def __init__(self, store: DocumentStore, worlds: WorldService, stories: StoryService,
                 cast: CastService, events: EventService, books: BookService | None = None):
        self.store = store
        self.worlds, self.stories, self.cast, self.events = worlds, stories, cast, events
        self.books = books or BookService(store, stories)

    # -- whose history (404 for anyone who may not change the document) ----------

    def world(self, user: User | None, world_id: str) -> Target:
        world = _editors_only(lambda: access.editable_world(self.store, user, world_id), "World not found")
        return Target(world, world)

    def story(self, user: User | None, story_id: str) -> Target:
        story, world = _editors_only(lambda: access.editable_story(self.store, user, story_id), "Story not found")
        return Target(story, world)

    def cast_item(self, user: User | None, kind: Kind, world_id: str, item_id: str) -> Target:
        world = _editors_only(lambda: access.editable_world(self.store, user, world_id), "World not found")
        return Target(self.cast.get(kind, world, item_id), world, kind)

    def event(self, user: User | None, event_id: str) -> Target:
        event, world = _editors_only(lambda: self.events.editable_event(user, event_id), "Event not found")
        return Target(event, world)

    def book(self, user: User | None, book_id: str) -> Target:
        book, world = _editors_only(lambda: self.books.writable(user, book_id), "Book not found")
        return Target(book, world)

    def present(self, target: Target, user: User | None) -> dict:
        """The document as its GET shows it."""
        if isinstance(target.item, Book):
            return self.books.present(target.item, target.world, user)
        if isinstance(target.item, World):
            return self.worlds.present(target.item, user)
        if isinstance(target.item, Story):
            return self.stories.present(target.item, target.world, user)
        if isinstance(target.item, Event):
            return self.events.present(target.item, target.world)
        return target.item.to_dict()

    # -- reading -----------------------------------------------------------------

    def versions(self, target: Target, offset: int, limit: int) -> Page:
        """The kept earlier versions, newest first: each with who replaced it and when,
        and which fields that change touched."""
        where = {"doc_id": target.item.id}
        docs = self.store.find(Revision.collection, where=where, offset=offset, limit=limit)
        users = self._usernames(d["changed_by"] for d in docs)
        return Page([self._entry(d, users) for d in docs], self.store.count(Revision.collection, where=where))

    def version(self, target: Target, number: int) -> dict:
        """One version's whole document, and its differences from the current one.
        The current version itself is answered too (with no differences)."""
        current = target.item.to_dict()
        if number == target.version:
            return {"version": number, "current_version": number, "changed_by": None, "changed_at": None,
                    "changed_fields": [], "restored_version": None, "document": current, "diff": {}}
        revision = self._revision(target, number)
        entry = self._entry(revision, self._usernames([revision["changed_by"]]))
        return {**entry, "current_version": target.version, "document": revision["document"],
                "diff": diff(target.collection, revision["document"], current, number, target.version)}

    def _revision(self, target: Target, number: int) -> dict:
        """The kept revision of ``number``. A document's revisions hold consecutive
        versions, newest first, so it is read at its place; a scan is the fallback."""
        where = {"doc_id": target.item.id}
        if 1 <= number < target.version:
            found = self.store.find(Revision.collection, where=where, offset=target.version - 1 - number, limit=1)
            if found and found[0]["version"] == number:
                return found[0]
            for revision_id in self.store.find_ids(Revision.collection, where=where):
                doc = self.store.get(Revision.collection, revision_id)
                if doc is not None and doc["version"] == number:
                    return doc
        raise NotFound(f"Version {number} is not in the history (the newest versions are kept)",
                       {"version": "not kept"})

    def _usernames(self, user_ids) -> dict[str, str | None]:
        names = {}
        for user_id in dict.fromkeys(user_ids):
            doc = self.store.get(User.collection, user_id) if user_id else None
            names[user_id] = doc["username"] if doc else None
        return names

    @staticmethod
    def _entry(revision: dict, users: dict) -> dict:
        return {"version": revision["version"],
                "changed_by": {"user_id": revision["changed_by"] or None,
                               "username": users.get(revision["changed_by"])},
                "changed_at": revision["changed_at"], "changed_fields": revision["changed_fields"],
                "restored_version": revision.get("restored_version")}

    # -- restoring ------------------------------------------------------------------

    def restore(self, user: User, target: Target, number: int) -> Target:
        """Bring back version ``number``'s tracked fields as a new version (the one it
        replaces is kept). Links are not restored: they have routes of their own."""
        with self.store.unit_of_work():
            if number == target.version:
                raise Conflict(f"Version {number} is the current version", {"version": "is current"},
                               code="already_current")
            old = self._revision(target, number)["document"]
            current = target.item.to_dict()
            changes = {f: old[f] for f in TRACKED[target.collection].fields
                       if f in old and old[f] != current.get(f)}
            if old.get("date"):   # a date decides time_index: brought back, it keeps the one it had
                changes["date"] = old["date"]
            if changes.get("image_id") and not is_world_image(self.store, target.world.world_id,
                                                                changes["image_id"]):
                del changes["image_id"]   # that image is gone (trashed): keep the current one
            item = target.item
            if isinstance(item, World):
                self.worlds.update(user, item, changes, restored_version=number)
            elif isinstance(item, Story):
                self.stories.update(user, item, changes, restored_version=number)
            elif isinstance(item, Book):   # its chapters' order only if they are the same chapters
                if sorted(changes.get("chapter_ids", item.chapter_ids)) != sorted(item.chapter_ids):
                    del changes["chapter_ids"]
                item = self.books.update(user, item, changes, restored_version=number)
            elif isinstance(item, Event):
                self.events.update(item, target.world, self._known_cast(target.world, changes),
                                   user, restored_version=number)
            else:
                item = self.cast.update(target.kind, target.world, item.id, changes, user,
                                        restored_version=number)
        return Target(item, target.world, target.kind)

    def _known_cast(self, world: World, changes: dict) -> dict:
        """An event's characters and places, without those no longer in the world."""
        for field, kind in (("entities", ENTITY), ("locations", LOCATION)):
            if field in changes:
                known = {i.id for i in self.cast.list(kind, world)}
                changes[field] = [i for i in changes[field] if i in known]
        return changes


def diff(collection: str, old: dict, new: dict, old_version: int, new_version: int) -> dict:
    """Per tracked field that differs: prose (``text``) as a unified diff from the old
    version to the new, other values as ``old``/``new``."""
    tracked = TRACKED[collection]
    changes = {}
    for field in tracked.fields:
        before, after = old.get(field), new.get(field)
        if before == after:
            continue
        if field in tracked.text and isinstance(before or "", str) and isinstance(after or "", str):
            lines = difflib.unified_diff((before or "").splitlines(), (after or "").splitlines(),
                                         fromfile=f"version {old_version}", tofile=f"version {new_version}",
                                         lineterm="")
            changes[field] = {"type": "text", "unified_diff": "\n".join(lines)}
        else:
            changes[field] = {"type": "value", "old": before, "new": after}
    return changes

