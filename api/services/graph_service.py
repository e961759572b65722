"""The codex graph of a world and its family trees.

Two graphs share one shape (nodes are entries, edges are typed):

- ``relations`` (the default): the typed relations, labelled from the world's
  vocabulary; the nodes are the entries they touch, plus, if asked, every
  entry of the chosen kinds;
- ``cooccurrence``: characters appearing in the same stories (``co_appears``)
  and characters visiting places (``visits``), weighted by the stories the
  caller may see: the entry-to-entry edges of ``LinkService.relationships``.

Both are bounded (``MAX_GRAPH_NODES``, ``MAX_GRAPH_EDGES``): the best-connected
nodes are kept first, and ``truncated`` says when anything was cut.

A family tree walks ``parent_of`` and ``spouse_of`` relations from one entry,
``depth`` steps (a parent, child or spouse is one step), at most
``MAX_TREE_PEOPLE`` people.
"""
from __future__ import annotations

from collections import Counter, deque
from itertools import chain

from core.errors import NotFound
from core.models import Relation, User, World
from services.link_service import LinkService
from services.relation_lookup import entries_of, entry_kind, find_entry
from services.relation_service import MAX_RELATIONS_PER_WORLD, RelationService
from storage import DocumentStore

MAX_GRAPH_NODES = 500
MAX_GRAPH_EDGES = 2_000
MAX_TREE_PEOPLE = 200
MAX_TREE_DEPTH = 6
# More than a world's cap: restores may take a world past it. Past this, the graph says it is truncated.
MAX_RELATIONS_READ = 2 * MAX_RELATIONS_PER_WORLD
COOCCURRENCE_TYPES = {
    "co_appears": {"label": "appears with", "inverse_label": "appears with", "mutual": True},
    "visits": {"label": "visits", "inverse_label": "visited by", "mutual": False},
}


class GraphService:
    def __init__(self, store: DocumentStore, relations: RelationService, links: LinkService):
        self.store = store
        self.relations = relations
        self.links = links

    def graph(self, world: World, user: User | None, mode: str, kinds: set[str] | None,
              types: set[str] | None, all_entries: bool) -> dict:
        """The graph of ``mode``, keeping entries of ``kinds`` and edges of ``types``
        (None: all)."""
        entries = entries_of(self.store, world.world_id)
        if mode == "cooccurrence":
            edges, truncated = self._cooccurrence_edges(world, user)
        else:
            edges, truncated = self._relation_edges(world)
        shown = [e for e in edges if (types is None or e["type"] in types)
                 and all(end in entries and (kinds is None or entries[end]["kind"] in kinds)
                         for end in (e["source"], e["target"]))]
        node_ids = list(dict.fromkeys(end for e in shown for end in (e["source"], e["target"])))
        if all_entries:
            node_ids = list(dict.fromkeys(chain(node_ids, (i for i, entry in entries.items()
                                                           if kinds is None or entry["kind"] in kinds))))
        nodes, kept_edges = _bounded(node_ids, shown)
        return {"mode": mode, "nodes": [entries[i] for i in nodes], "edges": kept_edges,
                "truncated": truncated or len(nodes) < len(node_ids) or len(kept_edges) < len(shown),
                "totals": {"nodes": len(node_ids), "edges": len(shown)},
                "limits": {"nodes": MAX_GRAPH_NODES, "edges": MAX_GRAPH_EDGES}}

    def _relation_edges(self, world: World) -> tuple[list[dict], bool]:
        vocabulary = self.relations.type_map(world)
        docs = self.store.find(Relation.collection, where={"world_id": world.world_id}, newest_first=False,
                               limit=MAX_RELATIONS_READ + 1)
        edges = []
        for doc in docs[:MAX_RELATIONS_READ]:
            kind = vocabulary.get(doc["type"], {})
            edges.append({"id": doc["relation_id"], "source": doc["source_id"], "target": doc["target_id"],
                          "type": doc["type"], "label": kind.get("label", doc["type"]),
                          "inverse_label": kind.get("inverse_label", doc["type"]), "mutual": doc["mutual"],
                          "attitude": doc["attitude"], "weight": 1})
        return edges, len(docs) > MAX_RELATIONS_READ

    def _cooccurrence_edges(self, world: World, user: User | None) -> tuple[list[dict], bool]:
        """The entry-to-entry edges of the story graph (its story nodes left out)."""
        graph = self.links.relationships(world, user)
        edges = []
        for edge in graph["edges"]:
            kind = COOCCURRENCE_TYPES.get(edge["kind"])
            if kind is None:   # story edges (appears_in, set_in, linked)
                continue
            edges.append({"id": f"{edge['kind']}:{edge['source']}:{edge['target']}", "source": edge["source"],
                          "target": edge["target"], "type": edge["kind"], **kind, "attitude": 0,
                          "weight": edge["weight"]})
        return edges, graph["truncated"]

    # -- family trees ------------------------------------------------------------------

    def family_tree(self, world: World, entry_id: str, depth: int) -> dict:
        """The people within ``depth`` parent/child/spouse steps of the entry, and the
        parent and spouse pairs among them."""
        root = find_entry(self.store, world.world_id, entry_id)
        if root is None:
            raise NotFound("Entry not found in this world")
        where = {"world_id": world.world_id}
        parents = [(d["source_id"], d["target_id"]) for d in self.store.find(
            Relation.collection, where={**where, "type": "parent_of"}, newest_first=False, limit=MAX_RELATIONS_READ)]
        spouses = [(d["source_id"], d["target_id"]) for d in self.store.find(
            Relation.collection, where={**where, "type": "spouse_of"}, newest_first=False, limit=MAX_RELATIONS_READ)]
        near: dict[str, list[str]] = {}
        for a, b in chain(parents, spouses):
            near.setdefault(a, []).append(b)
            near.setdefault(b, []).append(a)
        steps = {entry_id: 0}
        queue, truncated = deque([entry_id]), False
        while queue:
            person = queue.popleft()
            if steps[person] == depth:
                continue
            for other in near.get(person, []):
                if other in steps:
                    continue
                if len(steps) == MAX_TREE_PEOPLE:
                    truncated = True
                    break
                steps[other] = steps[person] + 1
                queue.append(other)
        people = []
        for person in steps:
            found = root if person == entry_id else find_entry(self.store, world.world_id, person)
            if found is not None:
                collection, doc = found
                people.append({"id": person, "name": doc["name"], "kind": entry_kind(collection, doc),
                               "image_id": doc.get("image_id") or "", "generation": 0})
        generation = _generations(entry_id, parents, spouses, {p["id"] for p in people})
        for person in people:
            person["generation"] = generation.get(person["id"], 0)
        known = {p["id"] for p in people}
        pairs = {"parents": [], "spouses": []}
        for name, links in (("parents", parents), ("spouses", spouses)):
            seen = set()
            for a, b in links:
                key = (a, b) if name == "parents" else tuple(sorted((a, b)))
                if a in known and b in known and key not in seen:
                    seen.add(key)
                    pairs[name].append([a, b])
        return {"root": entry_id, "depth": depth, "people": people, **pairs, "truncated": truncated}


