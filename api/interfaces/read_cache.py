"""Whole answers of read-only routes, kept until the next commit.

``reads = ReadCache(bp, store)`` gives the decorator ``@reads.cached`` for GET
views of the blueprint ``bp`` whose answer is a function of the committed data,
the caller and the request's path and query string only (no clock, no
randomness, no other request header). An answer (status 200: its body and the
view's own headers) is kept under

    (the store's commit marker, the caller's user id or None, path, query string)

so that:

* a commit changes the marker (``DocumentStore.commit_marker``): nothing built
  before a commit is served after it;
* each account has entries of its own and anonymous callers share theirs: no
  one is served a page built for someone else;
* the marker is read in a ``before_request`` hook, before the caller's account
  is loaded, and an answer is kept only if no commit happened while it was
  built, so every entry was computed wholly from the data as of its marker;
* a backend without a cheap marker (PostgreSQL, where other processes commit
  too) answers None, and nothing is cached there.

Hooks that run after the view (security headers, CORS) run on every answer, hit
or not. Only 200 answers are kept, so a hit also stands for a query string that
passed validation: the decorator goes below the auth decorator and above
``@query``. Entries are bounded in number and bytes; the oldest go first.
"""
from __future__ import annotations

import threading
from functools import wraps

from flask import Blueprint, current_app, g, request

from storage import DocumentStore

DEFAULT_MAX_ENTRIES = 512
DEFAULT_MAX_BYTES = 16 * 1024 * 1024


class ReadCache:
    def __init__(self, bp: Blueprint, store: DocumentStore, max_entries: int = DEFAULT_MAX_ENTRIES,
                 max_bytes: int = DEFAULT_MAX_BYTES):
        self.store = store
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._state: tuple[object, dict] = (None, {})  # (marker, key -> (body, headers)), swapped whole
        self._bytes = 0
        self._lock = threading.Lock()
        bp.before_request(self._note_marker)
        bp.read_cache = self  # one per blueprint; tests and operators can look at it

    def _note_marker(self) -> None:
        g.read_cache_marker = (self, self.store.commit_marker())

    def cached(self, view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            noted = g.get("read_cache_marker")
            marker = noted[1] if noted is not None and noted[0] is self else None
            if marker is None:
                return view(*args, **kwargs)
            user = g.get("user")
            key = (None if user is None else user.user_id, request.script_root, request.path,
                   request.query_string)
            state = self._state
            hit = state[1].get(key) if state[0] == marker else None
            if hit is not None:
                return current_app.response_class(hit[0], 200, hit[1])
            response = current_app.make_response(view(*args, **kwargs))
            if response.status_code == 200 and not response.is_streamed:
                self._keep(marker, key, response.get_data(), list(response.headers))
            return response
        return wrapper

    def _keep(self, marker, key, body: bytes, headers: list) -> None:
        size = len(body) + sum(len(k) + len(v) for k, v in headers)
        if size > self.max_bytes:
            return
        with self._lock:
            if self.store.commit_marker() != marker:
                return  # a commit landed while the answer was built: it may mix both states
            if self._state[0] != marker:
                self._state, self._bytes = (marker, {}), 0
            entries = self._state[1]
            old = entries.pop(key, None)
            if old is not None:
                self._bytes -= old[2]
            while entries and (len(entries) >= self.max_entries or self._bytes + size > self.max_bytes):
                self._bytes -= entries.pop(next(iter(entries)))[2]
            entries[key] = (body, headers, size)
            self._bytes += size

    def __len__(self) -> int:
        return len(self._state[1])
