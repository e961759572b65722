"""One search over the stories, entries (characters and other entities,
locations), events and worlds a caller may see.

The store ranks (``DocumentStore.search``: its index, never a scan); this
service decides what the caller may see and hands it to the store as a filter,
applied to the matches before they are ranked:

* worlds: public ones, the caller's own and those shared with them (admins: all);
* entries: those of those worlds;
* stories: every story of a world the caller reads (owner, shared, admin), and
  in the other visible (public) worlds the public stories and the caller's own,
  as ``core.permissions.can_view_story`` says;
* events: as visible as their story. In worlds the caller reads, all; in the
  others, the matches are checked against their stories after ranking, reading
  more while too many are dropped.

Deleted things are in the trash, out of their collections, so out of the index.
The ranked lists of each collection are merged by score (the stores score alike).
"""
from __future__ import annotations

import heapq
from typing import NamedTuple

from core import permissions
from core.models import Entity, Event, Location, Story, User, World
from core.text import searchable_text
from core.vocabulary import SEARCH_TYPES
from services import access
from services.listing import Page
from services.snippets import Matcher, snippet
from storage import DocumentStore
from storage.base import search_terms

MAX_DEPTH = 500          # ranked results a search reaches, over all its pages (bounded cost)


class Scope(NamedTuple):
    """The worlds a search covers: ``readable`` (every story seen; None: every world,
    an admin's search) and ``others`` (visible, but only their public stories seen)."""

    readable: list[str] | None
    others: list[str]


