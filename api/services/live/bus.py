"""The live bus: messages for a world's open streams.

In one process (no ``LIVE_REDIS_URL``) a publish hands the message to this
process's subscribers at once. With Redis, a publish goes to the channel
``<prefix><world_id>``; each process has one listener thread subscribed to
``<prefix>*`` that hands what arrives to its own subscribers, so a change made
through any worker reaches the streams every worker holds (one Redis
connection per process, however many streams).

The bus is a doorbell, not the record: Redis pub/sub delivers at most once, and
a subscriber too slow to keep up is dropped. The activity feed in the store is
the record: a stream resumes from it (``Last-Event-ID``) and checks it at every
heartbeat, so a lost message is late, never lost.
"""
from __future__ import annotations

import logging
import queue
import threading
import time

import orjson

log = logging.getLogger(__name__)

QUEUE_SIZE = 200          # messages a subscriber may fall behind before it is dropped
OUTBOX_SIZE = 10_000      # messages waiting for Redis; more are dropped (streams catch up from the store)


class Subscription:
    """One stream's messages for one world: ``(event, data)`` pairs."""

    def __init__(self, bus: "LiveBus", world_id: str):
        self.bus, self.world_id = bus, world_id
        self.queue: queue.Queue = queue.Queue(QUEUE_SIZE)
        self.dropped = False

    def get(self, timeout: float):
        """The next message, or None after ``timeout`` seconds (or once dropped)."""
        if self.dropped:
            return None
        try:
            message = self.queue.get(timeout=timeout)
        except queue.Empty:
            return None
        return None if self.dropped else message

    def offer(self, message) -> None:
        try:
            self.queue.put_nowait(message)
        except queue.Full:   # too slow: the stream ends, the client resumes from the store
            self.dropped = True

    def close(self) -> None:
        self.bus.unsubscribe(self)

    def __enter__(self) -> "Subscription":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class LiveBus:
    def __init__(self, redis_url: str | None = None, prefix: str = "worldsmith:live:"):
        self.redis_url, self.prefix = redis_url, prefix
        self._subscribers: dict[str, set[Subscription]] = {}
        self._lock = threading.Lock()
        self._redis = None
        self._listener: threading.Thread | None = None
        self._stopped = threading.Event()
        self._outbox: queue.Queue = queue.Queue(OUTBOX_SIZE)
        self._publisher: threading.Thread | None = None
        self.ready = threading.Event()   # the listener is subscribed (set at once without Redis)
        if not redis_url:
            self.ready.set()

    @property
    def kind(self) -> str:
        return "redis" if self.redis_url else "process"

    # -- publishing --------------------------------------------------------------------

    def publish(self, world_id: str, event: str, data: dict) -> None:
        """Send ``event`` with ``data`` to the world's streams in every process. Never blocks
        nor raises: with Redis, a publisher thread sends it (a request never waits for
        Redis, and a change that committed is not undone because Redis is down)."""
        if not self.redis_url:
            self._dispatch(world_id, (event, data))
            return
        self._start_publisher()
        try:
            self._outbox.put_nowait((self.prefix + world_id, orjson.dumps({"e": event, "d": data})))
        except queue.Full:
            log.warning("live: Redis outbox full, a message dropped (streams catch up from the store)")

    def _start_publisher(self) -> None:
        if self._publisher is not None and self._publisher.is_alive():
            return
        with self._lock:
            if self._publisher is None or not self._publisher.is_alive():
                self._publisher = threading.Thread(target=self._publish_loop, name="live-publisher", daemon=True)
                self._publisher.start()

    def _publish_loop(self) -> None:
        while not self._stopped.is_set():
            try:
                channel, body = self._outbox.get(timeout=1.0)
            except queue.Empty:
                continue
            try:
                self._client().publish(channel, body)
            except Exception:  # noqa: BLE001 - any Redis failure: log, streams resync from the store
                log.warning("live: publish to Redis failed", exc_info=True)

    def publish_change(self, item: dict) -> None:
        """An activity item (as presented) to its world's streams."""
        self.publish(item["world_id"], "change", item)

    # -- subscribing -------------------------------------------------------------------

    def subscribe(self, world_id: str) -> Subscription:
        if self.redis_url:
            self._start_listener()
        sub = Subscription(self, world_id)
        with self._lock:
            self._subscribers.setdefault(world_id, set()).add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            subs = self._subscribers.get(sub.world_id)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._subscribers[sub.world_id]

    def count(self) -> int:
        with self._lock:
            return sum(len(s) for s in self._subscribers.values())

    def _dispatch(self, world_id: str, message) -> None:
        with self._lock:
            subs = list(self._subscribers.get(world_id, ()))
        for sub in subs:
            sub.offer(message)

    # -- Redis ---------------------------------------------------------------------------

    def _client(self):
        if self._redis is None:
            import redis   # only when LIVE_REDIS_URL is set
            self._redis = redis.Redis.from_url(self.redis_url, socket_timeout=5, socket_connect_timeout=3)
        return self._redis

    def _start_listener(self) -> None:
        with self._lock:
            if self._listener is not None and self._listener.is_alive():
                return
            self._listener = threading.Thread(target=self._listen, name="live-bus", daemon=True)
            self._listener.start()
        self.ready.wait(5)

    def _listen(self) -> None:
        """Hand every message of ``<prefix>*`` to this process's subscribers; reconnect on errors."""
        backoff = 0.5
        while not self._stopped.is_set():
            pubsub = None
            try:
                pubsub = self._client().pubsub(ignore_subscribe_messages=True)
                pubsub.psubscribe(self.prefix + "*")
                self.ready.set()
                backoff = 0.5
                while not self._stopped.is_set():
                    message = pubsub.get_message(timeout=1.0)
                    if message is None or message.get("type") != "pmessage":
                        continue
                    channel = message["channel"].decode() if isinstance(message["channel"], bytes) \
                        else message["channel"]
                    body = orjson.loads(message["data"])
                    self._dispatch(channel[len(self.prefix):], (body["e"], body["d"]))
            except Exception:  # noqa: BLE001 - Redis gone: retry; streams resync from the store
                log.warning("live: Redis listener failed; retrying in %.1fs", backoff, exc_info=True)
                self.ready.clear()
                time.sleep(backoff)
                backoff = min(backoff * 2, 10)
            finally:
                if pubsub is not None:
                    try:
                        pubsub.close()
                    except Exception:  # noqa: BLE001
                        pass

    def close(self) -> None:
        """Stop: every open stream of this process ends now (its client reconnects, to
        another worker, and resumes), the Redis threads stop."""
        self._stopped.set()
        with self._lock:
            subs = [sub for group in self._subscribers.values() for sub in group]
        for sub in subs:
            sub.dropped = True
            sub.offer(None)   # wakes a stream waiting on its queue
