"""The offline consistency rules: what rules can catch without a model.

``check(text, canon)`` runs every rule over the text (a ``Text``) against the
canon and returns findings (dicts of the Finding fields, ``source: "rules"``):

* ``names``: a name variant of an existing entry ("Seraphine" for "Seraphina",
  "Nguyen Van An" or "Nguyễn Văn Ân" for "Nguyễn Văn An") and unknown names;
* ``timeline``: a dead character acting after the death, an age that does not fit
  the calendar, an event dated before the event it depends on;
* ``fields`` and ``relations``: a field written as a plain fact that contradicts the entry's field
  ("Mara's green eyes" vs eye colour blue, "Queen Mara" vs title Duchess), and a
  relation word that contradicts a typed relation ("her cousin Orin" vs sibling).
"""
from __future__ import annotations

from ai.budget import Budget
from services.consistency import fields, names, relations, timeline
from services.consistency.canon import Canon
from services.consistency.mentions import locate
from services.consistency.text import Text


def check(text: Text, canon: Canon, *, ignored: set[str] = frozenset(), budget: Budget | None = None,
          start: int = 0, end: int | None = None) -> list[dict]:
    """Findings of the rules; with ``start``/``end`` (stored offsets) only those in that range."""
    runs: list[tuple[int, int]] = []
    mentions = locate(text, canon, runs)
    found = []
    found += timeline.deaths(text, mentions, canon)
    found += timeline.ages(text, mentions, canon)
    found += timeline.dependencies(text, canon)
    found += fields.fields(text, mentions, canon)
    found += relations.relations(text, mentions, canon)
    found += names.variants_and_unknown(text, mentions, canon, ignored=ignored, budget=budget, runs=runs)
    if start or end is not None:
        found = [f for f in found if f["start"] < 0 or (f["start"] >= start and (end is None or f["end"] <= end))]
    return found
