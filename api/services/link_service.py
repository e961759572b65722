"""Links between stories and their cast: linking named characters and places
to a story, auto-linking stories that share them, and the relationship graph."""
from __future__ import annotations

import hashlib
import threading
from collections import Counter, OrderedDict, defaultdict
from itertools import chain, combinations

import orjson

from core.models import IgnoredName, Story, User, World
from core.names import match_key
from services import access
from services.cast_service import ENTITY, LOCATION, CastService
from services.codex import Codex, CodexEntry, entity_kind
from services.story_service import StoryService
from storage import DocumentStore

# Auto-linking: partners per story, and how much of the outcome one answer lists.
MAX_LINKS_PER_STORY = 50
MAX_LINKS_LISTED = 200
MAX_UNLINKED_LISTED = 200

# The relationship graph: whatever the world's size, the answer stays bounded.
MAX_GRAPH_NODES = 500
MAX_GRAPH_EDGES = 2000           # the heaviest are kept
MAX_EDGE_STORY_IDS = 20          # story ids listed per edge; ``weight`` stays the true count
MAX_PAIRS_PER_STORY = 500        # co_appears + visits pairs of one story; a bigger cast adds none
MAX_GRAPH_PAIRS = 50_000         # such pairs counted per graph, over all its stories
GRAPH_CACHE_SIZE = 16            # graphs kept (least recently used dropped)


