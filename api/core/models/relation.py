from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from core.models.base import Model, id_factory


@dataclass
class Relation(Model):
    """A typed relation between two entries of a world (characters, creatures,
    factions, items, lore or locations): ``source`` *type* ``target`` ("Ana
    parent_of Bram"). ``mutual`` (from the type, at write time) means the
    direction carries no meaning ("sibling_of"). ``*_kind`` are the entry kinds
    of the two ends when the relation was last written. Dates are
    ``{year, month?, day?}`` on the world's calendar."""

    collection = "relations"
    id_field = "relation_id"
    indexed_fields = ("world_id", "source_id", "target_id", "type")

    world_id: str
    source_id: str
    target_id: str
    type: str
    source_kind: str = "character"
    target_kind: str = "character"
    mutual: bool = False
    attitude: int = 0           # -3 (hostile) .. 3 (devoted)
    note: str = ""
    start_date: Optional[dict] = None
    end_date: Optional[dict] = None
    relation_id: str = id_factory()
    version: int = 1   # +1 on every update


@dataclass
class RelationTypes(Model):
    """A world's vocabulary of relation types, once the world has edited it (until
    then it is ``core.vocabulary.DEFAULT_RELATION_TYPES``). ``types`` is a list
    of ``{key, label, inverse_label, mutual}``. One per world: its id is derived
    from the world's (``types_id_of``)."""

    collection = "relation_types"
    id_field = "types_id"
    indexed_fields = ("world_id",)

    world_id: str
    types: list[dict] = field(default_factory=list)
    types_id: str = ""
    version: int = 1

    def __post_init__(self):
        self.types_id = self.types_id or types_id_of(self.world_id)


def types_id_of(world_id: str) -> str:
    return f"relation-types:{world_id}"
