"""Typed relations between a world's entries, and the world's vocabulary of
relation types.

A relation joins two different entries of one world (characters, creatures,
factions, items, lore, locations) with a type from the world's vocabulary
(``DEFAULT_RELATION_TYPES`` until the owner edits it), an attitude (-3..3), a
note and optional in-world dates. A mutual type ("sibling_of") has no
direction: A-B and B-A are the same relation, stored once. Updates keep
history (``Revisions``); deletes go to the trash (``TrashService``), and an
entry's delete takes its relations along. A world holds at most
``MAX_RELATIONS_PER_WORLD`` relations, so every read of them is bounded.
"""
from __future__ import annotations

from core.calendar import check_date
from core.errors import Conflict, InvalidInput, NotFound
from core.models import Relation, RelationTypes, TrashItem, User, World
from core.models.relation import types_id_of
from core.vocabulary import DEFAULT_RELATION_TYPES
from services.listing import Page
from services.relation_lookup import entry_kind, find_entry, twin
from services.revisions import Revisions
from services.trash_service import TrashService
from storage import DocumentStore

MAX_RELATIONS_PER_WORLD = 5_000
MAX_RELATION_TYPES = 100
DATE_FIELDS = ("start_date", "end_date")


def default_types() -> list[dict]:
    return [{"key": key, "label": label, "inverse_label": inverse, "mutual": mutual}
            for key, label, inverse, mutual in DEFAULT_RELATION_TYPES]


def _precision(date: dict) -> tuple[int, ...]:
    """A date as a tuple as precise as it is: (year,), (year, month) or (year, month, day)."""
    return tuple(date[k] for k in ("year", "month", "day") if date.get(k) is not None)


def _clean_date(date: dict | None) -> dict | None:
    return None if date is None else {k: v for k, v in date.items() if v is not None}


