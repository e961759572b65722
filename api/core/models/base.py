"""Shared behaviour of the stored models: dict round-trips and identity."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import ClassVar, TypeVar

from core.clock import new_id, utc_now

T = TypeVar("T", bound="Model")


@dataclass
class Model:
    collection: ClassVar[str]
    id_field: ClassVar[str]

    created_at: str = field(default_factory=utc_now, kw_only=True)
    updated_at: str = field(default_factory=utc_now, kw_only=True)

    @property
    def id(self) -> str:
        return getattr(self, self.id_field)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls: type[T], data: dict) -> T:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def touch(self) -> None:
        self.updated_at = utc_now()


def id_factory():
    return field(default_factory=new_id)
