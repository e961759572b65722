"""From sightings to names: known entries first, then new names, variants merged, kinds and confidence.

* A sighting of a known entry's name or alias is that entry, whatever kind the
  text suggests ("Emberfall", a known place, is never a new character).
* A sighting of one part of a known multi-word name ("Daven" of "Daven Voss",
  "bà Mai" of "Trần Thị Mai") becomes its alias only when the text also writes
  the whole name; otherwise it is dropped, never a new name.
* New names seen only as a capitalised sentence opener without a cue are dropped.
* A new name with no cue that is a place's name without its kept place word
  ("Sơn Qui" beside "giồng Sơn Qui") is a place too, but not that place.
* An English plural of another new name ("the Westons" of "Weston") is a family: a faction.
* A new single name that is the part of exactly one longer new name ("Daven"
  and "Daven Voss") is merged into it as an alias.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ai.budget import Budget
from ai.extraction.english_words import GENERIC_WORDS
from ai.extraction.known import KnownIndex, name_parts
from ai.extraction.mention import STRONG, Mention

KNOWN_CONFIDENCE = 0.95
MAX_ALIASES = 20


@dataclass
class Candidate:
    name: str
    first: tuple[int, int]          # (sentence, position) of its first sighting
    kind: str | None = None         # fixed for a known entry; decided from the votes for a new one
    entry: int | None = None        # the known entry it is, if any
    forms: list[str] = field(default_factory=list)   # other ways the text writes it
    sentences: set[int] = field(default_factory=set)
    votes: Counter = field(default_factory=Counter)
    cued: int = 0                   # sightings with a strong cue
    confirmed: bool = False         # seen once not merely as a sentence opener

    @property
    def known(self) -> bool:
        return self.entry is not None

    @property
    def count(self) -> int:
        return len(self.sentences)

    def see(self, mention: Mention) -> None:
        self.first = min(self.first, (mention.sentence, mention.position))
        self.sentences.add(mention.sentence)
        self.votes.update(mention.votes)
        self.cued += mention.cued
        self.confirmed = self.confirmed or not mention.initial_only
        for form in (mention.name, mention.form):
            if form and form not in self.forms:
                self.forms.append(form)

    def absorb(self, other: "Candidate") -> None:
        self.first = min(self.first, other.first)
        self.sentences |= other.sentences
        self.votes.update(other.votes)
        self.cued += other.cued
        self.forms += [f for f in [other.name, *other.forms] if f not in self.forms]


def combine(hits: list[list[tuple[int, int]]], mentions, index: KnownIndex, language: str,
            budget: Budget) -> list[Candidate]:
    """The names of a text in order of first mention (see the module's docstring)."""
    known: dict[int, Candidate] = {}
    for sentence, row in enumerate(hits):
        for entry, position in row:
            _known(known, index, entry, (sentence, position)).sentences.add(sentence)
    parts, new, bare_places = [], {}, set()
    for mention in mentions:
        budget.check()
        if mention.bare:
            bare_places.add(index.key(mention.bare))
        entry = index.lookup(mention.name)
        for other in (mention.form, mention.bare):   # a known "Long Biên" is found in "cầu Long Biên"
            entry = index.lookup(other) if entry is None and other else entry
        if entry is not None:
            _known(known, index, entry, (mention.sentence, mention.position)).see(mention)
        elif index.is_part(mention.name):
            parts.append((index.part_of(mention.name), mention))
        else:
            key = index.key(mention.name)
            new.setdefault(key, Candidate(mention.name, (mention.sentence, mention.position))).see(mention)
    for entry, mention in parts:
        if entry is not None and entry in known and known[entry].count:   # the whole name is written too
            known[entry].see(mention)
    fresh = [c for c in new.values() if c.confirmed]
    fresh = _merge_variants(fresh, index, language, budget)
    singles = {index.key(c.name) for c in fresh}
    for candidate in fresh:
        if not candidate.votes and index.key(candidate.name) in bare_places:
            candidate.votes["place"] += 1   # "Sơn Qui" with no cue, where the text says "giồng Sơn Qui"
        candidate.kind = decide_kind(candidate.votes)
        if language == "en" and _family(candidate.name, singles, index):
            candidate.kind = "faction"
    names = sorted([*known.values(), *fresh], key=lambda c: c.first)
    for candidate in names:
        candidate.forms = _aliases(candidate, index)
    return names


def _family(name: str, singles: set[str], index: KnownIndex) -> bool:
    """"the Westons" beside "Mr. Weston": a family, a group of people."""
    return " " not in name and name.endswith("s") and index.key(name[:-1]) in singles


def _aliases(candidate: Candidate, index: KnownIndex) -> list[str]:
    """The forms the text writes that are neither the name nor an alias already recorded."""
    recorded = index.entries[candidate.entry]["aliases"] if candidate.known else []
    taken = {index.key(n) for n in [candidate.name, *recorded]}
    aliases = []
    for form in candidate.forms:
        if index.key(form) not in taken:
            taken.add(index.key(form))
            aliases.append(form)
    return aliases[:MAX_ALIASES]


def _known(known: dict[int, Candidate], index: KnownIndex, entry: int, first: tuple[int, int]) -> Candidate:
    if entry not in known:
        data = index.entries[entry]
        known[entry] = Candidate(data["name"], first, kind=data["kind"], entry=entry, confirmed=True)
    known[entry].first = min(known[entry].first, first)
    return known[entry]


def decide_kind(votes: Counter) -> str:
    """Faction when a group word says so or is the only cue, else place or character by the
    weight of the cues."""
    place, person, faction = votes["place"], votes["character"], votes["faction"]
    if faction > max(place, person) or (faction >= STRONG and faction >= max(place, person)):
        return "faction"   # "nhà Trần" with no other cue: the dynasty
    return "place" if place > person else "character"


def _merge_variants(fresh: list[Candidate], index: KnownIndex, language: str, budget: Budget) -> list[Candidate]:
    """Single names merged into the one longer name they are part of ("Daven" into "Daven Voss")."""
    owners: dict[str, Candidate | None] = {}   # part key -> the one longer name it is part of (None: several)
    for candidate in sorted(fresh, key=lambda c: -len(c.name.split())):
        budget.check()
        for part in name_parts(candidate.name, language):
            key = index.key(part)
            if part.casefold() in GENERIC_WORDS or key == index.key(candidate.name):
                continue
            if key not in owners:
                owners[key] = candidate
            elif owners[key] is not None and not _is_part_of(candidate, owners[key], index, language):
                owners[key] = None   # "An" of both "Nguyễn Văn An" and "Trần Văn An": neither
    kept = []
    for candidate in fresh:
        owner = owners.get(index.key(candidate.name))
        if owner is not None and owner is not candidate and _compatible(candidate, owner):
            owner.absorb(candidate)
        else:
            kept.append(candidate)
    return kept


def _is_part_of(shorter: Candidate, longer: Candidate, index: KnownIndex, language: str) -> bool:
    """"Thị Mai" is itself a part of "Trần Thị Mai"."""
    return index.key(shorter.name) in {index.key(p) for p in name_parts(longer.name, language)}


def _compatible(part: Candidate, whole: Candidate) -> bool:
    """A part may join a name unless its own strong cues say it is another kind."""
    if max(part.votes.values(), default=0) < STRONG:
        return True
    return decide_kind(part.votes) == decide_kind(whole.votes)


def confidence(candidate: Candidate) -> float:
    """How sure: known entries ~0.95; multi-word names with a strong cue high; single words seen once low."""
    if candidate.known:
        return KNOWN_CONFIDENCE
    score = 0.5
    score += 0.15 if len(candidate.name.split()) > 1 else 0
    score += 0.2 if candidate.cued else 0
    score += 0.1 if candidate.count >= 2 else 0
    score += 0.05 if candidate.count >= 4 else 0
    ranked = sorted(candidate.votes.values(), reverse=True) + [0, 0]
    if ranked[1] >= STRONG and ranked[1] * 2 >= ranked[0]:
        score -= 0.15   # strong cues for two kinds: unsure what it names
    return round(min(score, 0.92), 2)
