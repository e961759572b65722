"""Finding the characters, creatures, factions and places named in prose,
in English and Vietnamese, without a language model.

``find_names(text, known, language, budget)`` -> a list of ``ai.schemas.FoundName``
dicts, in order of first mention.
"""
from __future__ import annotations

from ai import heuristics
from ai.budget import Budget


def find_names(text: str, known: list[dict] = (), language: str | None = None,
               budget: Budget | None = None) -> list[dict]:
    """Names in ``text``; ``known`` are the world's entries ``{name, kind, aliases}``."""
    people = [n for k in known if k["kind"] != "place" for n in [k["name"], *k.get("aliases", [])]]
    places = [n for k in known if k["kind"] == "place" for n in [k["name"], *k.get("aliases", [])]]
    found = heuristics.find_names(text, people, places, budget=budget)
    return ([{"name": n, "kind": "character", "confidence": 0.7, "quote": found.first_sentence[n][:2000],
              "aliases": [], "count": found.counts[n]} for n in found.characters]
            + [{"name": n, "kind": "place", "confidence": 0.7, "quote": found.first_sentence[n][:2000],
                "aliases": [], "count": found.counts[n]} for n in found.locations])
