"""A work budget for AI jobs: a deadline and a way to be told to stop.

Long loops (the offline heuristics) call ``budget.check()`` once per unit of
work; it is cheap because it looks at the clock only every ``stride`` calls
and asks ``should_stop`` at most every ``poll_interval`` seconds (it may hit
the database). Before something expensive and rare, such as a model call,
``budget.check(force=True)`` looks at both at once.

* ``BudgetExceeded`` (an ``AIError``) when the deadline has passed: the task
  runner already records an ``AIError`` as the task's ``error`` with its
  message, e.g. "The analysis took longer than its time budget (30 s)".
* ``JobStopped`` when ``should_stop()`` returned True. It is not an
  ``AIError``: whoever stopped the job has already settled the task, so the
  runner should end the job quietly, as it does for ``TaskCancelled``.

How it is meant to be wired (in services, not here): the job builds
``Budget(seconds=..., should_stop=lambda: <the task is no longer running>)``
from its ``JobContext`` and passes it as ``budget=`` to every provider
method (``describe_world``, ``describe_story``, ``analyze_world``,
``analyze_story``, ``extract_events``); one budget may serve several calls of
one job. Every provider method also works without one (``budget=None``).
"""
from __future__ import annotations

import time
from typing import Callable

from ai.gpt_client import AIError, JobStoppedBase

STRIDE = 256            # check() calls between two looks at the clock
POLL_INTERVAL = 0.05    # seconds between two calls of should_stop


class BudgetExceeded(AIError):
    """The job ran past its deadline."""

    def __init__(self, seconds: float):
        super().__init__(f"The analysis took longer than its time budget ({seconds:g} s)")
        self.seconds = seconds


class JobStopped(JobStoppedBase):
    """``should_stop`` asked the job to stop (e.g. its task was cancelled)."""


class Budget:
    """At most ``seconds`` of work (None: no deadline), stopping early if ``should_stop()``."""

    def __init__(self, seconds: float | None = None, should_stop: Callable[[], bool] | None = None, *,
                 stride: int = STRIDE, poll_interval: float = POLL_INTERVAL,
                 clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.should_stop = should_stop
        self.stride = max(1, stride)
        self.poll_interval = poll_interval
        self.clock = clock
        self.deadline = None if seconds is None else clock() + seconds
        self._countdown = 0        # so the first check() looks at once
        self._last_poll = None

    def check(self, force: bool = False) -> None:
        """Raise ``BudgetExceeded`` past the deadline, ``JobStopped`` if told to stop."""
        self._countdown -= 1
        if self._countdown > 0 and not force:
            return
        self._countdown = self.stride
        if self.deadline is None and self.should_stop is None:
            return
        now = self.clock()
        if self.deadline is not None and now >= self.deadline:
            raise BudgetExceeded(self.seconds)
        if self.should_stop is not None and (
                force or self._last_poll is None or now - self._last_poll >= self.poll_interval):
            self._last_poll = now
            if self.should_stop():
                raise JobStopped("The job was stopped")
