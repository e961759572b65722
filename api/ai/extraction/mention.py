"""One sighting of a possible name in a sentence, with what its context says about it."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

STRONG = 3   # a vote this big is a cue a reader would trust (a speech verb, "the city of", "phố")
WEAK = 1     # a hint ("in X", "X's", "X walked")


@dataclass
class Mention:
    name: str                  # the bare name as written ("Mai", "Grey Company", "Hàng Bạc")
    sentence: int              # index of its sentence
    position: int              # where in the sentence
    form: str = ""             # as written with its title or place word ("bà Mai", "phố Hàng Bạc")
    votes: Counter = field(default_factory=Counter)   # kind -> weight of the cues for it
    initial_only: bool = False   # capitalised only because it starts the sentence, and no cue

    def vote(self, kind: str, weight: int) -> None:
        self.votes[kind] += weight

    @property
    def cued(self) -> bool:
        return any(v >= STRONG for v in self.votes.values())
