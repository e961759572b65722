"""Helpers of streamed answers, shared by both providers.

* ``Checkpoint``: between two pieces of a stream, looks at the job's budget
  (deadline and stop request) at most every ``every`` seconds, so a fast stream
  does not read the task record once per token, and a slow one still stops
  within a fraction of a second of a cancel.
* ``pieces``: a text cut word by word (each word with the spaces after it), as
  the offline provider streams it.
"""
from __future__ import annotations

import re
import time
from typing import Callable, Iterator

from ai.budget import Budget

CHECK_EVERY = 0.1   # seconds between two looks at the budget while streaming
_WORD = re.compile(r"\s*\S+\s*")


class Checkpoint:
    def __init__(self, budget: Budget | None, every: float = CHECK_EVERY,
                 clock: Callable[[], float] = time.monotonic):
        self.budget, self.every, self.clock = budget, every, clock
        self._last = None

    def __call__(self) -> None:
        """Raise ``BudgetExceeded`` / ``JobStopped`` (see ``ai.budget``) when it is time to stop."""
        if self.budget is None:
            return
        now = self.clock()
        if self._last is None or now - self._last >= self.every:
            self._last = now
            self.budget.check(force=True)


def pieces(text: str) -> Iterator[str]:
    """``text`` word by word; joined again they give ``text`` exactly."""
    end = 0
    for match in _WORD.finditer(text or ""):
        end = match.end()
        yield match.group()
    if end < len(text or ""):
        yield text[end:]


def stream_text(text: str, on_delta: Callable[[str], None], budget: Budget | None, delay: float = 0.0,
                sleep: Callable[[float], None] = time.sleep) -> str:
    """Hand ``text`` to ``on_delta`` word by word, ``delay`` seconds apart, stopping when the budget says so."""
    check = Checkpoint(budget)
    for n, piece in enumerate(pieces(text)):
        check()
        if delay and n:
            sleep(delay)
        on_delta(piece)
    return text
