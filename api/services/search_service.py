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
When no word matches, titles like the query are offered instead (a typo: "tran
hung dai" finds "Trần Hưng Đạo"), scored below 100, under which no word match falls.
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
from storage.base import SearchHits, search_terms

MAX_DEPTH = 200          # ranked results a search reaches, over all its pages (bounded cost)
SIMILAR_WEIGHT = 50      # a similar title's score: its similarity (0.6..1) times this, below any word match


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
        want = min(offset + limit, MAX_DEPTH)   # a page past it is empty, with the total
        if not terms.words:
            return Page([], 0)
        extra = {} if tag is None else {"tags": tag}
        requests = [(collection, _with(any_of, extra), want)
                    for collection, any_of in self._filters(user, scope, types, kind, world_id)]
        requests = [r for r in requests if _reaches(r[1])]
        other_events = "event" in types and bool(scope.others)
        if other_events:   # checked against their stories below
            requests.append((Event.collection, [{"world_id": scope.others}], want + 10))
        found = self.store.search_many(q, requests)   # one round trip on PostgreSQL
        if other_events:
            found[-1] = self._other_events(user, q, scope.others, want, found[-1])
        if not any(result.total for result in found):   # no word matched: titles like the query (a typo)
            requests = requests[:-1] if other_events else requests
            found = [SearchHits([(i, score * SIMILAR_WEIGHT) for i, score in result.hits], result.total)
                     for result in self.store.similar_many(q, requests)]
        ranked = [[(score, collection, doc_id) for doc_id, score in result.hits]
                  for (collection, _, _), result in zip(requests, found)]
        total = sum(result.total for result in found)
        exact = all(result.exact for result in found)
        page = list(heapq.merge(*ranked, key=lambda hit: -hit[0]))[offset:want]
        return Page(self._present(page, Matcher(terms)), min(total, MAX_DEPTH), exact)

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
            {"owner_id": user.user_id}, {"shared_with": user.user_id}, {"co_authors": user.user_id}])
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

    def _other_events(self, user: User | None, q: str, others: list[str], want: int,
                      found: SearchHits) -> SearchHits:
        """Of ``found`` (events of worlds the caller sees but does not read), the ``want``
        best whose story the caller may see, reading more while too many are dropped.
        The total counts the unchecked matches too (then it is not exact)."""
        limit, checked, kept, stories = want + 10, 0, [], {}
        while True:
            batch = found.hits[checked:]
            events = self.store.get_many(Event.collection, [doc_id for doc_id, _ in batch])
            unknown = {e.get("story_id", "") for e in events.values()} - stories.keys()
            docs = self.store.get_many(Story.collection, unknown)
            for story_id in unknown:
                story = docs.get(story_id)
                stories[story_id] = story is not None and (story.get("visibility") == "public" or (
                    user is not None and story.get("owner_id") == user.user_id))
            for doc_id, score in batch:
                if len(kept) >= want:
                    break
                checked += 1
                event = events.get(doc_id)
                if event is not None and stories.get(event.get("story_id", "")):
                    kept.append((doc_id, score))
            if len(kept) >= want or len(found.hits) >= found.total or limit >= MAX_DEPTH * 4:
                return SearchHits(kept, found.total - (checked - len(kept)),
                                  found.exact and checked >= found.total)
            limit *= 2
            found = self.store.search(Event.collection, q, any_of=[{"world_id": others}], limit=limit)

    # -- answers ------------------------------------------------------------------------

    def _present(self, page: list[tuple[float, str, str]], matcher: Matcher) -> list[dict]:
        """The answers of ranked (score, collection, id) hits (one read per collection)."""
        docs = {collection: self.store.get_many(collection, [i for _, c, i in page if c == collection])
                for collection in {c for _, c, _ in page}}
        answers = []
        for score, collection, doc_id in page:
            doc = docs[collection].get(doc_id)
            if doc is not None:   # else deleted since it was ranked
                answers.append(_answer(collection, doc_id, doc, score, matcher))
        return answers


def _answer(collection: str, doc_id: str, doc: dict, score: float, matcher: Matcher) -> dict:
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


def _reaches(any_of: list[dict] | None) -> bool:
    """Whether a filter can let anything through (a clause with an empty list of values cannot)."""
    return any_of is None or any(all(v != [] for v in clause.values()) for clause in any_of)


def _with(any_of: list[dict] | None, *extra: dict) -> list[dict] | None:
    """Every clause of ``any_of`` (None: one clause of nothing) with the ``extra`` conditions too."""
    conditions = {k: v for e in extra for k, v in e.items()}
    if not conditions:
        return any_of
    return [{**clause, **conditions} for clause in (any_of if any_of is not None else [{}])]
