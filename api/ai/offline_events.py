"""Events of a story found without a language model, for the offline provider."""
from __future__ import annotations

from ai import heuristics
from ai.budget import Budget

MAX_EVENTS = 20
MAX_EVENT_NAMES = 100               # characters (or places) per event (the answers' schemas allow no more)
MAX_DESCRIPTION = 20_000


def extract_events(title: str, text: str, known_characters: list[str], known_locations: list[str],
                   budget: Budget, language: str | None = None, base_year: int | None = None,
                   progress=None) -> list[dict]:
    """One event per sentence that mentions a character, in the text's order."""
    found = heuristics.find_names(text, known_characters, known_locations, budget=budget)
    events = []
    for sentence, (people, places) in zip(found.sentences, found.mentioned):
        if not people:
            continue
        events.append({"title": _title(sentence), "description": sentence[:MAX_DESCRIPTION],
                       "characters": people[:MAX_EVENT_NAMES], "locations": places[:MAX_EVENT_NAMES]})
        if len(events) == MAX_EVENTS:
            break
    return events


def _title(sentence: str, limit: int = 80) -> str:
    text = " ".join(sentence.split()).rstrip(".!?") or sentence.strip()[:limit]   # "..." stays a title
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
