"""Events of a story found without a language model, for the offline provider.

The whole text is read, sentence by sentence (``ai.event_text``), keeping the
story's running year (``ai.dates``). A sentence is a candidate event when its
narration has an action verb (``ai.event_rules``) and it names someone or
somewhere: a known character or place (``ai.event_names``: whole names and
aliases only), or a proper name. At most ``MAX_EVENTS`` are kept: the most
eventful of each stretch of the text, so a long story has events from its
first page to its last, in the text's order.
"""
from __future__ import annotations

from dataclasses import dataclass

from ai import event_rules
from ai.budget import Budget
from ai.dates import Chronology
from ai.event_names import WORD, NameFinder
from ai.event_text import Sentence, story_sentences
from core.language import LANGUAGES, detect_language

MAX_EVENTS = 100                    # the answers' schema allows no more
MAX_EVENT_NAMES = 100               # characters (or places) per event, likewise
MAX_DESCRIPTION = 20_000
PROGRESS_EVERY = 200                # sentences between two progress reports


@dataclass
class Candidate:
    position: int
    sentence: Sentence
    score: float
    characters: list[str]
    locations: list[str]
    year: int | None
    date_text: str


def extract_events(title: str, text: str, known_characters: list[str], known_locations: list[str],
                   budget: Budget, language: str | None = None, base_year: int | None = None,
                   progress=None) -> list[dict]:
    """The story's events (``ExtractedEvent`` dicts) in the text's order; see the module's docstring."""
    language = language if language in LANGUAGES else detect_language(text)
    people, places = NameFinder(known_characters, language), NameFinder(known_locations, language)
    chronology = Chronology(base_year, language)
    sentences = story_sentences(text)
    candidates = []
    for position, sentence in enumerate(sentences):
        budget.check()
        if progress is not None and position % PROGRESS_EVERY == 0:
            progress(position, len(sentences), f"Reading sentence {position + 1} of {len(sentences)}")
        if not sentence.narration:
            continue   # a dialogue line: what is said is not what happens
        year, date_text, dated = chronology.read(sentence.narration)
        characters, locations = people.find(sentence.narration), places.find(sentence.narration)
        if not (characters or locations or _names_someone(sentence.narration)):
            continue
        score = event_rules.score(sentence.narration, language, len(characters) + len(locations), dated)
        if score > 0:
            candidates.append(Candidate(position, sentence, score, characters, locations, year, date_text))
    if progress is not None:
        progress(len(sentences), len(sentences), f"Read {len(sentences)} sentences")
    return [_event(c, language) for c in spread(candidates, MAX_EVENTS)]


def spread(candidates: list[Candidate], limit: int) -> list[Candidate]:
    """At most ``limit`` candidates: the most eventful of each of ``limit`` equal stretches, in order."""
    if len(candidates) <= limit:
        return candidates
    chosen = []
    for k in range(limit):
        stretch = candidates[k * len(candidates) // limit:(k + 1) * len(candidates) // limit]
        chosen.append(max(stretch, key=lambda c: (c.score, -c.position)))
    return chosen


def _names_someone(narration: str) -> bool:
    """Whether a capitalised word stands after the first (a proper name the world does not know yet)."""
    return any(word[:1].isupper() and word != "I" for word in WORD.findall(narration)[1:])


def _event(candidate: Candidate, language: str) -> dict:
    narration = candidate.sentence.narration
    title = event_rules.title(narration, language) or " ".join(narration.split()[:event_rules.MAX_TITLE_WORDS["en"]])
    return {"title": title[:200], "description": candidate.sentence.text[:MAX_DESCRIPTION],
            "characters": candidate.characters[:MAX_EVENT_NAMES], "locations": candidate.locations[:MAX_EVENT_NAMES],
            "year": candidate.year, "date_text": candidate.date_text[:100]}
