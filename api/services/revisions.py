"""Earlier versions of stories, worlds, characters, locations, events, relations
and a world's relation types.

Every update path (``WorldService.update``, ``StoryService.update``,
``CastService.update``, ``EventService.update``, ``RelationService.update`` and
``set_types``) calls ``Revisions.record``
after applying its changes and before writing the document: when a tracked
field changed, the document as it was is kept as a ``Revision`` and the
document gets the next ``version``. At most ``max_versions`` revisions are
kept per document; older ones are deleted in the same unit of work.

The tracked fields of a kind are the ones its PUT/PATCH may change (and a
restore brings back); links (a story's characters, places and linked stories,
a world's sharing) have routes of their own and are neither versioned nor
restored. ``text`` fields are prose: their differences are shown as unified
diffs.
"""
from __future__ import annotations

from dataclasses import dataclass

from core.clock import utc_now
from core.models import Book, Entity, Event, Location, Relation, RelationTypes, Revision, Story, World
from storage import DocumentStore

DEFAULT_MAX_VERSIONS = 50


@dataclass(frozen=True)
class Tracked:
    fields: tuple[str, ...]
    text: tuple[str, ...]


TRACKED: dict[str, Tracked] = {
    World.collection: Tracked(("name", "description", "world_type", "visibility", "metadata", "image_id"),
                              ("description",)),
    Story.collection: Tracked(("title", "description", "content", "genre", "visibility", "time_index", "date",
                               "tags"), ("description", "content")),
    Entity.collection: Tracked(("name", "entity_type", "description", "role", "aliases", "attributes",
                                "tags", "fields", "image_id"), ("description",)),
    Location.collection: Tracked(("name", "description", "location_type", "aliases", "coordinates",
                                  "parent_id", "tags", "fields", "image_id"), ("description",)),
    Event.collection: Tracked(("title", "description", "time_index", "order", "entities", "locations", "year",
                               "date_text", "date"),
                              ("description",)),
    Relation.collection: Tracked(("source_id", "target_id", "type", "mutual", "attitude", "note",
                                  "start_date", "end_date"), ("note",)),
    RelationTypes.collection: Tracked(("types",), ()),
    Book.collection: Tracked(("title", "description", "chapter_ids"), ("description",)),
}


def version_of(doc: dict) -> int:
    """A document's version; one stored before versions existed is version 1."""
    return int(doc.get("version") or 1)


def changed_fields(collection: str, before: dict, after: dict) -> list[str]:
    """The tracked fields whose values differ, in the kind's field order."""
    return [name for name in TRACKED[collection].fields if before.get(name) != after.get(name)]


class Revisions:
    def __init__(self, store: DocumentStore, max_versions: int = DEFAULT_MAX_VERSIONS):
        self.store = store
        self.max_versions = max(0, int(max_versions))

    def record(self, actor_id: str | None, item, before: dict,
               restored_version: int | None = None) -> bool:
        """Keep ``before`` (the stored document) as a revision of ``item`` (the model
        with the update applied, not yet written) and give ``item`` the next version,
        if the update changed a tracked field. False when it changed none: nothing is
        kept and the version stays (saving the same text twice is not a new version)."""
        changed = changed_fields(item.collection, before, item.to_dict())
        if not changed:
            return False
        version = version_of(before)
        item.version = version + 1
        revision = Revision(doc_collection=item.collection, doc_id=item.id, world_id=item.world_id,
                            version=version, document=before, changed_by=actor_id or "",
                            changed_at=utc_now(), changed_fields=changed,
                            restored_version=restored_version)
        self.store.put(Revision.collection, revision.revision_id, revision.to_dict())
        self.trim(item.id)
        return True

    def trim(self, doc_id: str) -> None:
        """Delete the document's revisions beyond the newest ``max_versions``."""
        for revision_id in self.store.find_ids(Revision.collection, where={"doc_id": doc_id})[self.max_versions:]:
            self.store.delete(Revision.collection, revision_id)

    def forget(self, doc_ids) -> None:
        """Delete every revision of these documents (they were deleted for good)."""
        for doc_id in dict.fromkeys(doc_ids):
            for revision_id in self.store.find_ids(Revision.collection, where={"doc_id": doc_id}):
                self.store.delete(Revision.collection, revision_id)
