"""One task's result as Server-Sent Events (``GET /gpt/results/{task_id}/stream``).

    event: status   data: {status, progress}          (at the start, and when it changes)
    event: delta    data: {offset, text}              (text written; offset = characters before it)
    event: done     data: {status, result}            (then the stream ends)
    : heartbeat                                       (every ``heartbeat`` seconds)

It subscribes to the task's channel on the live bus (``task_channel``; with Redis
the job may run in another process) and says so there (``join``: the job then
saves its text at once and answers ``saved``), reads the task record, sends the
stored ``partial`` as one delta at offset 0, then the live deltas, skipping
what the replay covered and filling from the record on ``saved``. A client appends a delta only when ``offset`` equals
the length of what it holds; a gap (the bus is a doorbell, it may drop) is
filled from the stored ``partial`` when that has it, and ``done`` always brings
the whole result. The record is re-read every ``poll`` seconds (settled: a job whose process
died reads ``error``), so an end the bus lost is seen anyway. The stream ends with the task, or after ``lifetime``
seconds (the client then polls ``GET /gpt/results/{id}``).
"""
from __future__ import annotations

import time
from typing import Callable, Iterator

from core.vocabulary import FINAL_TASK_STATUSES
from services.live.bus import LiveBus
from services.live.stream import sse
from services.task_service import task_channel

POLL = 1.0   # seconds between two reads of the task record


class TaskStream:
    def __init__(self, bus: LiveBus, load: Callable[[str], dict | None], task_id: str, heartbeat: float,
                 lifetime: float, poll: float = POLL, clock: Callable[[], float] = time.monotonic):
        self.bus, self.load, self.task_id = bus, load, task_id   # load: TaskService.current
        self.heartbeat, self.lifetime, self.poll = max(0.05, heartbeat), max(0.0, lifetime), max(0.05, poll)
        self.clock = clock
        self.sent = 0          # characters of text the client holds
        self.status = None

    def events(self) -> Iterator[str]:
        sub = self.bus.subscribe(task_channel(self.task_id))
        try:
            self.bus.publish(task_channel(self.task_id), "join", {})   # the job saves its text at once
            yield ": connected\n\n"
            task = self._task()
            yield from self._status(task)
            yield from self._fill(task.get("partial") or "")
            if task["status"] in FINAL_TASK_STATUSES:
                yield from self._done(task)
                return
            start = self.clock()
            beat, check = start + self.heartbeat, start + self.poll
            while True:
                now = self.clock()
                if now >= start + self.lifetime or sub.dropped:
                    return
                message = sub.get(timeout=max(0.0, min(beat, check, start + self.lifetime) - now))
                if message is not None:
                    event, data = message
                    if event == "delta":
                        yield from self._delta(data)
                        continue
                    if event == "saved":   # the job saved its text for a reader that joined
                        yield from self._fill(self._task().get("partial") or "")
                        continue
                    if event == "join":    # another reader's
                        continue
                    check = 0   # a status message: read the record now
                now = self.clock()
                if now >= check:
                    task = self._task()
                    if task["status"] in FINAL_TASK_STATUSES:
                        yield from self._fill(task.get("partial") or "")
                        yield from self._done(task)
                        return
                    yield from self._status(task)
                    check = now + self.poll
                if now >= beat:
                    yield ": heartbeat\n\n"
                    beat = now + self.heartbeat
        finally:
            sub.close()

    def _task(self) -> dict:
        return self.load(self.task_id) or {"status": "cancelled", "result": "The job no longer exists"}

    def _status(self, task: dict) -> Iterator[str]:
        current = (task["status"], repr(task.get("progress")))
        if current != self.status:
            self.status = current
            yield sse("status", {"status": task["status"], "progress": task.get("progress") or {}})

    def _fill(self, partial: str) -> Iterator[str]:
        """What the stored text has beyond what the client holds, as one delta."""
        if len(partial) > self.sent:
            yield sse("delta", {"offset": self.sent, "text": partial[self.sent:]})
            self.sent = len(partial)

    def _delta(self, data: dict) -> Iterator[str]:
        offset, text = int(data.get("offset", 0)), data.get("text") or ""
        if offset > self.sent:    # some were lost on the way: the record may hold them
            yield from self._fill((self._task().get("partial") or "")[:offset])
            if offset > self.sent:
                return            # not saved yet: ``done`` brings the whole text
        if offset + len(text) <= self.sent:
            return                # the replay covered it
        piece = text[self.sent - offset:]
        yield sse("delta", {"offset": self.sent, "text": piece})
        self.sent += len(piece)

    def _done(self, task: dict) -> Iterator[str]:
        yield sse("done", {"status": task["status"], "result": task.get("result")})
