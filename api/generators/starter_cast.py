"""A procedural starter cast: a few characters and locations for a new world.

Deterministic for a given seed (the world id), so the same world always gets
the same cast. Names and descriptions follow the world's language (English
names per world type; Vietnamese họ + tên đệm + tên and "phố …"/"làng …"
places), never repeat a given name within the cast, and avoid the names
already used in the world (``taken`` holds their ``match_key``s, or
``search_key``s; the new names are added to it).
"""
from __future__ import annotations

import itertools
import random

from ai.offline_text import article
from core.names import match_key, search_key
from generators import name_pools_vi as vi
from generators.name_pools import CHARACTER_LINES, PLACE_LINES, TRAITS, pool

ATTEMPTS = 50   # tries for a fresh name before the cast gets one member fewer


class _Names:
    """The names (and given names) used so far: the world's and the cast's."""

    def __init__(self, taken: set[str]):
        self.taken = taken
        self.given = {search_key(word) for key in taken for word in key.split()[:1] + key.split()[-1:]}

    def claim(self, make) -> tuple | None:
        """What ``make()`` gives, ``(name, given name, …)``, once its name and given name are unused."""
        for _ in range(ATTEMPTS):
            made = make()
            name, given = made[0], made[1]
            fresh = match_key(name) not in self.taken and search_key(name) not in self.taken
            if fresh and (not given or search_key(given) not in self.given):
                self.taken.add(match_key(name))
                if given:
                    self.given.add(search_key(given))
                return made
        return None


def _deck(rng: random.Random, items: list[str]):
    """The items in a shuffled order, cycled: a cast repeats a phrase only once all are used."""
    return itertools.cycle(rng.sample(items, k=len(items)))


def starter_cast(world_type: str, seed: str, taken: set[str] | None = None,
                 characters: int = 4, locations: int = 3, language: str = "en") -> dict:
    """``{"characters": [{name, role, description}], "locations": [{name, description}]}``."""
    rng = random.Random(seed)
    names = _Names(set() if taken is None else taken)
    build = _vietnamese if language == "vi" else _english
    return build(world_type, rng, names, characters, locations)


def _english(world_type: str, rng: random.Random, names: _Names, characters: int, locations: int) -> dict:
    words = pool(world_type)
    cast = {"characters": [], "locations": []}
    traits, lines, place_lines = _deck(rng, TRAITS), _deck(rng, CHARACTER_LINES), _deck(rng, PLACE_LINES)
    roles = rng.sample(words["roles"], k=min(characters, len(words["roles"])))
    for role in roles:
        def person():
            given = rng.choice(words["given"])
            return f"{given} {rng.choice(words['family'])}", given
        claimed = names.claim(person)
        if claimed:
            name, given = claimed
            trait = next(traits)
            line = next(lines).format(given=given)
            cast["characters"].append({"name": name, "role": role,
                                       "description": f"{name} is {article(trait)} {trait} {role}. {line}"})
    for _ in range(locations):
        claimed = names.claim(lambda: (f"{rng.choice(words['place_first'])}{rng.choice(words['place_last'])}", ""))
        if claimed:
            kind = rng.choice(words["place_kinds"])
            cast["locations"].append({"name": claimed[0], "description":
                                      f"{claimed[0]} is {article(kind)} {kind}. {next(place_lines)}"})
    return cast


def _vietnamese(world_type: str, rng: random.Random, names: _Names, characters: int, locations: int) -> dict:
    roles_pool = vi.ROLES.get(world_type, vi.ROLES["historical"])
    places = vi.PLACES.get(world_type, vi.PLACES["historical"])
    cast = {"characters": [], "locations": []}
    traits, lines, place_lines = _deck(rng, vi.TRAITS), _deck(rng, vi.CHARACTER_LINES), _deck(rng, vi.PLACE_LINES)
    first = rng.randrange(2)   # men and women alternate, from a seeded start
    for number, role in enumerate(rng.sample(roles_pool, k=min(characters, len(roles_pool)))):
        gender = ("male", "female")[(number + first) % 2]

        def person():
            given = rng.choice(vi.GIVEN[gender])
            return f"{rng.choice(vi.FAMILY)} {rng.choice(vi.MIDDLE[gender])} {given}", given
        claimed = names.claim(person)
        if claimed:
            name = claimed[0]
            pronoun = vi.PRONOUN[gender]
            line = next(lines).format(pronoun=pronoun, Pronoun=pronoun.capitalize())
            cast["characters"].append({"name": name, "role": role, "description":
                                       f"{name} là một {role} {next(traits)}. {line}"})
    for _ in range(locations):
        def place():
            kind = rng.choice(sorted(places))
            return f"{kind} {rng.choice(places[kind][0])}", "", places[kind][1]
        claimed = names.claim(place)
        if claimed:
            name, _, what = claimed
            cast["locations"].append({"name": name, "description":
                                      f"{name[:1].upper()}{name[1:]} là {what}. {next(place_lines)}"})
    return cast
