"""Locations inside locations: a location's ``parent_id`` names the one it lies in.

Parents are locations of the same world; a location may not lie inside itself
(400 ``parent_cycle``) and nesting is at most ``MAX_DEPTH`` deep (400
``too_deep``), so a breadcrumb or a tree always has bounded size. Damaged data
(a parent that is gone, a loop) is read safely: such a location shows at the top.
"""
from __future__ import annotations

from collections import defaultdict

from core.errors import InvalidInput
from core.models import Location, World
from core.text import fold
from services.entry_refs import READ_MAX
from storage import DocumentStore

MAX_DEPTH = 25        # locations on the path from the top to any location
# Nesting of a tree answer (JSON 2 levels per location: clients read at most 64); deeper
# locations (damaged data, restores) are listed flat at that depth.
TREE_DEPTH_MAX = 30


def ancestors(store: DocumentStore, doc: dict) -> list[dict]:
    """The locations ``doc`` lies in, innermost first (at most ``TREE_DEPTH_MAX``; a loop stops it)."""
    chain, seen = [], {doc["location_id"]}
    parent_id = doc.get("parent_id") or ""
    while parent_id and parent_id not in seen and len(chain) < TREE_DEPTH_MAX:
        parent = store.get(Location.collection, parent_id)
        if parent is None or parent["world_id"] != doc["world_id"]:
            break
        seen.add(parent_id)
        chain.append(parent)
        parent_id = parent.get("parent_id") or ""
    return chain


def check_parent(store: DocumentStore, world: World, location_id: str | None, parent_id: str,
                 lenient: bool = False) -> str:
    """The ``parent_id`` to store for location ``location_id`` (None: a new one).

    400 when the parent is not a location of this world (``lenient``, for a restore
    from history: the location goes to the top instead), is the location itself or
    inside it (``parent_cycle``), or would nest it, with what lies inside it, deeper
    than ``MAX_DEPTH`` (``too_deep``)."""
    if not parent_id:
        return ""
    parent = store.get(Location.collection, parent_id)
    if parent is None or parent["world_id"] != world.world_id:
        if lenient:
            return ""
        raise InvalidInput("The parent must be a location of this world",
                           {"parent_id": "no location of this world has this id"})
    chain = [parent, *ancestors(store, parent)]
    if location_id is not None and location_id in {d["location_id"] for d in chain}:
        raise InvalidInput("A location cannot lie inside itself", {"parent_id": "is this location or inside it"},
                           code="parent_cycle")
    depth = len(chain) + 1 + (_height(store, world, location_id) if location_id else 0)
    if depth > MAX_DEPTH:
        raise InvalidInput(f"Locations nest at most {MAX_DEPTH} deep",
                           {"parent_id": f"would nest locations {depth} deep"}, code="too_deep")
    return parent_id


def _height(store: DocumentStore, world: World, location_id: str) -> int:
    """How many levels of locations lie inside this one (0: none)."""
    children = defaultdict(list)
    for doc in store.find(Location.collection, where={"world_id": world.world_id}, limit=READ_MAX):
        children[doc.get("parent_id") or ""].append(doc["location_id"])
    height, level, seen = 0, [location_id], {location_id}
    while True:
        level = [c for parent in level for c in children.get(parent, ()) if c not in seen]
        if not level:
            return height
        seen.update(level)
        height += 1


def tree(docs: list[dict]) -> list[dict]:
    """The locations as nested ``{id, name, location_type, parent_id, children}``, by name."""
    ids = {d["location_id"] for d in docs}
    by_parent = defaultdict(list)
    docs = sorted(docs, key=lambda d: (fold(d["name"]), d["name"]))
    for doc in docs:
        parent = doc.get("parent_id") or ""
        by_parent[parent if parent in ids and parent != doc["location_id"] else ""].append(doc)
    seen: set[str] = set()

    def node(doc: dict, depth: int) -> dict:
        seen.add(doc["location_id"])
        out = {**_flat(doc), "children": []}
        if depth < TREE_DEPTH_MAX:
            out["children"] = [node(c, depth + 1) for c in by_parent[doc["location_id"]]
                               if c["location_id"] not in seen]
            return out
        stack = list(by_parent[doc["location_id"]])
        while stack:   # too deep to nest further: every location inside, listed flat
            child = stack.pop(0)
            if child["location_id"] not in seen:
                seen.add(child["location_id"])
                out["children"].append({**_flat(child), "children": []})
                stack.extend(by_parent[child["location_id"]])
        return out

    roots = [node(d, 1) for d in by_parent[""]]
    roots += [node(d, 1) for d in docs if d["location_id"] not in seen]   # loops in damaged data
    return roots


def _flat(doc: dict) -> dict:
    return {"id": doc["location_id"], "name": doc["name"], "location_type": doc.get("location_type", ""),
            "parent_id": doc.get("parent_id") or ""}
