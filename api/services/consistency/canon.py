"""The canon a check reads: the world's entries (names, aliases, custom fields), typed
relations, and the events of the stories the caller may read, with who died when.

**How a death is represented.** Worldsmith has no "dead" flag; the canon says it in
one of two ways, both read here:

* an *event* with the character among its ``entities`` whose title or description
  says that character died: "Mara dies", "Mara was killed at the ford", "Orin slays
  Mara", "Death of Mara", "Mai qua đời", "Mai bị giết", "Lý Thông giết Mai",
  "Cái chết của Mai" (an event with one character and a death word is that
  character's death). Its date is the event's (``dating.event_date``);
* a *custom field* of the character whose key or label names a death ("Died", "Date of
  death", "Năm mất", "Ngày mất") holding a date or a year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.calendar import sort_key
from core.models import Book, Entity, Event, FieldTemplate, Location, Relation, Story, User, World
from core.names import TITLES, is_vietnamese, strip_title
from services import access
from services.dating import calendar_of, event_date, story_date
from services.codex import bare, entity_kind
from storage import DocumentStore

DEATH_WORDS = {
    "en": r"(?:died|dies|dead|death|killed|slain|slew|slays|murdered|executed|perished|perishes|passed away|"
          r"passes away|was killed|is killed|falls in battle|fell in battle)",
    "vi": r"(?:chết|qua đời|hy sinh|hi sinh|tử trận|bị giết|từ trần|tạ thế|tự vẫn|băng hà)",
}
VICTIM_AFTER = {   # "<name> died", "<name> was killed" (never "<name> killed ...": then the name is the killer)
    "en": r"\s+(?:(?:was|is|got|had been|has been|were) (?:killed|slain|murdered|executed|drowned|poisoned|beheaded)|"
          r"(?:has |had )?(?:died|dies|perished|perishes|passed away|passes away|drowned|drowns)|"
          r"falls in battle|fell in battle|is dead|was dead|lay dead|lies dead)\b",
    "vi": r"\s+(?:đã |bị )?(?:chết|qua đời|hy sinh|hi sinh|tử trận|bị giết|từ trần|tạ thế|tự vẫn|băng hà|"
          r"mất(?=\s*(?:[.,;!?…]|$)))",
}
VICTIM_BEFORE = {  # "Orin killed <name>", "death of <name>"
    "en": r"(?:killed|kills|slew|slays|murdered|murders|executed|executes|stabbed|poisoned|"
          r"death of|murder of|killing of|funeral of)\s+(?:the\s+)?$",
    "vi": r"(?:giết|giết chết|chém chết|đâm chết|bắn chết|đầu độc|cái chết của|đám tang của|đám tang)\s+$",
}
DEATH_FIELD = re.compile(r"\b(?:died|death|deceased|năm mất|ngày mất|mất|qua đời|năm chết)\b", re.I)
BIRTH_FIELD = re.compile(r"\b(?:born|birth|birthday|năm sinh|ngày sinh|sinh)\b", re.I)
AGE_FIELD = re.compile(r"^(?:age|tuổi)$", re.I)


@dataclass
class Entry:
    id: str
    kind: str                  # an entry kind: character, creature, faction, item, lore, location
    name: str
    aliases: list[str]
    fields: dict
    labels: dict[str, str] = field(default_factory=dict)   # field key -> label

    def ref(self) -> dict:
        return {"kind": "entry", "id": self.id, "name": self.name}

    @property
    def forms(self) -> list[str]:
        out = []
        for form in [self.name, *self.aliases]:
            for f in (form, bare(form)):
                if f and f not in out:
                    out.append(f)
        return out

    def parts(self, language: str) -> list[str]:
        """Shorter forms prose calls a person by: first or last word (English), the given
        name at the end (Vietnamese: "An", "Văn An" of "Nguyễn Văn An")."""
        if self.kind not in ("character", "creature"):
            return []
        words = bare(self.name).split()
        if len(words) < 2:
            return []
        vietnamese = language == "vi" or is_vietnamese(self.name)
        found = [" ".join(words[i:]) for i in range(1, len(words))] if vietnamese else [words[0], words[-1]]
        titles = set(TITLES["vi" if vietnamese else "en"])
        return [p for p in found if p.casefold() not in titles and len(p) > 1]


@dataclass
class Death:
    entry_id: str
    date: dict | None          # in-world date, if known
    event: dict | None = None  # the event that says so
    story_id: str = ""

    def cite(self) -> dict | None:
        if self.event is None:
            return None
        return {"kind": "event", "id": self.event["event_id"], "name": self.event["title"]}


@dataclass
class Canon:
    world: World
    language: str
    calendar: dict
    story: Story
    entries: dict[str, Entry]
    relations: list[dict]
    relation_types: dict[str, dict]
    events: list[dict]                     # events of the stories the caller may read
    stories: dict[str, dict]               # those stories by id
    earlier: list[str]                     # chapters before this one in its book, readable
    deaths: dict[str, list[Death]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: DocumentStore, user: User, world: World, story: Story,
             relation_types: list[dict] | None = None) -> "Canon":
        where = {"world_id": world.world_id}
        templates = {(t["kind"], t["key"]): t["label"]
                     for t in store.find(FieldTemplate.collection, where=where, newest_first=False)}
        entries = {}
        for doc in store.find(Entity.collection, where=where, newest_first=False):
            kind = doc.get("entity_type") or "character"
            kind = kind if kind in ("item", "lore") else entity_kind(kind)
            entries[doc["entity_id"]] = Entry(doc["entity_id"], kind, doc["name"], list(doc.get("aliases") or []),
                                              dict(doc.get("fields") or {}),
                                              {k: templates.get((kind, k), k) for k in doc.get("fields") or {}})
        for doc in store.find(Location.collection, where=where, newest_first=False):
            entries[doc["location_id"]] = Entry(doc["location_id"], "location", doc["name"],
                                                list(doc.get("aliases") or []), dict(doc.get("fields") or {}),
                                                {k: templates.get(("location", k), k) for k in doc.get("fields") or {}})
        visible = set(access.visible_story_ids(store, user, world))
        stories = store.get_many(Story.collection, visible)
        events = [e for e in store.find(Event.collection, where=where, newest_first=False)
                  if e["story_id"] in visible]
        earlier = []
        if story.book_id:
            book = store.get(Book.collection, story.book_id) or {}
            chapters = book.get("chapter_ids") or []
            if story.story_id in chapters:
                earlier = [c for c in chapters[:chapters.index(story.story_id)] if c in visible]
        canon = cls(world, world.effective_language(), calendar_of(world), story, entries,
                    store.find(Relation.collection, where=where, newest_first=False),
                    {t["key"]: t for t in relation_types or ()}, events, stories, earlier)
        canon.deaths = canon._deaths()
        return canon

    # -- dates -----------------------------------------------------------------

    def story_date(self) -> dict | None:
        """The checked story's date when it has one of its own (else the rules do not guess)."""
        return dict(self.story.date) if self.story.date else None

    def event_date(self, event: dict) -> dict | None:
        if not event.get("date") and event.get("year") is None:
            story = self.stories.get(event["story_id"])
            return dict(story["date"]) if story and story.get("date") else None
        return event_date(event, self.calendar, self.stories.get(event["story_id"]))

    def before(self, a: dict | None, b: dict | None) -> bool:
        """Strictly earlier, comparing only the parts both dates give."""
        if not a or not b:
            return False
        if a.get("month") and b.get("month") and a.get("year") == b.get("year"):
            return sort_key(a, self.calendar) < sort_key(b, self.calendar)
        return a["year"] < b["year"]

    def story_year(self) -> int | None:
        date = self.story_date()
        return date["year"] if date else None

    def any_story_date(self) -> dict:
        return story_date(self.story, self.calendar)

    # -- deaths ----------------------------------------------------------------

    def _deaths(self) -> dict[str, list[Death]]:
        deaths: dict[str, list[Death]] = {}
        for event in self.events:
            for entry_id in self.victims(event):
                deaths.setdefault(entry_id, []).append(Death(entry_id, self.event_date(event), event,
                                                             event["story_id"]))
        for entry in self.entries.values():
            for key, value in entry.fields.items():
                if DEATH_FIELD.search(f"{key.replace('_', ' ')} {entry.labels.get(key, '')}"):
                    date = _as_date(value)
                    if date:
                        deaths.setdefault(entry.id, []).append(Death(entry.id, date))
        return deaths

    def victims(self, event: dict) -> list[str]:
        """The characters an event says died."""
        text = f"{event.get('title', '')}. {event.get('description', '')}"
        people = [self.entries[i] for i in event.get("entities") or () if i in self.entries
                  and self.entries[i].kind in ("character", "creature")]
        if not people:
            return []
        lowered = text.casefold()
        found = [p.id for p in people if any(_named_as_victim(lowered, f.casefold(), lang)
                                             for f in p.forms + p.parts(self.language) for lang in ("en", "vi"))]
        if found:
            return found
        if len(people) == 1 and any(re.search(rf"(?<!\w){DEATH_WORDS[lang]}(?!\w)", lowered)
                                    for lang in ("en", "vi")):
            return [people[0].id]
        return []

    def birth_year(self, entry: Entry) -> int | None:
        for key, value in entry.fields.items():
            if BIRTH_FIELD.search(f"{key.replace('_', ' ')} {entry.labels.get(key, '')}"):
                date = _as_date(value)
                if date:
                    return date["year"]
        return None

    def age_field(self, entry: Entry) -> tuple[str, int] | None:
        for key, value in entry.fields.items():
            if AGE_FIELD.match(key) or AGE_FIELD.match(entry.labels.get(key, "")):
                if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
                    return key, int(value)
        return None


def _named_as_victim(text: str, form: str, language: str) -> bool:
    if not form:
        return False
    for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
        if re.match(VICTIM_AFTER[language], text[m.end():]) or re.search(VICTIM_BEFORE[language], text[:m.start()]):
            return True
    return False


def _as_date(value) -> dict | None:
    if isinstance(value, dict) and isinstance(value.get("year"), int):
        return {k: value[k] for k in ("year", "month", "day") if value.get(k) is not None}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"year": int(value)}
    if isinstance(value, str):
        m = re.search(r"-?\d{1,7}", value)
        return {"year": int(m.group())} if m else None
    return None


def strip(name: str, language: str) -> str:
    return strip_title(name, language)[1]
