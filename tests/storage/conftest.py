"""``backend``: the same tests over TinyDB and PostgreSQL (see pg_schema.py)."""
from __future__ import annotations

import pytest

from core.models import REGISTRY
from pg_schema import fresh_schema
from storage.tinydb_store import TinyDBStore


class Backend:
    """Opens one store and can close and reopen it on the same data."""

    def __init__(self, kind: str, opener):
        self.kind = kind
        self._open = opener
        self.store = opener()

    def open_another(self):
        return self._open()

    def reopen(self):
        self.store.close()
        self.store = self._open()
        return self.store


@pytest.fixture(params=["tinydb", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request, tmp_path):
    if request.param == "tinydb":
        backend = Backend("tinydb", lambda: TinyDBStore(str(tmp_path / "store.json"), REGISTRY))
        yield backend
        backend.store.close()
        return
    from storage.postgres_store import PostgresStore
    with fresh_schema() as url:
        backend = Backend("postgres", lambda: PostgresStore(url, REGISTRY, pool_size=4))
        yield backend
        backend.store.close()