class RelationService:
    def __init__(self, store: DocumentStore, revisions: Revisions | None = None,
                 trash: TrashService | None = None):
        self.store = store
        self.revisions = revisions or Revisions(store)
        self.trash = trash or TrashService(store)

    # -- the vocabulary ----------------------------------------------------------------

    def vocabulary(self, world: World) -> RelationTypes:
        """The world's relation types: as edited, or the defaults (version 1, not stored)."""
        doc = self.store.get(RelationTypes.collection, types_id_of(world.world_id))
        if doc is None:
            return RelationTypes(world_id=world.world_id, types=default_types())
        return RelationTypes.from_dict(doc)

    def type_map(self, world: World) -> dict[str, dict]:
        return {t["key"]: t for t in self.vocabulary(world).types}

    def set_types(self, user: User, world: World, types: list[dict]) -> RelationTypes:
        """Replace the vocabulary. A key some relation uses may be neither removed nor
        made (or unmade) mutual: 409 ``relation_type_in_use``. The vocabulary as it was
        is kept in its history."""
        with self.store.unit_of_work():
            vocabulary = self.vocabulary(world)
            before = vocabulary.to_dict()
            wanted = {}
            for n, item in enumerate(types):
                if item["key"] in wanted:
                    raise InvalidInput("Each relation type key may appear once",
                                       {f"types.{n}.key": "repeats an earlier key"}, code="duplicate_key")
                wanted[item["key"]] = {"key": item["key"], "label": item["label"],
                                       "inverse_label": item.get("inverse_label") or item["label"],
                                       "mutual": bool(item.get("mutual"))}
            for old in vocabulary.types:
                new = wanted.get(old["key"])
                if (new is None or new["mutual"] != old["mutual"]) and self._in_use(world, old["key"]):
                    what = "removed" if new is None else "made one-way" if old["mutual"] else "made mutual"
                    raise Conflict(f"Relation type '{old['key']}' is used by relations: it cannot be {what}. "
                                   "Change or delete those relations first.",
                                   {"types": f"{old['key']} is in use"}, code="relation_type_in_use")
            vocabulary.types = list(wanted.values())
            vocabulary.touch()
            self.revisions.record(user.user_id, vocabulary, before)
            self.store.put(RelationTypes.collection, vocabulary.types_id, vocabulary.to_dict())
        return vocabulary

    def _in_use(self, world: World, key: str) -> bool:
        return bool(self.store.find(Relation.collection, where={"world_id": world.world_id, "type": key}, limit=1))

    # -- reading -----------------------------------------------------------------

    def list(self, world: World, entry_id: str | None, type_key: str | None, offset: int, limit: int) -> Page:
        """The world's relations, oldest first; with ``entry_id`` those with that entry at
        either end, with ``type_key`` those of that type."""
        where = {"world_id": world.world_id}
        if type_key:
            where["type"] = type_key
        any_of = [{"source_id": entry_id}, {"target_id": entry_id}] if entry_id else None
        docs = self.store.find(Relation.collection, where=where, any_of=any_of, offset=offset, limit=limit,
                               newest_first=False)
        return Page(docs, self.store.count(Relation.collection, where=where, any_of=any_of))

    def get(self, world: World, relation_id: str) -> Relation:
        doc = self.store.get(Relation.collection, relation_id)
        if doc is None or doc["world_id"] != world.world_id:
            raise NotFound("Relation not found in this world")
        return Relation.from_dict(doc)

    # -- writing -----------------------------------------------------------------

    def create(self, world: World, data: dict) -> Relation:
        with self.store.unit_of_work():
            if self.store.count(Relation.collection, where={"world_id": world.world_id}) >= MAX_RELATIONS_PER_WORLD:
                raise Conflict(f"A world holds at most {MAX_RELATIONS_PER_WORLD} relations",
                               {"world_id": "relation limit reached"}, code="relation_limit")
            data = {**data, **{f: _clean_date(data.get(f)) for f in DATE_FIELDS}}
            relation = Relation(world_id=world.world_id, **data)
            self._check(world, relation)
            self.store.put(Relation.collection, relation.relation_id, relation.to_dict())
            self.revisions.created(None, relation)   # by the unit's actor
        return relation

    def update(self, user: User, world: World, relation_id: str, changes: dict) -> Relation:
        """Apply the changes (a date set to None is cleared); the relation as it was is
        kept in its history."""
        with self.store.unit_of_work():
            relation = self.get(world, relation_id)
            before = relation.to_dict()
            for key, value in changes.items():
                setattr(relation, key, _clean_date(value) if key in DATE_FIELDS else value)
            self._check(world, relation)
            relation.touch()
            self.revisions.record(user.user_id, relation, before)
            self.store.put(Relation.collection, relation.relation_id, relation.to_dict())
        return relation

    def delete(self, user: User, world: World, relation_id: str) -> TrashItem:
        """Move to the trash (with its history)."""
        with self.store.unit_of_work():
            relation = self.get(world, relation_id)
            return self.trash.trash_relation(user, world, relation, self.title(world, relation))

    def title(self, world: World, relation: Relation) -> str:
        """"Ana parent of Bram": the relation as a sentence, for the trash."""
        names = []
        for end in (relation.source_id, relation.target_id):
            found = find_entry(self.store, world.world_id, end)
            names.append(found[1]["name"] if found else end)
        label = self.type_map(world).get(relation.type, {}).get("label", relation.type)
        return f"{names[0]} {label} {names[1]}"

    def _check(self, world: World, relation: Relation) -> None:
        """Both ends are different entries of the world; the type is the world's; dates
        are dates of its calendar, the end not before the start; no equal relation exists.
        Sets the derived fields (the ends' kinds, ``mutual``)."""
        if relation.source_id == relation.target_id:
            raise InvalidInput("A relation joins two different entries", {"target_id": "is the source"},
                               code="self_relation")
        for field in ("source_id", "target_id"):
            found = find_entry(self.store, world.world_id, getattr(relation, field))
            if found is None:
                raise InvalidInput("No such entry in this world", {field: "no entry with this id in this world"},
                                   code="unknown_entry")
            setattr(relation, field.replace("_id", "_kind"), entry_kind(*found))
        types = self.type_map(world)
        if relation.type not in types:
            raise InvalidInput(f"Unknown relation type '{relation.type}'",
                               {"type": f"not one of the world's relation types ({', '.join(types)})"},
                               code="unknown_relation_type")
        relation.mutual = bool(types[relation.type]["mutual"])
        calendar = world.metadata.get("calendar") or {}
        for field in DATE_FIELDS:
            date = getattr(relation, field)
            problem = None if date is None else check_date(calendar, date)
            if problem:
                raise InvalidInput("Not a date of this world's calendar", {field: problem}, code="invalid_date")
        if relation.start_date and relation.end_date:
            start, end = _precision(relation.start_date), _precision(relation.end_date)
            common = min(len(start), len(end))
            if end[:common] < start[:common]:
                raise InvalidInput("A relation cannot end before it starts", {"end_date": "before start_date"},
                                   code="invalid_date")
        same = twin(self.store, relation.to_dict(), exclude=relation.relation_id)
        if same is not None:
            raise Conflict("This relation exists already", {"relation_id": same["relation_id"]},
                           code="duplicate_relation")
