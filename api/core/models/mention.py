from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from core.models.base import Model


def mention_id(source_id: str, target_id: str, key: str) -> str:
    """One record per source and target; an unresolved target is its name key."""
    target = target_id or f"?{key}"
    return hashlib.sha256(f"{source_id}\0{target}".encode()).hexdigest()[:32]


@dataclass
class Mention(Model):
    """Where a text names an entry with ``[[Name]]``: one record per source document
    (a story, or an entity's or location's description) and entry mentioned, with how
    often and a short snippet. A mention that matches no entry has ``target_id`` ""
    and is found by ``key`` (``core.names.match_key`` of the name without its titles),
    so creating the entry later resolves it. Derived from the texts: rebuilt on every save."""

    collection = "mentions"
    id_field = "mention_id"
    indexed_fields = ("world_id", "source_id", "target_id", "key")

    world_id: str
    source_kind: str          # story | entity | location (``MENTION_SOURCES``)
    source_id: str
    key: str
    target_id: str = ""       # the entry's id; "" when no entry has that name
    names: list[str] = field(default_factory=list)   # the names as written (a few)
    count: int = 1
    snippet: str = ""
    mention_id: str = ""

    def __post_init__(self):
        self.mention_id = self.mention_id or mention_id(self.source_id, self.target_id, self.key)
