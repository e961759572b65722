from __future__ import annotations

import hashlib
from dataclasses import dataclass

from core.models.base import Model


def ignore_id(world_id: str, key: str) -> str:
    """One record per world and name key, so ignoring a name twice keeps one."""
    return hashlib.sha256(f"{world_id}\0{key}".encode()).hexdigest()[:32]


@dataclass
class IgnoredName(Model):
    """A name a writer told the analysis to ignore in a world: never proposed again."""

    collection = "ignored_names"
    id_field = "ignore_id"
    indexed_fields = ("world_id",)

    world_id: str
    name: str
    key: str          # ``core.names.match_key`` of the name
    ignored_by: str
    ignore_id: str = ""

    def __post_init__(self):
        self.ignore_id = self.ignore_id or ignore_id(self.world_id, self.key)
