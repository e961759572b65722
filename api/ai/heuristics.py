"""The older interface to the offline name finder, kept for its callers
(events, descriptions, tests): ``sentences``, ``Matcher``, ``mentions``,
``names_in`` and ``find_names`` returning a ``Found``. All of it is built on
``ai.extraction``, which does the work (English and Vietnamese rules, known
entries by whole name or alias, variants merged).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ai.budget import Budget
from ai.extraction import extract
from ai.extraction.known import KnownIndex
from ai.extraction.text import MAX_NAME_CHARS, Matcher, mentions, sentences  # noqa: F401 (re-exported)
from core.language import detect_language
from core.names import name_key  # noqa: F401 (re-exported)

PEOPLE = ("character", "creature")


@dataclass
class Found:
    """Names found in a text, in order of first mention."""

    characters: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    factions: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)     # name -> sentences mentioning it
    first_sentence: dict = field(default_factory=dict)   # name -> first sentence mentioning it
    aliases: dict = field(default_factory=dict)          # name -> other forms the text writes it in
    sentences: list[str] = field(default_factory=list)   # the text's sentences
    # per sentence: (characters, locations) it mentions, each in the order of the lists above
    mentioned: list[tuple[list[str], list[str]]] = field(default_factory=list)


def find_names(text: str, known_characters: list[str] = (), known_locations: list[str] = (),
               budget: Budget | None = None, language: str | None = None) -> Found:
    """Characters, factions and places named in ``text`` (known names first), with
    how often and where each is mentioned."""
    known = ([{"name": n, "kind": "character"} for n in known_characters]
             + [{"name": n, "kind": "place"} for n in known_locations])
    extraction = extract(text, known, language, budget)
    found = Found(sentences=extraction.sentences)
    per_sentence: list[tuple[list[str], list[str]]] = [([], []) for _ in extraction.sentences]
    for candidate in extraction.names:
        name = candidate.name
        bucket = (found.characters if candidate.kind in PEOPLE else
                  found.locations if candidate.kind == "place" else found.factions)
        bucket.append(name)
        found.counts[name] = candidate.count
        found.first_sentence[name] = extraction.sentences[candidate.first[0]]
        found.aliases[name] = list(candidate.forms)
        if candidate.kind == "faction":
            continue
        for index in candidate.sentences:
            per_sentence[index][0 if candidate.kind in PEOPLE else 1].append(name)
    found.mentioned = per_sentence
    return found


def names_in(sentence: str, names: list[str], partial: bool = False) -> list[str]:
    """Which of ``names`` the sentence writes as whole names, Vietnamese tone marks
    significant (``partial`` is ignored: one word of a multi-word name is no mention of it)."""
    index = KnownIndex([{"name": n} for n in dict.fromkeys(names)], detect_language(sentence))
    hit = {entry for entry, _ in index.scan([sentence], Budget())[0]}
    return [entry["name"] for i, entry in enumerate(index.entries) if i in hit]
