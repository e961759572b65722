"""Shared behaviour of the stored models: dict round-trips and identity."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from functools import cache
from typing import ClassVar, TypeVar

import orjson

from core.clock import new_id, utc_now

T = TypeVar("T", bound="Model")


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@dataclass
class Model:
    """A stored document. Each model declares its storage: the collection, the
    id field, the fields lookups may filter on (``indexed_fields``) and which of
    those hold lists (``list_fields``, matched by containment). The stores are
    generic: they receive ``core.models.REGISTRY`` and derive everything from it.

    ``search_fields`` are the fields full-text search reads (strings, lists and
    mappings of them: tags, custom field values); the stores index them on
    write. ``search_titles`` (some of them) are the title or names: a hit there
    ranks above one in the other fields."""

    collection: ClassVar[str]
    id_field: ClassVar[str]
    indexed_fields: ClassVar[tuple[str, ...]] = ()
    list_fields: ClassVar[tuple[str, ...]] = ()
    search_fields: ClassVar[tuple[str, ...]] = ()
    search_titles: ClassVar[tuple[str, ...]] = ()

    created_at: str = field(default_factory=utc_now, kw_only=True)
    updated_at: str = field(default_factory=utc_now, kw_only=True)

    @property
    def id(self) -> str:
        return getattr(self, self.id_field)

    def to_dict(self) -> dict:
        # The deep copy ``asdict`` makes, several times faster through orjson
        # (``asdict`` was most of the time of listing worlds).
        try:
            return orjson.loads(orjson.dumps({name: getattr(self, name)
                                              for name in _field_names(type(self))}))
        except TypeError:  # a value JSON cannot hold
            return asdict(self)

    @classmethod
    def from_dict(cls: type[T], data: dict) -> T:
        return cls(**{name: data[name] for name in _field_names(cls) if name in data})

    def touch(self) -> None:
        self.updated_at = utc_now()


def id_factory():
    return field(default_factory=new_id)
