"""One sighting of a possible name in a sentence, with what its context says about it."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

LIST_GAP = re.compile(r"\s*(,|;)?\s*(and|or|và|hoặc|cùng|với)?\s*(the)?\s*", re.I)
LIST_GOES_ON = re.compile(r"\s*(,|;|and\b|or\b|và\b|hoặc\b)", re.I)
STRONG = 3   # a vote this big is a cue a reader would trust (a speech verb, "the city of", "phố")
WEAK = 1     # a hint ("in X", "X's", "X walked")


@dataclass
class Mention:
    name: str                  # the bare name as written ("Mai", "Grey Company", "Hàng Bạc")
    sentence: int              # index of its sentence
    position: int              # where in the sentence
    form: str = ""             # as written with its title or place word ("bà Mai", "phố Hàng Bạc")
    bare: str = ""             # a name kept with its place word, without it ("Long Biên" of "cầu Long Biên")
    votes: Counter = field(default_factory=Counter)   # kind -> weight of the cues for it
    initial_only: bool = False   # capitalised only because it starts the sentence, and no cue

    def vote(self, kind: str, weight: int) -> None:
        self.votes[kind] += weight

    @property
    def cued(self) -> bool:
        return any(v >= STRONG for v in self.votes.values())


def share_list_kind(previous: Mention | None, mention: Mention, gap: str, following: str) -> None:
    """A name with no cue listed right after a cued place or faction is one too:
    "in Tennessee, Louisiana and Georgia", "quận Giao-chỉ, Cửu-Chân, Nhật-Nam". A comma
    alone makes a list only when one goes on after the name ("Ở làng Vũ Đại, Chí Phèo say" is none)."""
    if previous is None or mention.votes or not gap.strip() or not LIST_GAP.fullmatch(gap):
        return
    if gap.strip() in (",", ";") and not LIST_GOES_ON.match(following):
        return
    kind, weight = max(previous.votes.items(), key=lambda kv: kv[1], default=("", 0))
    if kind in ("place", "faction") and weight > WEAK:
        mention.vote(kind, WEAK + 1)
