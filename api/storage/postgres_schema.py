"""Creating and upgrading the PostgreSQL schema, safely from many processes at once.

The tables and indexes follow from the models' declarations (the registry:
collection, indexed fields, list fields, search fields); their
fingerprint is kept in ``ws_meta``. On start-up a store reads it (one query)
and only when it differs takes a transaction-scoped advisory lock and runs the
idempotent DDL, so four workers starting together create everything once and
a newly indexed field gets its column and index on the next start. The
full-text search columns, functions and extensions: ``storage/postgres_search.py``.

Blobs (``ws_blobs``) are one table whatever the models: key, bytes, size. Their
column is stored without compression (``STORAGE EXTERNAL``): images are
compressed already, and PostgreSQL would only waste time trying again.
"""
from __future__ import annotations

import hashlib

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from storage import postgres_search
from storage.base import Registry

SCHEMA_VERSION = 3   # 2: ws_blobs; 3: full-text search (s_vec, s_title)
BLOBS_TABLE = "ws_blobs"


def table(collection: str) -> str:
    """Table name of a collection (collections are fixed identifiers, declared by the models)."""
    return f"ws_{collection}"


def redacted(url: str) -> str:
    """The connection string without its password, for messages."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "<invalid DATABASE_URL>"
    params.pop("password", None)
    return make_conninfo(**params)


def lock_key(conn: psycopg.Connection, purpose: str) -> int:
    """An advisory-lock key private to this schema (locks are database-wide)."""
    schema = conn.execute("SELECT current_schema()").fetchone()[0]
    if schema is None:
        raise psycopg.errors.InvalidSchemaName(
            "no schema of the search_path exists; create it first")
    digest = hashlib.blake2b(f"worldsmith/{schema}/{purpose}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _layout(registry: Registry) -> list[tuple[str, tuple, tuple, tuple, tuple]]:
    return sorted((name, tuple(model.indexed_fields), tuple(getattr(model, "list_fields", ())),
                   tuple(getattr(model, "search_fields", ())), tuple(getattr(model, "search_titles", ())))
                  for name, model in registry.items())


def _fingerprint(registry: Registry) -> str:
    spec = repr((SCHEMA_VERSION, _layout(registry)))
    return hashlib.sha256(spec.encode()).hexdigest()


def _ddl(registry: Registry, ext: str | None) -> list[str]:
    """The statements; ``ext`` is the (quoted) schema of the search extensions."""
    statements = ["CREATE TABLE IF NOT EXISTS ws_meta (key text PRIMARY KEY, value text NOT NULL)",
                  f"CREATE TABLE IF NOT EXISTS {BLOBS_TABLE} (key text PRIMARY KEY, data bytea NOT NULL, "
                  "bytes integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
                  f"ALTER TABLE {BLOBS_TABLE} ALTER COLUMN data SET STORAGE EXTERNAL"]
    if ext is not None:
        statements += postgres_search.functions(ext)
    for collection, fields, list_fields, search_fields, titles in _layout(registry):
        name = table(collection)
        statements.append(f"CREATE TABLE IF NOT EXISTS {name} ("
                          "id text PRIMARY KEY, seq bigserial UNIQUE, doc jsonb NOT NULL)")
        for field in fields:
            if field in list_fields:
                statements.append(f"CREATE INDEX IF NOT EXISTS {name}_{field}_gin "
                                  f"ON {name} USING gin ((doc->'{field}') jsonb_path_ops)")
                continue
            statements.append(f"ALTER TABLE {name} ADD COLUMN IF NOT EXISTS x_{field} text "
                              f"GENERATED ALWAYS AS (doc->>'{field}') STORED")
            statements.append(f"CREATE INDEX IF NOT EXISTS {name}_{field}_idx "
                              f"ON {name} (x_{field}, seq)")
        if search_fields and ext is not None:
            statements += postgres_search.columns(name, search_fields, titles, ext)
    return statements


def ensure_schema(conn: psycopg.Connection, registry: Registry, force: bool = False) -> bool:
    """Create or upgrade the tables; True if anything had to be done. ``force``
    runs the (idempotent) DDL whatever the stored fingerprint says."""
    wanted = _fingerprint(registry)
    if not force and _stored_fingerprint(conn) == wanted:
        return False
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key(conn, "schema"),))
        if not force and _stored_fingerprint(conn) == wanted:
            return False  # another process did it while we waited
        searchable = any(getattr(model, "search_fields", ()) for model in registry.values())
        ext = postgres_search.install_extensions(conn) if searchable else None
        for statement in _ddl(registry, ext):
            conn.execute(statement)
        conn.execute("INSERT INTO ws_meta (key, value) VALUES ('schema', %s) "
                     "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", (wanted,))
    return True


def _stored_fingerprint(conn: psycopg.Connection) -> str | None:
    exists = conn.execute("SELECT to_regclass('ws_meta')").fetchone()[0]
    if exists is None:
        return None
    row = conn.execute("SELECT value FROM ws_meta WHERE key = 'schema'").fetchone()
    return None if row is None else row[0]
