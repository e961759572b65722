"""The document-store interface every storage backend implements.

Services see collections of JSON documents keyed by a string id. Lookups by id
and by the indexed fields in ``INDEXED_FIELDS`` are the only queries, so every
backend can answer them without scanning. Documents come back in creation order
(newest first by default), which is the order lists are paginated in.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import contextmanager
from typing import Iterable, Iterator, Mapping

# collection -> fields that may be used in ``where`` / ``any_of``.
# A list-valued field (``shared_with``) matches when it contains the value.
INDEXED_FIELDS: dict[str, tuple[str, ...]] = {
    "users": ("username_key", "email_key", "role", "banned"),
    "worlds": ("owner_id", "visibility", "shared_with"),
    "stories": ("world_id", "owner_id", "visibility"),
    "entities": ("world_id",),
    "locations": ("world_id",),
    "time_cones": ("world_id", "story_id"),
    "events": ("world_id", "story_id"),
    "event_cache": ("story_id",),
    "tasks": ("owner_id", "status"),
}

# Fields of INDEXED_FIELDS that hold lists (backends that need to know, e.g. PostgreSQL).
LIST_FIELDS: dict[str, tuple[str, ...]] = {"worlds": ("shared_with",)}

ID_FIELDS = {
    "users": "user_id", "worlds": "world_id", "stories": "story_id", "entities": "entity_id",
    "locations": "location_id", "time_cones": "time_cone_id", "events": "event_id",
    "event_cache": "story_id", "tasks": "task_id",
}


class StorageError(RuntimeError):
    """The storage backend cannot do what was asked (bad file, lock held...)."""


class DocumentStore(ABC):
    """Collections of JSON documents with indexed equality lookups."""

    kind = "abstract"

    @abstractmethod
    def get(self, collection: str, doc_id: str) -> dict | None:
        """The document with this id, or None."""

    @abstractmethod
    def put(self, collection: str, doc_id: str, doc: Mapping) -> None:
        """Insert or wholly replace a document. Creation order is kept on replace."""

    def put_many(self, collection: str, items: Iterable[tuple[str, Mapping]]) -> int:
        """``put`` each (id, document) in order (bulk loads, migration); how many."""
        count = 0
        for doc_id, doc in items:
            self.put(collection, doc_id, doc)
            count += 1
        return count

    @abstractmethod
    def delete(self, collection: str, doc_id: str) -> bool:
        """Remove a document; True if it existed."""

    @abstractmethod
    def find(self, collection: str, where: Mapping | None = None,
             any_of: list[Mapping] | None = None, offset: int = 0,
             limit: int | None = None, newest_first: bool = True) -> list[dict]:
        """Documents matching every ``where`` pair and at least one ``any_of`` pair."""

    def find_ids(self, collection: str, where: Mapping | None = None,
                 any_of: list[Mapping] | None = None) -> list[str]:
        """Ids of the documents ``find`` would return, newest first."""
        id_field = ID_FIELDS[collection]
        return [doc[id_field] for doc in self.find(collection, where, any_of)]

    def group_ids(self, collection: str, field: str, values: Iterable,
                  where: Mapping | None = None) -> dict[object, list[str]]:
        """For each of ``values``: ``find_ids(where={**where, field: value})``.
        Backends answer it in one query: presenting a page of 50 worlds then
        costs a few queries instead of a few per world."""
        where = dict(where or {})
        return {value: self.find_ids(collection, where={**where, field: value}) for value in values}

    @abstractmethod
    def count(self, collection: str, where: Mapping | None = None,
              any_of: list[Mapping] | None = None) -> int:
        """How many documents ``find`` would return without offset/limit."""

    @abstractmethod
    def flush(self) -> None:
        """Return only when every write made before the call is durable."""

    def begin(self) -> None:
        """Start a unit of work on this thread (a mutating request): backends
        with transactions hold its writes until ``flush`` or ``rollback``."""

    def rollback(self) -> None:
        """End this thread's unit of work, discarding writes not yet flushed
        where the backend can (PostgreSQL); a no-op for TinyDB."""

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes so other threads never see half of them."""
        yield

    def close(self) -> None:
        """Release files, locks and connections."""

    @staticmethod
    def check_fields(collection: str, fields) -> None:
        allowed = INDEXED_FIELDS.get(collection, ())
        for field in fields:
            if field not in allowed:
                raise ValueError(f"{collection}.{field} is not an indexed field")