class SearchService:
    def __init__(self, store: DocumentStore):
        self.store = store

    def search(self, user: User | None, q: str, offset: int, limit: int, world_id: str | None = None,
               types: list[str] | None = None, kind: str | None = None, tag: str | None = None) -> Page:
        """A page of hits (``present``-ed) and how many there are (at most ``MAX_DEPTH``)."""
        terms = search_terms(q)
        scope = self._scope(user, world_id)
        types = [t for t in SEARCH_TYPES if t in (types or SEARCH_TYPES)]
        if kind is not None:
            types = [t for t in types if t == "entry"]
        if tag is not None:
            types = [t for t in types if t in ("story", "entry")]   # only they carry tags
        want = min(offset + limit, MAX_DEPTH)
        if not terms.words or want <= offset:
            return Page([], 0)
        extra = {} if tag is None else {"tags": tag}
        ranked, total, exact = [], 0, True
        for collection, any_of in self._filters(user, scope, types, kind, world_id):
            hits, count = self._search(collection, q, _with(any_of, extra), want)
            ranked.append([(score, collection, doc_id) for doc_id, score in hits])
            total += count
        if "event" in types and scope.others:
            hits, count, complete = self._other_events(user, q, scope.others, want)
            ranked.append([(score, Event.collection, doc_id) for doc_id, score in hits])
            total, exact = total + count, complete
        merged = heapq.merge(*ranked, key=lambda hit: -hit[0])
        page = list(merged)[offset:want]
        matcher = Matcher(terms)
        items = [answer for answer in (self._present(c, i, s, matcher) for s, c, i in page) if answer]
        return Page(items, min(total, MAX_DEPTH), exact)

    # -- what the caller may see ------------------------------------------------------

    def _scope(self, user: User | None, world_id: str | None) -> Scope:
        if world_id is not None:
            world = access.visible_world(self.store, user, world_id)   # 404 if not visible
            if access.is_world_reader(user, world):
                return Scope([world_id], [])
            return Scope([], [world_id])
        if permissions.is_admin(user):
            return Scope(None, [])
        readable = [] if user is None else self.store.find_ids(World.collection, any_of=[
            {"owner_id": user.user_id}, {"shared_with": user.user_id}])
        mine = set(readable)
        public = self.store.find_ids(World.collection, where={"visibility": "public"})
        return Scope(readable, [w for w in public if w not in mine])

    def _filters(self, user: User | None, scope: Scope, types: list[str], kind: str | None,
                 world_id: str | None):
        """(collection, any_of) of each collection to search (events of ``others``: ``_other_events``)."""
        every = None if scope.readable is None else [*scope.readable, *scope.others]
        in_worlds = None if every is None else [{"world_id": every}]
        if world_id is not None:
            in_worlds = [{"world_id": world_id}]
        if "world" in types:
            if world_id is not None:
                yield World.collection, [{"world_id": world_id}]
            elif scope.readable is None:
                yield World.collection, None
            else:
                yield World.collection, [{"world_id": scope.readable}, {"visibility": "public"}]
        if "story" in types:
            if scope.readable is None:
                yield Story.collection, in_worlds
            else:
                clauses = [{"world_id": scope.readable}, {"world_id": scope.others, "visibility": "public"}]
                if user is not None:
                    clauses.append({"world_id": scope.others, "owner_id": user.user_id})
                yield Story.collection, clauses
        if "entry" in types:
            if kind != "location":
                kinds = [] if kind is None else [{"entity_type": kind}]
                yield Entity.collection, _with(in_worlds, *kinds)
            if kind in (None, "location"):
                yield Location.collection, in_worlds
        if "event" in types and (scope.readable is None or scope.readable):
            yield Event.collection, in_worlds if scope.readable is None else [{"world_id": scope.readable}]

    def _search(self, collection: str, q: str, any_of, want: int) -> tuple[list, int]:
        if any_of is not None and not any(all(v != [] for v in c.values()) for c in any_of):
            return [], 0   # no world to look in
        found = self.store.search(collection, q, any_of=any_of, limit=want)
        return found.hits, found.total

    def _other_events(self, user: User | None, q: str, others: list[str], want: int):
        """Events of worlds the caller sees but does not read, whose story they may see:
        (the ``want`` best, how many there are, whether that count is exact: it is
        if every match was checked, else it counts the unchecked ones too)."""
        limit, checked, kept, stories = want + 10, 0, [], {}
        while True:
            found = self.store.search(Event.collection, q, any_of=[{"world_id": others}], limit=limit)
            for doc_id, score in found.hits[checked:]:
                if len(kept) >= want:
                    break
                checked += 1
                if self._story_visible(user, doc_id, stories):
                    kept.append((doc_id, score))
            if len(kept) >= want or len(found.hits) >= found.total or limit >= MAX_DEPTH * 4:
                total = found.total - (checked - len(kept))
                return kept, total, checked >= found.total
            limit *= 2

    def _story_visible(self, user: User | None, event_id: str, seen: dict[str, bool]) -> bool:
        event = self.store.get(Event.collection, event_id)
        if event is None:
            return False
        story_id = event.get("story_id", "")
        if story_id not in seen:
            story = self.store.get(Story.collection, story_id)
            seen[story_id] = story is not None and (
                story.get("visibility") == "public"
                or (user is not None and story.get("owner_id") == user.user_id))
        return seen[story_id]

    # -- answers ------------------------------------------------------------------------

    def _present(self, collection: str, doc_id: str, score: float, matcher: Matcher) -> dict | None:
        doc = self.store.get(collection, doc_id)
        if doc is None:   # deleted since it was ranked
            return None
        world_id = doc.get("world_id", "")
        answer = {"id": doc_id, "world_id": world_id, "score": round(score, 4)}
        if collection == Story.collection:
            answer |= {"type": "story", "title": doc.get("title", ""), "url": f"/stories/{doc_id}"}
            texts = [doc.get("description"), doc.get("content"), searchable_text(doc.get("tags"))]
        elif collection == Event.collection:
            answer |= {"type": "event", "title": doc.get("title", ""),
                       "url": f"/worlds/{world_id}?tab=timeline&event={doc_id}"}
            texts = [doc.get("description")]
        elif collection == World.collection:
            answer |= {"type": "world", "title": doc.get("name", ""), "url": f"/worlds/{world_id}"}
            texts = [doc.get("description")]
        else:
            kind = "location" if collection == Location.collection else doc.get("entity_type") or "character"
            answer |= {"type": "entry", "kind": kind, "title": doc.get("name", ""),
                       "url": f"/worlds/{world_id}/entries/{doc_id}"}
            texts = [doc.get("description"), *(searchable_text(doc.get(f)) for f in ("aliases", "tags", "fields"))]
        answer["snippet"] = snippet([t for t in texts if isinstance(t, str)], matcher)
        return answer


def _with(any_of: list[dict] | None, *extra: dict) -> list[dict] | None:
    """Every clause of ``any_of`` (None: one clause of nothing) with the ``extra`` conditions too."""
    conditions = {k: v for e in extra for k, v in e.items()}
    if not conditions:
        return any_of
    return [{**clause, **conditions} for clause in (any_of if any_of is not None else [{}])]
