"""A small Server-Sent Events client over ``requests`` for tests and benchmarks:
a thread reads the stream and queues each event (comments too)."""
from __future__ import annotations

import json
import queue
import socket
import threading
import time

import requests


class SSEClient:
    def __init__(self, url: str, headers: dict | None = None, read_timeout: float = 60):
        self.response = requests.get(url, headers={"Accept": "text/event-stream", **(headers or {})},
                                     stream=True, timeout=(5, read_timeout))
        self.status = self.response.status_code
        self.events: queue.Queue = queue.Queue()
        self.ended = threading.Event()
        self.backlog: list[dict] = []
        if self.status == 200:
            threading.Thread(target=self._read, daemon=True).start()
        else:
            self.ended.set()

    def _read(self) -> None:
        event: dict = {}
        try:
            for line in self.response.iter_lines(chunk_size=1, decode_unicode=True):
                if line == "":
                    if event:
                        if "data" in event:
                            event["data"] = json.loads(event["data"])
                        event["at"] = time.monotonic()
                        self.events.put(event)
                    event = {}
                elif line.startswith(":"):
                    self.events.put({"comment": line[1:].strip(), "at": time.monotonic()})
                else:
                    name, _, value = line.partition(":")
                    event[name] = value[1:] if value.startswith(" ") else value
        except Exception:  # noqa: BLE001 - closed by us, or the server ended it
            pass
        finally:
            self.ended.set()

    def next(self, timeout: float = 10, event: str | None = None, comment: str | None = None) -> dict:
        """The next event named ``event`` (or comment ``comment``); the others stay for
        later calls (in order)."""
        def wanted(item: dict) -> bool:
            return (event is None and comment is None) or (event is not None and item.get("event") == event) \
                or (comment is not None and item.get("comment") == comment)

        for n, item in enumerate(self.backlog):
            if wanted(item):
                return self.backlog.pop(n)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {event or comment!r} within {timeout}s")
            try:
                item = self.events.get(timeout=left)
            except queue.Empty:
                continue
            if wanted(item):
                return item
            if "comment" not in item:      # comments are only waited for, never kept
                self.backlog.append(item)

    def changes(self, count: int, timeout: float = 10) -> list[dict]:
        return [self.next(timeout, event="change") for _ in range(count)]

    def close(self) -> None:
        """Hang up at once (closing alone would wait for the reader's next chunk)."""
        try:   # the socket under urllib3's response and http.client's buffered reader
            sock = self.response.raw._fp.fp.raw._sock
        except AttributeError:
            sock = None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.response.close()
