"""Characters (entities) and locations of a world.

Both kinds behave alike: unique names within the world (ignoring case and
accents), updates (kept in their history), and deletes that move them to the
trash and unlink them from stories and events. A ``Kind`` describes what
differs between them. Custom field values are checked against the world's
templates (``FieldService``); a location's parent against the world's other
locations (``location_tree``).
"""
from __future__ import annotations

from dataclasses import dataclass

from core.errors import Conflict, NotFound
from core.models import Entity, Location, TrashItem, User, World
from core.names import match_key
from generators.starter_cast import starter_cast
from services import location_tree
from services.entry_refs import entity_entry_kind
from services.field_service import FieldService
from services.mention_service import MentionService
from services.image_service import check_image_ref
from services.revisions import Revisions
from services.trash_service import TrashService
from storage import DocumentStore


@dataclass(frozen=True)
class Kind:
    model: type
    label: str
    story_field: str   # list on Story (and Event) holding ids of this kind


ENTITY = Kind(Entity, "Character", "entities")
LOCATION = Kind(Location, "Location", "locations")


class CastService:
    def __init__(self, store: DocumentStore, revisions: Revisions | None = None,
                 trash: TrashService | None = None, fields: FieldService | None = None):
        self.store = store
        self.revisions = revisions or Revisions(store)
        self.trash = trash or TrashService(store)
        self.fields = fields or FieldService(store, self.trash)
        self.mentions = MentionService(store, self.revisions)

    # -- reading ---------------------------------------------------------------

    def list(self, kind: Kind, world: World) -> list:
        docs = self.store.find(kind.model.collection, where={"world_id": world.world_id},
                               newest_first=False)
        return [kind.model.from_dict(d) for d in docs]

    def get(self, kind: Kind, world: World, item_id: str):
        doc = self.store.get(kind.model.collection, item_id)
        if doc is None or doc["world_id"] != world.world_id:
            raise NotFound(f"{kind.label} not found in this world")
        return kind.model.from_dict(doc)

    def by_name(self, kind: Kind, world: World) -> dict:
        """``match_key`` of each name and alias -> item: names are unique by that key
        (so "Trần" and "Trấn" are two names, "Zoe" and "Zoë" one)."""
        index = {}
        for item in self.list(kind, world):
            for name in [item.name, *item.aliases]:
                index.setdefault(match_key(name), item)
        return index

    def taken_names(self, world: World) -> set[str]:
        return {key for kind in (ENTITY, LOCATION) for key in self.by_name(kind, world)}

    # -- writing ---------------------------------------------------------------

    def create(self, kind: Kind, world: World, data: dict):
        with self.store.unit_of_work():
            if match_key(data["name"]) in self.by_name(kind, world):
                raise Conflict(f"{kind.label} '{data['name']}' already exists in this world",
                               {"name": "already exists"}, code="duplicate_name")
            check_image_ref(self.store, world.world_id, data.get("image_id"))
            item = kind.model(world_id=world.world_id, **self._checked(kind, world, data))
            self.store.put(kind.model.collection, item.id, item.to_dict())
            self.revisions.created(None, item)   # by the unit's actor
            self.mentions.entry_written(world, item, None, None)
        return item

    def update(self, kind: Kind, world: World, item_id: str, changes: dict, user: User | None = None,
               restored_version: int | None = None):
        """Apply the changes; the item as it was is kept in its history (``Revisions``)."""
        with self.store.unit_of_work():
            item = self.get(kind, world, item_id)
            before = item.to_dict()
            if "name" in changes and match_key(changes["name"]) != match_key(item.name):
                clash = self.by_name(kind, world).get(match_key(changes["name"]))
                if clash is not None and clash.id != item.id:
                    raise Conflict(f"{kind.label} '{changes['name']}' already exists in this world",
                                   {"name": "already exists"}, code="duplicate_name")
            changes = self._checked(kind, world, changes, item, restoring=restored_version is not None)
            if "image_id" in changes:
                check_image_ref(self.store, world.world_id, changes["image_id"])
            for key, value in changes.items():
                setattr(item, key, value)
            item.touch()
            self.mentions.entry_written(world, item, before, user)   # a rename rewrites [[Old]] links
            self.revisions.record(user.user_id if user else None, item, before, restored_version)
            self.store.put(kind.model.collection, item.id, item.to_dict())
        return item

    def _checked(self, kind: Kind, world: World, data: dict, item=None, restoring: bool = False) -> dict:
        """``data`` with a location's ``parent_id`` checked, and ``fields`` (new and changed
        values checked, ``null`` removing one, the others kept) made the whole new set.
        A restore from history brings back values as they were (a parent that is gone: none)."""
        data = dict(data)
        if kind is LOCATION and "parent_id" in data:
            data["parent_id"] = location_tree.check_parent(self.store, world, item.id if item else None,
                                                           data["parent_id"], lenient=restoring)
        if "fields" in data and not restoring:
            entry_kind = "location" if kind is LOCATION else entity_entry_kind(
                data.get("entity_type") or (item.entity_type if item else "character"))
            data["fields"] = self.fields.apply(world, entry_kind, data["fields"], item.fields if item else {})
        return data

    def delete(self, kind: Kind, world: World, item_id: str, user: User) -> TrashItem:
        """Move to the trash, unlinked from every story and event of the world
        (``TrashService.trash_cast``); the locations inside a location move up to its parent."""
        with self.store.unit_of_work():
            item = self.get(kind, world, item_id)
            return self.trash.trash_cast(user, world, item)

    def ensure(self, kind: Kind, world: World, name: str, known: dict, **fields):
        """The item called ``name`` (or by that alias); created if missing.

        ``known`` is a ``by_name`` index that is updated with what is created.
        Returns ``(item, created)``.
        """
        key = match_key(name)
        if key in known:
            return known[key], False
        item = kind.model(world_id=world.world_id, name=" ".join(name.split()), **fields)
        self.store.put(kind.model.collection, item.id, item.to_dict())
        self.mentions.entry_written(world, item, None, None)
        known[key] = item
        return item, True

    # -- casts for new worlds ----------------------------------------------------

    def add_starter_cast(self, world: World) -> None:
        cast = starter_cast(world.world_type, seed=world.world_id, taken=self.taken_names(world),
                            language=world.effective_language())
        self.add_cast(world, cast["characters"], cast["locations"])

    def add_cast(self, world: World, characters: list[dict], locations: list[dict]) -> None:
        """Create characters and locations from dicts (an analysis result or a starter cast)."""
        known_entities = self.by_name(ENTITY, world)
        known_locations = self.by_name(LOCATION, world)
        with self.store.unit_of_work():
            for spec in characters:
                fields = {k: v for k, v in spec.items() if k != "name"}
                self.ensure(ENTITY, world, spec["name"], known_entities, **fields)
            for spec in locations:
                fields = {k: v for k, v in spec.items() if k != "name"}
                self.ensure(LOCATION, world, spec["name"], known_locations, **fields)
