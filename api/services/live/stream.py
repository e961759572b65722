"""One live stream of a world, as Server-Sent Events text.

    id: <seq>            event: change    data: <activity item>   (a change, from the feed)
    event: task          data: {task_id, type, status, progress}  (AI job progress, no id)
    : heartbeat                                                  (every ``heartbeat`` seconds)

A stream first replays the activity after ``last_id`` from the store (the
client's ``Last-Event-ID``), then forwards what the bus brings. Each heartbeat
checks that the caller may still see the world (a removed member's stream
ends; an ``access`` message makes it check at once) and reads the store for
anything the bus lost. It ends after
``lifetime`` seconds (the client reconnects, resuming), or when its caller is
too slow to keep up (it resumes from the store too).
"""
from __future__ import annotations

import time
from typing import Callable, Iterator

import orjson

from services.activity_service import ActivityService
from services.live.bus import LiveBus

REPLAY_PAGES = 25            # replay at most 25 x 100 items (the feed keeps 2000 per world)
RETRY_MS = 3000              # how soon the browser reconnects after the stream ends


def sse(event: str | None, data: dict | None, event_id: int | None = None) -> str:
    lines = []
    if event_id is not None:
        lines.append(f"id: {event_id}")
    if event:
        lines.append(f"event: {event}")
    if data is not None:
        lines.append("data: " + orjson.dumps(data).decode())
    return "\n".join(lines) + "\n\n"


class LiveStream:
    def __init__(self, bus: LiveBus, activity: ActivityService, world_id: str, allowed: Callable[..., bool],
                 heartbeat: float, lifetime: float, clock: Callable[[], float] = time.monotonic):
        self.bus, self.activity, self.world_id = bus, activity, world_id
        self.allowed = allowed
        self.heartbeat, self.lifetime, self.clock = max(0.05, heartbeat), lifetime, clock
        self.sent = 0

    def events(self, last_id: int | None) -> Iterator[str]:
        """The stream's text, chunk by chunk. Subscribes before replaying, so nothing
        lands between the replay and the first forwarded message unseen."""
        sub = self.bus.subscribe(self.world_id)
        try:
            yield f"retry: {RETRY_MS}\n\n"
            latest = self.activity.latest_seq(self.world_id)
            if last_id is None or last_id >= latest:   # an id from the future resumes from now
                self.sent = latest
            else:
                self.sent = last_id
                yield from self._catch_up()
            yield ": connected\n\n"
            start = self.clock()
            beat = start + self.heartbeat
            while True:
                now = self.clock()
                if now >= start + self.lifetime or sub.dropped:
                    return
                message = sub.get(timeout=max(0.0, min(beat, start + self.lifetime) - now))
                if sub.dropped:
                    return
                if message is None:
                    if self.clock() >= beat:
                        if not self.allowed():
                            return
                        yield from self._catch_up()
                        yield ": heartbeat\n\n"
                        beat = self.clock() + self.heartbeat
                    continue
                event, data = message
                if event == "access" and not self.allowed(True):
                    return
                if event == "change":
                    yield from self._change(data)
                elif event == "task":
                    yield sse("task", data)
        finally:
            sub.close()

    def _change(self, item: dict) -> Iterator[str]:
        seq = int(item["seq"])
        if seq <= self.sent:            # replayed already
            return
        if seq > self.sent + 1:         # the bus lost some: the store has them
            yield from self._catch_up()
            if seq <= self.sent:
                return
        if not self.allowed():
            return
        self.sent = seq
        yield sse("change", item, seq)

    def _catch_up(self) -> Iterator[str]:
        for _ in range(REPLAY_PAGES):
            docs, _, latest = self.activity.page(self.world_id, 100, after=self.sent)
            if not docs:
                return
            for item in self.activity.present(docs):
                self.sent = item["seq"]
                yield sse("change", item, item["seq"])
            if self.sent >= latest:
                return
