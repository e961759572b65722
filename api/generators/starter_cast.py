"""A procedural starter cast: a few characters and locations for a new world.

Deterministic for a given seed (the world id), so the same world always gets
the same cast. Names come from per-type pools and are unique within the world
(``taken`` holds the case-folded names already used).
"""
from __future__ import annotations

import random

from generators.name_pools import pool


def _unique(rng: random.Random, make, taken: set[str], attempts: int = 50) -> str | None:
    for _ in range(attempts):
        name = make()
        if name.casefold() not in taken:
            taken.add(name.casefold())
            return name
    return None


def starter_cast(world_type: str, seed: str, taken: set[str] | None = None,
                 characters: int = 4, locations: int = 3) -> dict:
    """``{"characters": [{name, role, description}], "locations": [{name, description}]}``."""
    names = pool(world_type)
    rng = random.Random(seed)
    taken = set() if taken is None else taken
    cast = {"characters": [], "locations": []}
    for _ in range(characters):
        name = _unique(rng, lambda: f"{rng.choice(names['given'])} {rng.choice(names['family'])}", taken)
        if name:
            role = rng.choice(names["roles"])
            cast["characters"].append({
                "name": name, "role": role,
                "description": f"{name} is a {role} whose choices shape this {world_type} world.",
            })
    for _ in range(locations):
        name = _unique(rng, lambda: f"{rng.choice(names['place_first'])}{rng.choice(names['place_last'])}", taken)
        if name:
            kind = rng.choice(names["place_kinds"])
            cast["locations"].append({"name": name, "description": f"A {kind} known as {name}."})
    return cast
