"""The offline provider: every AI job answered without a language model.

Deterministic (the same input always gives the same answer), so the app is
fully usable with no API key. Descriptions come from templates filled with the
world's type, themes and cast; analyses and events come from the text itself
(see ``ai.extraction``) and never name anything the text does not.

Bounded: at most ``OFFLINE_MAX_CHARS`` of a text are read (the answer's
``message`` and ``truncated`` say so when a text was longer), the work is
linear in that, and every method takes ``budget=`` (see ``ai.budget``) whose
deadline or stop request ends the job mid-way.
"""
from __future__ import annotations

from ai import extraction, offline_events, offline_text
from ai.budget import Budget
from ai.gpt_client import Usage
from ai.schemas import EventList, NameList, StoryAnalysis, StoryDescription, WorldAnalysis, WorldDescription
from core.vocabulary import STORY_TEXT_MAX, TEXT_MAX

OFFLINE_MAX_CHARS = STORY_TEXT_MAX   # the largest story allowed; bounds the work of one job
MAX_NAMES = 200                     # per list in an analysis (the answers' schemas allow no more)
MAX_DESCRIPTION = TEXT_MAX          # characters of a description, likewise


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


def _most_mentioned(names: list[dict], kind: str, notes: list[str]) -> list[dict]:
    """The ``MAX_NAMES`` most mentioned of ``names`` (found-name dicts), still in order of first mention."""
    if len(names) <= MAX_NAMES:
        return names
    kept = {id(n) for n in sorted(names, key=lambda n: -n["count"])[:MAX_NAMES]}   # stable: ties by first mention
    notes.append(f"Kept the {MAX_NAMES} most mentioned of {len(names)} {kind}.")
    return [n for n in names if id(n) in kept]


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
    """``model=`` is taken by every method, like the OpenAI provider's, and ignored."""

    name = "offline"
    model = "offline"

    def describe_world(self, name: str, world_type: str, themes: list[str], characters: list[str],
                       usage: Usage, *, budget: Budget | None = None, language: str = "en",
                       model: str | None = None) -> dict:
        _start(budget)
        text = offline_text.describe_world(name, world_type, themes, characters, language)
        return WorldDescription(description=text[:MAX_DESCRIPTION]).model_dump()

    def describe_story(self, title: str, genre: str, world_description: str, characters: list[str],
                       usage: Usage, *, budget: Budget | None = None, language: str = "en",
                       model: str | None = None) -> dict:
        _start(budget)
        text = offline_text.describe_story(title, genre, world_description[:OFFLINE_MAX_CHARS], characters,
                                           language)
        return StoryDescription(story_description=text[:MAX_DESCRIPTION]).model_dump()

    def find_names(self, text: str, known: list[dict], usage: Usage, *, language: str | None = None,
                   budget: Budget | None = None, model: str | None = None) -> dict:
        """The names in ``text`` (see ``ai.extraction``); ``known``: the world's entries
        ``{name, kind, aliases}``."""
        head, notes = _head(text)
        names = extraction.find_names(head, known, language, budget=_start(budget))
        if len(names) > MAX_NAMES:
            notes.append(f"Kept the {MAX_NAMES} most mentioned of {len(names)} names.")
            kept = {id(n) for n in sorted(names, key=lambda n: -n["count"])[:MAX_NAMES]}
            names = [n for n in names if id(n) in kept]
        return _answer(NameList(names=names), notes, text, head)

    def analyze_world(self, description: str, world_type: str, usage: Usage, *,
                      budget: Budget | None = None, model: str | None = None) -> dict:
        """The world's entities (of each kind) and places, from ``find_names``."""
        head, notes = _head(description)
        names = extraction.find_names(head, budget=_start(budget), limit=None)
        entities = _most_mentioned([n for n in names if n["kind"] != "place"], "entities", notes)
        places = _most_mentioned([n for n in names if n["kind"] == "place"], "locations", notes)
        return _answer(WorldAnalysis(
            entities=[{"name": n["name"], "entity_type": n["kind"], "description": n["quote"]} for n in entities],
            locations=[{"name": n["name"], "description": n["quote"]} for n in places],
        ), notes, description, head)

    def analyze_story(self, title: str, genre: str, text: str, known_characters: list[str],
                      known_locations: list[str], usage: Usage, *, budget: Budget | None = None,
                      model: str | None = None) -> dict:
        """The story's characters (the most mentioned is the protagonist), places and factions."""
        head, notes = _head(text)
        known = ([{"name": n, "kind": "character"} for n in known_characters]
                 + [{"name": n, "kind": "place"} for n in known_locations])
        names = extraction.find_names(head, known, budget=_start(budget), limit=None)
        people = [n for n in names if n["kind"] in ("character", "creature")]
        lead = max(people, key=lambda n: n["count"], default=None)
        characters = _most_mentioned(people, "characters", notes)
        places = _most_mentioned([n for n in names if n["kind"] == "place"], "locations", notes)
        factions = _most_mentioned([n for n in names if n["kind"] == "faction"], "factions", notes)
        answer = _answer(StoryAnalysis(
            characters=[{"name": n["name"], "role": "protagonist" if n is lead else "supporting"}
                        for n in characters],
            locations=[{"name": n["name"], "description": n["quote"]} for n in places],
            factions=[{"name": n["name"]} for n in factions],
        ), notes, text, head)
        return answer

    def extract_events(self, title: str, text: str, known_characters: list[str],
                       known_locations: list[str], usage: Usage, *, budget: Budget | None = None,
                       language: str | None = None, base_year: int | None = None, progress=None,
                       model: str | None = None) -> dict:
        """The story's events in the text's order (see ``ai.offline_events``)."""
        head, notes = _head(text)
        events = offline_events.extract_events(title, head, known_characters, known_locations, _start(budget),
                                               language=language, base_year=base_year, progress=progress)
        return _answer(EventList(events=events), notes, text, head)

