"""Finding the characters, creatures, factions and places named in prose,
in English and Vietnamese, without a language model.

``find_names(text, known, language, budget)`` -> ``ai.schemas.FoundName`` dicts
in order of first mention. The steps, each one walk over the text:

1. ``text``: sentences, words, capitalised runs;
2. ``known``: the world's entries found by whole name or alias;
3. ``english`` / ``vietnamese``: which runs are names, and the cues for their kind;
4. ``candidates``: known entries first, then new names, variants merged, confidence.
"""
from __future__ import annotations

from dataclasses import dataclass

from ai.budget import Budget
from ai.extraction import english, text as prose, vietnamese
from ai.extraction.candidates import Candidate, combine, confidence
from ai.extraction.known import KnownIndex
from core.language import detect_language

MAX_NAMES = 200     # names in one answer (the schema allows no more)
MAX_QUOTE = 2000
RULES = {"en": english, "vi": vietnamese}


@dataclass
class Extraction:
    """The names of a text with the sentences that mention each."""
    language: str
    sentences: list[str]
    names: list[Candidate]


def extract(text: str, known: list[dict] = (), language: str | None = None,
            budget: Budget | None = None) -> Extraction:
    """Every name of ``text`` (no limit), with its sentences; see ``find_names``."""
    budget = budget or Budget()
    language = language if language in RULES else detect_language(text or "")
    sentence_list = prose.sentences(text)
    index = KnownIndex(list(known or ()), language)
    hits = index.scan(sentence_list, budget)
    lowercase = prose.lowercase_words(sentence_list, budget)
    mentions = RULES[language].mentions(sentence_list, lowercase, budget)
    names = [c for c in combine(hits, mentions, index, language, budget) if RULES[language].keep(c)]
    return Extraction(language, sentence_list, names)


def find_names(text: str, known: list[dict] = (), language: str | None = None,
               budget: Budget | None = None, limit: int | None = MAX_NAMES) -> list[dict]:
    """The names in ``text`` as ``FoundName`` dicts, in order of first mention; ``known``
    are the world's entries ``{name, kind, aliases}``; at most ``limit``, the most mentioned."""
    found = extract(text, known, language, budget)
    names = found.names
    if limit is not None and len(names) > limit:
        kept = {id(c) for c in sorted(names, key=lambda c: -c.count)[:limit]}
        names = [c for c in names if id(c) in kept]
    return [as_found_name(c, found.sentences) for c in names]


def as_found_name(candidate: Candidate, sentence_list: list[str]) -> dict:
    return {"name": candidate.name, "kind": candidate.kind, "confidence": confidence(candidate),
            "quote": sentence_list[candidate.first[0]][:MAX_QUOTE], "aliases": list(candidate.forms),
            "count": candidate.count}
