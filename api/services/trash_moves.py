"""What one delete takes out of the live collections, and how a restore puts back
the references it removed (``relink``) and the event connections (``reconnect``),
each only where its document still exists and nothing equal was made since."""
from __future__ import annotations

from core.models import Book, Entity, Event, Location, Story
from core.models.book import MAX_CHAPTERS
from storage import DocumentStore

CAST_KINDS = {Entity.collection: "character", Location.collection: "location"}
# story/event field -> which collection the ids it holds belong to
CAST_FIELDS = {Entity.collection: "entities", Location.collection: "locations"}

class Moved:
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



def relink(store: DocumentStore, ref: dict) -> int:
    doc = store.get(ref["collection"], ref["doc_id"])
    if "replaced_by" in ref:   # a value the delete replaced: put back unless changed since
        if doc is None or doc.get(ref["field"]) != ref["replaced_by"]:
            return 0
        doc[ref["field"]] = ref["value"]
        store.put(ref["collection"], ref["doc_id"], doc)
        return 1
    if doc is None or ref["value"] in doc.get(ref["field"], []):
        return 0
    values = list(doc.get(ref["field"], []))
    values.insert(min(ref.get("index", len(values)), len(values)), ref["value"])
    doc[ref["field"]] = values
    store.put(ref["collection"], ref["doc_id"], doc)
    return 1



def reconnect(store: DocumentStore, link: dict) -> int:
    doc = store.get(Event.collection, link["event_id"])
    connection = link["connection"]
    if doc is None or store.get(Event.collection, connection["to_event_id"]) is None:
        return 0
    current = doc.get("connections", [])
    if any(c["to_event_id"] == connection["to_event_id"] and c["relation_type"] == connection["relation_type"]
           for c in current):
        return 0
    current = list(current)
    current.insert(min(link.get("index", len(current)), len(current)), connection)
    doc["connections"] = current
    store.put(Event.collection, link["event_id"], doc)
    return 1



def settle_chapters(store: DocumentStore, contents: dict) -> None:
    """After a restore: a story and a book agree on whether it is a chapter. A restored
    story whose book is gone, did not take it back (or is full) leaves it; a restored
    book keeps only the chapters that came back to it (not those since in another book
    or deleted)."""
    for story in contents.get(Story.collection, []):
        book_id = story.get("book_id")
        if not book_id:
            continue
        book = store.get(Book.collection, book_id)
        chapters = (book or {}).get("chapter_ids", [])
        if story["story_id"] in chapters and len(chapters) <= MAX_CHAPTERS:
            continue
        if book is not None and story["story_id"] in chapters:
            book["chapter_ids"] = [c for c in chapters if c != story["story_id"]]
            store.put(Book.collection, book_id, book)
        current = store.get(Story.collection, story["story_id"])
        if current is not None:
            current["book_id"] = ""
            store.put(Story.collection, story["story_id"], current)
    for book in contents.get(Book.collection, []):
        current = store.get(Book.collection, book["book_id"])
        if current is None:
            continue
        stories = store.get_many(Story.collection, current["chapter_ids"])
        kept = [c for c in current["chapter_ids"] if (stories.get(c) or {}).get("book_id") == book["book_id"]]
        if kept != current["chapter_ids"]:
            current["chapter_ids"] = kept
            store.put(Book.collection, book["book_id"], current)
