"""The world's named entries across kinds, for matching names found in prose.

Characters, creatures and factions (entities) and places (locations) share one
name space here: a name or alias of any kind is found whatever kind the text
suggests, so an analysis never creates "Emberfall" the character beside
"Emberfall" the place. Names compare by ``core.names.match_key`` (Vietnamese
tone marks significant), with titles stripped ("Captain Vell" is "Vell"),
and only whole names or recorded aliases match.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from core.models import Entity, Location, World
from core.names import match_key, strip_title
from core.vocabulary import ENTITY_KINDS
from storage import DocumentStore


@dataclass
class CodexEntry:
    kind: str            # character | creature | faction | place
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)

    @property
    def is_place(self) -> bool:
        return self.kind == "place"

    @property
    def collection(self) -> str:
        return Location.collection if self.is_place else Entity.collection

    @property
    def story_field(self) -> str:
        """The list on stories and events that holds ids of this kind."""
        return "locations" if self.is_place else "entities"

    def ref(self) -> dict:
        return {"kind": self.kind, "id": self.id, "name": self.name}


def entity_kind(entity_type: str) -> str:
    return entity_type if entity_type in ENTITY_KINDS else "character"


ARTICLES = ("the ", "a ", "an ")


@lru_cache(maxsize=20_000)   # pure functions of the name, asked for every name on every codex load
def bare(name: str) -> str:
    """The name without its titles and a leading article ("The Grey Company" -> "Grey Company")."""
    name = strip_title(name)[1]
    lowered = name.casefold()
    for article in ARTICLES:
        if lowered.startswith(article) and len(name) > len(article):
            return name[len(article):].strip()
    return name


@lru_cache(maxsize=20_000)
def keys(name: str) -> frozenset[str]:
    """The keys a written name is known by: as written, and without its titles or article."""
    return frozenset(k for k in (match_key(name), match_key(bare(name))) if k)


class Codex:
    def __init__(self, entries: list[CodexEntry] = ()):
        self.entries: list[CodexEntry] = []
        self._by_key: dict[str, CodexEntry] = {}
        for entry in entries:
            self.add(entry)

    @classmethod
    def load(cls, store: DocumentStore, world: World) -> "Codex":
        where = {"world_id": world.world_id}
        entities = [CodexEntry(entity_kind(d.get("entity_type", "")), d["entity_id"], d["name"],
                               list(d.get("aliases") or []))
                    for d in store.find(Entity.collection, where=where, newest_first=False)]
        places = [CodexEntry("place", d["location_id"], d["name"], list(d.get("aliases") or []))
                  for d in store.find(Location.collection, where=where, newest_first=False)]
        return cls(entities + places)

    def add(self, entry: CodexEntry) -> None:
        self.entries.append(entry)
        self.learn(entry, entry.name, *entry.aliases)

    def learn(self, entry: CodexEntry, *names: str) -> None:
        """Index more names of an entry (first come keeps a key)."""
        for name in names:
            for key in keys(name):
                self._by_key.setdefault(key, entry)

    def find(self, name: str) -> CodexEntry | None:
        """The entry called ``name`` or known by that alias, in any kind."""
        for key in (match_key(name), match_key(bare(name))):
            if key in self._by_key:
                return self._by_key[key]
        return None

    def get(self, entry_id: str) -> CodexEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def partial(self, name: str) -> list[CodexEntry]:
        """Entries of several words one of whose first or last words is this one-word
        name ("Daven" for "Daven Voss", "Mai" for "Trần Thị Mai"): candidates for an
        alias, never a match."""
        short = bare(name)
        if len(short.split()) != 1:
            return []
        key = match_key(short)
        found = []
        for entry in self.entries:
            words = bare(entry.name).split()
            if len(words) > 1 and key in (match_key(words[0]), match_key(words[-1])):
                found.append(entry)
        return found

    def known(self) -> list[dict]:
        """The entries as the extractors take them: ``{name, kind, aliases}``."""
        return [{"name": e.name, "kind": e.kind, "aliases": list(e.aliases)} for e in self.entries]
