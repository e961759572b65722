"""What of a world's canon a text calls for, in the order it is offered to the budget.

Nothing here decides who may see what beyond the world itself (the builder
checks the world; ``recent_events`` checks each event's story): every entry and
relation read belongs to the one world, and search is asked for that world only.

* ``mentioned``: entries the text links with ``[[Name]]`` (resolved as
  ``services.mention_names`` resolves them) or writes by whole name or alias
  (``ai.extraction.known.KnownIndex``, titles stripped, Vietnamese tone marks
  significant, composed or decomposed alike), most often named first;
* ``relations_of``: the world's relations with one of them at either end, and
  the entries at their other ends;
* ``search_query``: the text's most frequent content words, for the store's
  lexical search (``SearchService``) over the world's entries;
* ``recent_events``: the latest dated events of the world, at or before the
  excluded story's date when it has one.
"""
from __future__ import annotations

import threading
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass

from ai.budget import Budget
from ai.extraction.english_words import STOPWORDS as EN_STOPWORDS
from ai.extraction.known import KnownIndex
from ai.extraction.text import sentences
from ai.extraction.vietnamese_words import STOPWORDS as VI_STOPWORDS
from core.calendar import sort_key
from core.mentions import parse
from core.models import Event, Relation, Story
from core.text import fold, tokenize
from services.dating import event_date, story_date
from services.mention_names import Names
from storage import DocumentStore
from storage.base import MAX_SEARCH_TERMS

STOP = {fold(w) for w in EN_STOPWORDS | VI_STOPWORDS}
KEYWORD_MIN = 3          # letters of a word worth searching for
INDEXES_KEPT = 16        # name indexes kept (building one for 500 entries costs ~30 ms)

_indexes: OrderedDict[tuple, KnownIndex] = OrderedDict()
_indexes_lock = threading.Lock()


@dataclass
class Found:
    """Entries a text calls for: id -> (why, times named, first position)."""

    entries: dict[str, tuple[str, int, int]]
    unresolved_mentions: int      # distinct [[names]] that are no entry of this world

    def ranked(self) -> list[tuple[str, str]]:
        """``(id, why)``, links and most named first, then by first appearance."""
        order = sorted(self.entries.items(), key=lambda item: (item[1][0] != "mention", -item[1][1], item[1][2]))
        return [(entry_id, why) for entry_id, (why, _, _) in order]


def mentioned(text: str, names: Names, language: str) -> Found:
    """Entries of the world the text links with ``[[Name]]`` or names by name or alias."""
    text = unicodedata.normalize("NFC", text or "")
    entries: dict[str, tuple[str, int, int]] = {}
    unresolved = set()
    for span in parse(text):
        ref = names.resolve(span.name)
        if ref is None:
            unresolved.add(span.name.casefold())
            continue
        _, times, first = entries.get(ref["id"], ("mention", 0, span.start))
        entries[ref["id"]] = ("mention", times + 1, min(first, span.start))
    codex = names.codex.entries
    index = known_index(codex, language)
    for number, row in enumerate(index.scan(sentences(text), Budget())):
        for entry_index, at in row:
            entry_id, where = codex[entry_index].id, number * 1_000_000 + at   # sentence order, then place
            why, times, first = entries.get(entry_id, ("named", 0, where))
            entries[entry_id] = (why, times + 1, min(first, where))
    return Found(entries, len(unresolved))


def known_index(codex: list, language: str) -> KnownIndex:
    """The name index of these codex entries (the same names and aliases: the same index, kept)."""
    key = (language, tuple((e.id, e.name, tuple(e.aliases)) for e in codex))
    with _indexes_lock:
        if key in _indexes:
            _indexes.move_to_end(key)
            return _indexes[key]
    index = KnownIndex([{"name": e.name, "kind": e.kind, "aliases": e.aliases} for e in codex], language)
    with _indexes_lock:
        _indexes[key] = index
        while len(_indexes) > INDEXES_KEPT:
            _indexes.popitem(last=False)
    return index


def relations_of(store: DocumentStore, world_id: str, ids: list[str], known: set[str]) -> list[dict]:
    """The world's relations with an end in ``ids`` (both ends ``known`` entries), in the
    order of ``ids``, then oldest first."""
    rank = {entry_id: n for n, entry_id in enumerate(ids)}
    found = []
    for doc in store.find(Relation.collection, where={"world_id": world_id}, newest_first=False):
        ends = (doc.get("source_id"), doc.get("target_id"))
        if all(end in known for end in ends) and any(end in rank for end in ends):
            found.append(doc)
    found.sort(key=lambda d: min(rank.get(d["source_id"], len(ids)), rank.get(d["target_id"], len(ids))))
    return found


def search_query(text: str, skip_words: set[str]) -> str:
    """The text's ``MAX_SEARCH_TERMS`` most frequent content words (folded), most frequent first."""
    counts = Counter(w for w in tokenize(text) if len(w) >= KEYWORD_MIN and not w.isdigit()
                     and w not in STOP and w not in skip_words)
    return " ".join(word for word, _ in counts.most_common(MAX_SEARCH_TERMS)) + " "   # no prefix match


def recent_events(store: DocumentStore, world_id: str, calendar: dict, visible_stories: set[str],
                  exclude_story_id: str | None, limit: int) -> tuple[list[tuple[dict, dict]], int]:
    """The ``limit`` latest events (with their dates) of stories the caller may see, latest
    first; at or before the excluded story's date when it has one. And how many events
    were passed over because their story is not the caller's to see."""
    events = store.find(Event.collection, where={"world_id": world_id}, newest_first=False)
    stories = store.get_many(Story.collection, list({e.get("story_id", "") for e in events}))
    hidden, dated = 0, []
    for event in events:
        story_id = event.get("story_id", "")
        if exclude_story_id is not None and story_id == exclude_story_id:
            continue
        if story_id not in visible_stories:
            hidden += 1
            continue
        date = event_date(event, calendar, stories.get(story_id))
        dated.append((sort_key(date, calendar), event.get("order", 0), event, date))
    until = None
    excluded = stories.get(exclude_story_id) if exclude_story_id else None
    if excluded is None and exclude_story_id:
        excluded = store.get(Story.collection, exclude_story_id)
    if excluded is not None:
        until = sort_key(story_date(excluded, calendar), calendar)
    if until is not None and any(key <= until for key, *_ in dated):
        dated = [item for item in dated if item[0] <= until]
    dated.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [(event, date) for _, _, event, date in dated[:limit]], hidden