class LinkService:
    def __init__(self, store: DocumentStore):
        self.store = store
        self.cast = CastService(store)
        self.stories = StoryService(store)
        self._graphs: OrderedDict[tuple, dict] = OrderedDict()
        self._graph_lock = threading.Lock()

    def link_entities(self, story: Story, world: World, characters: list[dict],
                      locations: list[dict], auto_create: bool = True, journal: list | None = None) -> dict:
        """Link named characters and locations to the story by name or alias, in any
        kind (a "character" named like a known place links that place); create the
        rest if asked, except names the world ignores. ``journal`` collects what was
        created and linked (see ``Review.applied``)."""
        result = {"linked_entities": [], "linked_locations": [],
                  "created_entities": [], "created_locations": []}
        journal = [] if journal is None else journal
        with self.store.unit_of_work():
            codex = Codex.load(self.store, world)
            ignored = {d["key"] for d in self.store.find(IgnoredName.collection, where={"world_id": world.world_id})}
            for kind, specs in ((ENTITY, characters), (LOCATION, locations)):
                for spec in specs:
                    entry, created = codex.find(spec["name"]), False
                    if entry is None:
                        if not auto_create or match_key(spec["name"]) in ignored:
                            continue
                        entry, created = self._create(kind, world, spec), True
                        codex.add(entry)
                        journal.append({"op": "create", "kind": entry.kind, "id": entry.id, "name": entry.name})
                    doc = self.store.get(entry.collection, entry.id)
                    field = "locations" if entry.is_place else "entities"
                    if created:
                        result[f"created_{field}"].append(doc)
                    ids = getattr(story, entry.story_field)
                    if entry.id not in ids:
                        ids.append(entry.id)
                        result[f"linked_{field}"].append(doc)
                        journal.append({"op": "link", "story_id": story.story_id, "field": entry.story_field,
                                        "id": entry.id})
            self.stories.save(story)
        counts = f"{len(result['linked_entities'])} characters and {len(result['linked_locations'])} locations"
        return {"message": f"Linked {counts}", **result}

    def _create(self, kind, world: World, spec: dict) -> CodexEntry:
        extra = {k: v for k, v in spec.items() if k != "name" and v}
        item, _ = self.cast.ensure(kind, world, spec["name"], {}, **extra)
        if kind is LOCATION:
            return CodexEntry("place", item.id, item.name)
        return CodexEntry(entity_kind(item.entity_type), item.id, item.name)

    def clear_links(self, story: Story) -> Story:
        """Unlink every character and location from the story."""
        with self.store.unit_of_work():
            story.entities, story.locations = [], []
            self.stories.save(story)
        return story

    def auto_link(self, world: World, offset: int = 0, limit: int = MAX_LINKS_LISTED) -> dict:
        """Link stories that share a character or location; drop links that no longer hold.

        Each story keeps at most ``MAX_LINKS_PER_STORY`` partners. The answer
        lists one page of the links (``offset``/``limit``) and at most
        ``MAX_UNLINKED_LISTED`` unlinked stories, with the totals of both.
        """
        with self.store.unit_of_work():
            stories = {d["story_id"]: Story.from_dict(d) for d in
                       self.store.find(Story.collection, where={"world_id": world.world_id}, newest_first=False)}
            order = {story_id: n for n, story_id in enumerate(stories)}
            pairs = self._linked_pairs(list(stories.values()))
            partners = defaultdict(list)
            for a, b in pairs:
                partners[a].append(b)
                partners[b].append(a)
            for story in stories.values():
                wanted = sorted(partners[story.story_id], key=order.get)
                if wanted != story.linked_stories:
                    story.linked_stories = wanted
                    self.stories.save(story)
        links = [{"from_id": a, "from_title": stories[a].title, "to_id": b, "to_title": stories[b].title}
                 for a, b in pairs[offset:offset + limit]]
        unlinked = [s for s in stories.values() if not s.linked_stories]
        return {"message": f"Linked {len(pairs)} story pairs", "linked_count": len(pairs),
                "links": links, "links_total": len(pairs),
                "unlinked_stories": [
                    {"story_id": s.story_id, "title": s.title, "time_index": s.time_index,
                     "description": s.description}
                    for s in unlinked[:MAX_UNLINKED_LISTED]],
                "unlinked_total": len(unlinked)}

    @staticmethod
    def _linked_pairs(stories: list[Story]) -> list[tuple[str, str]]:
        """Story pairs to link, in creation order: each story gets at most
        ``MAX_LINKS_PER_STORY`` partners, those sharing the most cast members first,
        then the earliest created; links are mutual.

        Candidates: a member pairs each of its stories with its next
        ``MAX_LINKS_PER_STORY`` stories (in creation order), so a member in many
        stories costs work in proportion to them, not to their square; each
        candidate is then ranked by the exact number of members it shares.
        """
        cast = [{*story.entities, *story.locations} for story in stories]
        by_member: dict[str, list[int]] = defaultdict(list)
        for n, members in enumerate(cast):
            for member in members:
                by_member[member].append(n)   # ascending n: lists are in creation order
        candidates = {(a, b) for indexes in by_member.values() for i, a in enumerate(indexes)
                      for b in indexes[i + 1:i + 1 + MAX_LINKS_PER_STORY]}
        shared = {pair: len(cast[pair[0]] & cast[pair[1]]) for pair in candidates}
        room = [MAX_LINKS_PER_STORY] * len(stories)
        chosen = []
        for a, b in sorted(shared, key=lambda pair: (-shared[pair], pair)):
            if room[a] and room[b]:   # greedy: the strongest pairs first, while both have room
                room[a] -= 1
                room[b] -= 1
                chosen.append((a, b))
        chosen.sort()
        return [(stories[a].story_id, stories[b].story_id) for a, b in chosen]

    # -- the relationship graph --------------------------------------------------

    def relationships(self, world: World, user: User | None) -> dict:
        """Graph of characters, locations and the stories the caller may see, bounded
        by the ``MAX_GRAPH_*`` limits (``truncated`` and ``totals`` say what was cut).

        Cached by a digest of exactly what the graph is built from (the visible
        stories' ids, titles, cast and links, and the world's cast), so a cached
        graph is never stale and never shows a story the caller may not see.
        """
        characters = self.cast.list(ENTITY, world)
        places = self.cast.list(LOCATION, world)
        stories = []
        for story_id in reversed(access.visible_story_ids(self.store, user, world)):
            doc = self.store.get(Story.collection, story_id)
            if doc is not None:   # deleted since the ids were read
                stories.append(Story.from_dict(doc))
        source = ([(c.id, c.name) for c in characters], [(p.id, p.name) for p in places],
                  [(s.story_id, s.title, s.entities, s.locations, s.linked_stories) for s in stories])
        key = (world.world_id, hashlib.blake2b(orjson.dumps(source), digest_size=16).digest())
        with self._graph_lock:
            if key in self._graphs:
                self._graphs.move_to_end(key)
                return self._graphs[key]
        graph = build_graph(characters, places, stories)
        with self._graph_lock:
            self._graphs[key] = graph
            while len(self._graphs) > GRAPH_CACHE_SIZE:
                self._graphs.popitem(last=False)
        return graph


