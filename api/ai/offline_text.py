"""Descriptions written without a language model, for the offline provider.

Deterministic: the same world or story always gets the same text.
"""
from __future__ import annotations

import hashlib

from ai import heuristics

OFFLINE_MAX_CHARS = 200_000

WORLD_OPENINGS = {
    "fantasy": ["{name} is a realm of old magic and older grudges, where kingdoms rise on the bones of forgotten empires.",
                "In {name}, wild lands and walled cities keep an uneasy peace while half-remembered powers stir.",
                "{name} is a land of oaths and omens, its roads watched by ruined towers and wary kings."],
    "sci-fi": ["{name} is a frontier of scattered colonies and drifting stations, held together by fragile treaties.",
               "In {name}, corporations, colonists and machines compete for the light of distant suns.",
               "{name} spans worlds linked by jump lanes, where every discovery shifts the balance of power."],
    "modern": ["{name} is a city of glass towers and old neighbourhoods, where every street keeps a secret.",
               "In {name}, ordinary lives cross in cafés, offices and late-night trains.",
               "{name} is today's world with its noise and hurry, seen through the people who live in it."],
    "historical": ["{name} is an age of crowns and councils, where the fate of nations turns on private choices.",
                   "In {name}, trade routes, wars and faith shape the lives of rulers and commoners alike.",
                   "{name} is a time of upheaval, when old orders give way and new ones are not yet born."],
}
STORY_HOOKS = {
    "adventure": "a journey that tests courage and loyalty",
    "mystery": "a puzzle whose answer someone would rather keep buried",
    "conflict": "a struggle where every side believes it is right",
    "discovery": "a discovery that changes what everyone thought they knew",
    "romance": "a bond that grows against the odds",
    "horror": "a dread that creeps closer with every night",
}


def _pick(options: list[str], seed: str) -> str:
    digest = hashlib.sha256(seed.encode()).digest()
    return options[digest[0] % len(options)]


def _listing(items: list[str]) -> str:
    items = [i for i in items if i]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _setting(world_description: str) -> str:
    first = (heuristics.sentences(world_description[:OFFLINE_MAX_CHARS]) or [""])[0].rstrip(".!?")
    return f" The world: {first}." if first else ""



def describe_world(name: str, world_type: str, themes: list[str], characters: list[str],
                   language: str = "en") -> str:
    opening = _pick(WORLD_OPENINGS.get(world_type, WORLD_OPENINGS["fantasy"]), name).format(name=name)
    parts = [opening]
    if themes:
        parts.append(f"Its stories turn on {_listing(themes)}.")
    if characters:
        parts.append(f"Among those whose choices shape it are {_listing(characters[:5])}.")
    return " ".join(parts)


def describe_story(title: str, genre: str, world_description: str, characters: list[str],
                   language: str = "en") -> str:
    hook = STORY_HOOKS.get(genre, f"a {genre} tale")
    text = f"{title} is a {genre} story: {hook}."
    if characters:
        text += f" It follows {_listing(characters[:5])}."
    return text + _setting(world_description)