def _generations(root: str, parents: list[tuple[str, str]], spouses: list[tuple[str, str]],
                 people: set[str]) -> dict[str, int]:
    """Each person's generation relative to the root (parents -1, children +1, spouses
    the same), walking the tree's own links; for laying the tree out in rows."""
    steps: dict[str, list[tuple[str, int]]] = {}
    for links, step in ((parents, 1), (spouses, 0)):
        for a, b in links:
            if a in people and b in people:
                steps.setdefault(a, []).append((b, step))
                steps.setdefault(b, []).append((a, -step))
    generation = {root: 0}
    queue = deque([root])
    while queue:
        person = queue.popleft()
        for other, step in steps.get(person, []):
            if other not in generation:
                generation[other] = generation[person] + step
                queue.append(other)
    return generation


def _bounded(node_ids: list[str], edges: list[dict]) -> tuple[list[str], list[dict]]:
    """At most ``MAX_GRAPH_NODES`` nodes (the best connected first, then in order) and
    ``MAX_GRAPH_EDGES`` edges between them (the heaviest first), in their given order."""
    kept = node_ids
    if len(node_ids) > MAX_GRAPH_NODES:
        degree = Counter(end for e in edges for end in (e["source"], e["target"]))
        order = {node: n for n, node in enumerate(node_ids)}
        kept = set(sorted(node_ids, key=lambda node: (-degree[node], order[node]))[:MAX_GRAPH_NODES])
        kept = [node for node in node_ids if node in kept]
    inside = set(kept)
    candidates = [e for e in edges if e["source"] in inside and e["target"] in inside]
    if len(candidates) > MAX_GRAPH_EDGES:
        chosen = {id(e) for e in sorted(candidates, key=lambda e: -e["weight"])[:MAX_GRAPH_EDGES]}
        candidates = [e for e in candidates if id(e) in chosen]
    return kept, candidates
