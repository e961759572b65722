"""The offline provider: every AI job answered without a language model.

Deterministic (the same input always gives the same answer), so the app is
fully usable with no API key. Descriptions come from templates filled with the
world's type, themes and cast; analyses and events come from the text itself
(see ``heuristics``) and never name anything the text does not.

Bounded: at most ``OFFLINE_MAX_CHARS`` of a text are read (the answer's
``message`` and ``truncated`` say so when a text was longer), the work is
linear in that, and every method takes ``budget=`` (see ``ai.budget``) whose
deadline or stop request ends the job mid-way.
"""
from __future__ import annotations

import hashlib

from ai import heuristics
from ai.budget import Budget
from ai.gpt_client import Usage
from ai.schemas import EventList, StoryAnalysis, StoryDescription, WorldAnalysis, WorldDescription
from core.vocabulary import STORY_TEXT_MAX, TEXT_MAX

MAX_EVENTS = 20
OFFLINE_MAX_CHARS = STORY_TEXT_MAX   # the largest story allowed; bounds the work of one job
MAX_NAMES = 200                     # per list in an analysis (the answers' schemas allow no more)
MAX_EVENT_NAMES = 100               # characters (or places) per event, likewise
MAX_DESCRIPTION = TEXT_MAX          # characters of a description, likewise

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


def _head(text: str) -> tuple[str, list[str]]:
    """At most ``OFFLINE_MAX_CHARS`` of ``text``, cut at a space so no name is halved; and a note if cut."""
    text = text or ""
    if len(text) <= OFFLINE_MAX_CHARS:
        return text, []
    lowest = OFFLINE_MAX_CHARS - 1000
    cut = max(text.rfind(space, lowest, OFFLINE_MAX_CHARS + 1) for space in " \n\t")
    head = text[:cut if cut > lowest else OFFLINE_MAX_CHARS]
    return head, [f"Only the first {len(head):,} of {len(text):,} characters were analysed "
                  f"(the offline analysis reads at most {OFFLINE_MAX_CHARS:,})."]


def _most_mentioned(names: list[str], found: heuristics.Found, kind: str, notes: list[str]) -> list[str]:
    """The ``MAX_NAMES`` most mentioned of ``names``, still in order of first mention."""
    if len(names) <= MAX_NAMES:
        return names
    kept = set(sorted(names, key=lambda n: -found.counts[n])[:MAX_NAMES])   # stable: ties by first mention
    notes.append(f"Kept the {MAX_NAMES} most mentioned of {len(names)} {kind}.")
    return [n for n in names if n in kept]


def _answer(model, notes: list[str], text: str, head: str) -> dict:
    """The validated answer; with a ``message`` (and ``truncated``) when something was left out."""
    answer = model.model_dump()
    if notes:
        answer["message"] = " ".join(notes)
    if len(head) < len(text or ""):
        answer["truncated"] = {"analysed_chars": len(head), "total_chars": len(text)}
    return answer


def _start(budget: Budget | None) -> Budget:
    budget = budget or Budget()
    budget.check(force=True)
    return budget


class OfflineProvider:
    name = "offline"

    def describe_world(self, name: str, world_type: str, themes: list[str], characters: list[str],
                       usage: Usage, *, budget: Budget | None = None) -> dict:
        _start(budget)
        opening = _pick(WORLD_OPENINGS.get(world_type, WORLD_OPENINGS["fantasy"]), name).format(name=name)
        parts = [opening]
        if themes:
            parts.append(f"Its stories turn on {_listing(themes)}.")
        if characters:
            parts.append(f"Among those whose choices shape it are {_listing(characters[:5])}.")
        return WorldDescription(description=" ".join(parts)).model_dump()

    def describe_story(self, title: str, genre: str, world_description: str, characters: list[str],
                       usage: Usage, *, budget: Budget | None = None) -> dict:
        _start(budget)
        hook = STORY_HOOKS.get(genre, f"a {genre} tale")
        text = f"{title} is a {genre} story: {hook}."
        if characters:
            text += f" It follows {_listing(characters[:5])}."
        text += _setting(world_description)
        return StoryDescription(story_description=text).model_dump()

    def analyze_world(self, description: str, world_type: str, usage: Usage, *,
                      budget: Budget | None = None) -> dict:
        head, notes = _head(description)
        found = heuristics.find_names(head, budget=_start(budget))
        characters = _most_mentioned(found.characters, found, "characters", notes)
        locations = _most_mentioned(found.locations, found, "locations", notes)
        return _answer(WorldAnalysis(
            entities=[{"name": n, "entity_type": "character", "description": _description(found, n)}
                      for n in characters],
            locations=[{"name": n, "description": _description(found, n)} for n in locations],
        ), notes, description, head)

    def analyze_story(self, title: str, genre: str, text: str, known_characters: list[str],
                      known_locations: list[str], usage: Usage, *, budget: Budget | None = None) -> dict:
        head, notes = _head(text)
        found = heuristics.find_names(head, known_characters, known_locations, budget=_start(budget))
        lead = max(found.characters, key=lambda n: found.counts[n], default=None)
        characters = _most_mentioned(found.characters, found, "characters", notes)
        locations = _most_mentioned(found.locations, found, "locations", notes)
        return _answer(StoryAnalysis(
            characters=[{"name": n, "role": "protagonist" if n == lead else "supporting"}
                        for n in characters],
            locations=[{"name": n, "description": _description(found, n)} for n in locations],
        ), notes, text, head)

    def extract_events(self, title: str, text: str, known_characters: list[str],
                       known_locations: list[str], usage: Usage, *, budget: Budget | None = None) -> dict:
        """One event per sentence that mentions a character, in the text's order."""
        head, notes = _head(text)
        found = heuristics.find_names(head, known_characters, known_locations, budget=_start(budget))
        events = []
        for sentence, (people, places) in zip(found.sentences, found.mentioned):
            if not people:
                continue
            events.append({"title": _title(sentence), "description": sentence[:MAX_DESCRIPTION],
                           "characters": people[:MAX_EVENT_NAMES], "locations": places[:MAX_EVENT_NAMES]})
            if len(events) == MAX_EVENTS:
                break
        return _answer(EventList(events=events), notes, text, head)


def _description(found: heuristics.Found, name: str) -> str:
    return found.first_sentence[name][:MAX_DESCRIPTION]


def _title(sentence: str, limit: int = 80) -> str:
    text = " ".join(sentence.split()).rstrip(".!?") or sentence.strip()[:limit]   # "..." stays a title
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