def build_graph(characters: list, places: list, stories: list[Story]) -> dict:
    """The relationship graph of these (visible) stories, within the ``MAX_GRAPH_*`` limits.

    Edges are counted first (weights only), the heaviest kept, and only then are
    the kept edges' story ids collected, so no edge list ever holds every story.
    """
    character_ids = {c.id for c in characters}
    place_ids = {p.id for p in places}
    shown = {s.story_id for s in stories}
    budget, skipped, plan = MAX_GRAPH_PAIRS, 0, []
    for story in stories:
        cast = [c for c in dict.fromkeys(story.entities) if c in character_ids]
        scenes = [p for p in dict.fromkeys(story.locations) if p in place_ids]
        pairs = len(cast) * (len(cast) - 1) // 2 + len(cast) * len(scenes)
        with_pairs = pairs <= min(MAX_PAIRS_PER_STORY, budget)
        if with_pairs:
            budget -= pairs
        else:
            skipped += 1
        plan.append((story, cast, scenes, with_pairs))

    def edges_of(story: Story, cast: list, scenes: list, with_pairs: bool):
        sid = story.story_id
        for c in cast:
            yield sid, c, "appears_in"
        for p in scenes:
            yield sid, p, "set_in"
        if with_pairs:
            yield from ((a, b, "co_appears") for a, b in combinations(sorted(cast), 2))
            yield from ((c, p, "visits") for c in cast for p in scenes)
        for other in dict.fromkeys(story.linked_stories):
            if other in shown and sid < other:
                yield sid, other, "linked"

    weights: Counter = Counter()   # insertion order: first seen, the order edges are listed in
    for item in plan:
        weights.update(edges_of(*item))
    ranked = sorted(weights, key=lambda edge: -weights[edge])   # stable: ties keep first-seen order
    nodes = ([{"id": c.id, "kind": "character", "name": c.name} for c in characters]
             + [{"id": p.id, "kind": "location", "name": p.name} for p in places]
             + [{"id": s.story_id, "kind": "story", "name": s.title} for s in stories])
    kept_nodes = {n["id"] for n in nodes}
    if len(kept_nodes) > MAX_GRAPH_NODES:
        kept_nodes = set()   # the endpoints of the heaviest edges first, then the rest in order
        candidates = (end for source, target, _ in ranked for end in (source, target))
        for node_id in chain(candidates, (n["id"] for n in nodes)):
            if len(kept_nodes) == MAX_GRAPH_NODES:
                break
            kept_nodes.add(node_id)
    kept = set([e for e in ranked if e[0] in kept_nodes and e[1] in kept_nodes][:MAX_GRAPH_EDGES])
    story_ids: dict[tuple, list[str]] = {}
    for item in plan:
        for edge in edges_of(*item):
            if edge in kept:
                ids = story_ids.setdefault(edge, [])
                if len(ids) < MAX_EDGE_STORY_IDS:
                    ids.append(item[0].story_id)
    edges = [{"source": s, "target": t, "kind": k, "weight": weights[s, t, k], "story_ids": story_ids[s, t, k]}
             for s, t, k in weights if (s, t, k) in kept]
    cut_ids = any(e["weight"] > len(e["story_ids"]) for e in edges)
    return {
        "nodes": [n for n in nodes if n["id"] in kept_nodes],
        "edges": edges,
        "truncated": len(kept_nodes) < len(nodes) or len(edges) < len(weights) or cut_ids or skipped > 0,
        "totals": {"nodes": len(nodes), "edges": len(weights)},
        "skipped_stories": skipped,
        "limits": {"nodes": MAX_GRAPH_NODES, "edges": MAX_GRAPH_EDGES,
                   "story_ids_per_edge": MAX_EDGE_STORY_IDS, "pairs_per_story": MAX_PAIRS_PER_STORY},
    }
