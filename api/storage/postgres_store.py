"""PostgreSQL backend: one table per collection, JSONB documents, many processes.

* Layout: ``ws_<collection>(id text primary key, seq bigserial unique, doc jsonb)``.
  ``seq`` is the creation order (kept when a document is replaced). Each scalar
  indexed field the models declare is a stored generated column ``x_<field>`` with a
  btree index on ``(x_<field>, seq)``, so a filtered page is an ordered index
  scan and a count an index-only scan; list fields get a GIN
  index and match by containment. See ``storage/postgres_schema.py``.
* Full-text search: generated ``tsvector`` and folded-title columns with GIN
  indexes (``storage/postgres_search.py``), kept current by PostgreSQL itself.
* Units of work are transactions: a unit's first read or write borrows a
  pooled connection, BEGINs and takes one transaction-scoped advisory lock;
  everything the unit reads and writes goes through that transaction until it
  commits or rolls back. Units are therefore serialised across all worker
  processes, as under TinyDB's write lock: a document read in a unit cannot
  change before the unit writes it back, check-then-write blocks (unique
  names, quotas) hold, and writers cannot deadlock on each other's rows.
  Readers outside units use autocommitted statements and never wait.
* Blobs are rows of ``ws_blobs(key text primary key, data bytea, bytes, created_at)``,
  written in the unit's transaction like its documents.
* Faults (server gone, connection broken, database dropped) become
  ``StorageError`` (503). Pooled connections are checked before use, and a
  missing table re-runs the schema set-up, so a re-created database works
  again without a restart.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterable, Iterator, Mapping

import orjson
import psycopg
from psycopg.pq import TransactionStatus
from psycopg.types.json import Jsonb, set_json_dumps, set_json_loads
from psycopg_pool import ConnectionPool, PoolTimeout

from storage.base import (TERM_CANDIDATES, BlobExists, DocumentStore, Registry, SearchHits, StorageError,
                          check_blob_key, search_terms)
from storage.postgres_schema import BLOBS_TABLE, ensure_schema, lock_key, redacted, table
from storage.postgres_search import extension_schema, ranked_query, read_union, similar_query, term_queries, union


log = logging.getLogger(__name__)

LOCK_TIMEOUT = "30s"


def _configure(conn: psycopg.Connection) -> None:
    """orjson for JSONB both ways: several times faster than the json module."""
    set_json_dumps(orjson.dumps, conn)
    set_json_loads(orjson.loads, conn)


def _as_text(value):
    """A query value as ``doc->>field`` renders it (strings bare, the rest as JSON)."""
    if value is None or isinstance(value, str):
        return value
    return orjson.dumps(value).decode()


class PostgresStore(DocumentStore):
    kind = "postgres"

    def __init__(self, url: str, registry: Registry, pool_size: int = 10,
                 connect_timeout: float = 10.0):
        super().__init__(registry)
        self.url = url
        # ``check``: a connection broken by a server restart is replaced, not handed out.
        self._pool = ConnectionPool(url, min_size=1, max_size=max(1, pool_size), open=False,
                                    kwargs={"autocommit": True}, configure=_configure,
                                    check=ConnectionPool.check_connection, timeout=10.0,
                                    name="worldsmith")
        try:
            self._pool.open(wait=True, timeout=connect_timeout)
        except PoolTimeout:
            self._pool.close()
            raise StorageError(f"cannot connect to PostgreSQL at {redacted(url)} "
                               f"within {connect_timeout:g}s; is it running?") from None
        with self._pool.connection() as conn:
            self._write_lock = lock_key(conn, "writes")
            ensure_schema(conn, self.registry)
            self._trgm = extension_schema(conn)   # where pg_trgm lives (similar titles)
        self._term_cache: dict = {}                # query word -> its tsqueries (``term_queries``)

    # -- connections and units of work ----------------------------------------

    def _tx_conn(self) -> psycopg.Connection | None:
        return getattr(self._units, "conn", None)

    def _open_tx(self) -> psycopg.Connection:
        """Borrow a connection for this thread's unit, BEGIN and take the write
        lock (waiting at most LOCK_TIMEOUT: an error beats a request hanging forever)."""
        conn = self._pool.getconn()
        try:
            conn.execute(f"BEGIN; SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'; "
                         f"SELECT pg_advisory_xact_lock({self._write_lock})")
        except BaseException:
            self._pool.putconn(conn)
            raise
        self._units.conn = conn
        return conn

    def _end_tx(self, commit: bool) -> None:
        conn, self._units.conn = self._units.conn, None
        try:
            failed = conn.info.transaction_status == TransactionStatus.INERROR
            conn.execute("COMMIT" if commit and not failed else "ROLLBACK")
            if commit and failed:  # COMMIT of a failed transaction silently rolls back
                raise StorageError("a statement of this transaction failed; nothing was saved")
        finally:
            self._pool.putconn(conn)

    def _unit_conn(self) -> psycopg.Connection | None:
        """The connection of this thread's unit (opened at its first access), or None outside units."""
        if self._unit() is None:
            return None
        return self._tx_conn() or self._open_tx()

    @contextmanager
    def _reading(self) -> Iterator[psycopg.Connection]:
        """Inside a unit: its transaction, under the write lock (read your writes,
        and nothing read can change before the unit ends). Else any pooled connection."""
        with _storage_faults(self):
            conn = self._unit_conn()
            if conn is not None:
                yield conn
            else:
                with self._pool.connection() as conn:
                    yield conn

    @contextmanager
    def _writing(self) -> Iterator[psycopg.Connection]:
        with self._lone_write(), _storage_faults(self):
            yield self._unit_conn()

    def _commit(self) -> None:
        if self._tx_conn() is not None:
            with _storage_faults(self):
                self._end_tx(commit=True)

    def _rollback(self) -> None:
        if self._tx_conn() is not None:
            try:
                self._end_tx(commit=False)
            except psycopg.Error:
                log.warning("rollback failed; the connection is discarded", exc_info=True)

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        with _storage_faults(self):
            conn = self._unit_conn()
        with conn.transaction():  # a savepoint: a failed block undoes only itself
            yield

    # -- queries ---------------------------------------------------------------

    def _clause(self, collection: str, field: str, value) -> tuple[str, object]:
        if field in self.list_fields(collection):
            return f"(doc->'{field}') @> %s", Jsonb([value])
        return f"x_{field} = %s", _as_text(value)

    def _conditions(self, collection, where, any_of):
        """(SQL of the ``where`` pairs, their params, [(SQL, param)] of the ``any_of`` clauses)."""
        self._model(collection)
        where = dict(where or {})
        self.check_fields(collection, where)
        anded = [self._clause(collection, f, v) for f, v in where.items()]
        ored = []
        for clause in any_of or ():
            if len(clause) != 1:
                raise ValueError("each any_of clause names one field")
            self.check_fields(collection, clause)
            (field, value), = clause.items()
            ored.append(self._clause(collection, field, value))
        if len(ored) == 1:
            anded, ored = anded + ored, []
        sql = " AND ".join(s for s, _ in anded) or "TRUE"
        return sql, [p for _, p in anded], ored

    def _select(self, collection, column, where, any_of, offset, limit, newest_first):
        sql, params, ored = self._conditions(collection, where, any_of)
        name, order = table(collection), "DESC" if newest_first else "ASC"
        if ored and limit is not None:
            # Each alternative is an ordered index scan cut at offset+limit;
            # merging those few rows is far cheaper than sorting every match.
            parts = [f"(SELECT seq FROM {name} WHERE {sql} AND {s} ORDER BY seq {order} LIMIT %s)"
                     for s, _ in ored]
            sub_params = [x for s, p in ored for x in (*params, p, offset + limit)]
            query = (f"SELECT t.{column} FROM {name} t JOIN ({' UNION '.join(parts)}) u USING (seq) "
                     f"ORDER BY t.seq {order} OFFSET %s LIMIT %s")
            return query, [*sub_params, offset, limit]
        if ored:
            sql = f"{sql} AND ({' OR '.join(s for s, _ in ored)})"
            params = [*params, *(p for _, p in ored)]
        query = f"SELECT {column} FROM {name} WHERE {sql} ORDER BY seq {order} OFFSET %s"
        params.append(offset)
        if limit is not None:
            query += " LIMIT %s"
            params.append(limit)
        return query, params

    # -- DocumentStore -------------------------------------------------------

    def get(self, collection, doc_id):
        self._conditions(collection, None, None)
        with self._reading() as conn:
            row = conn.execute(f"SELECT doc FROM {table(collection)} WHERE id = %s",
                               (doc_id,)).fetchone()
        return None if row is None else row[0]

    def put(self, collection, doc_id, doc):
        self._conditions(collection, None, None)
        with self._writing() as conn:
            conn.execute(f"INSERT INTO {table(collection)} (id, doc) VALUES (%s, %s) "
                         "ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc",
                         (doc_id, Jsonb(dict(doc))))

    def put_many(self, collection, items: Iterable[tuple[str, Mapping]]) -> int:
        """COPY into a scratch table, then one upsert: ~50x faster than single puts."""
        self._conditions(collection, None, None)
        count = 0
        with self.unit_of_work(), self._writing() as conn:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS ws_load (ord bigserial, id text, doc jsonb)"
                         " ON COMMIT DELETE ROWS")
            with conn.cursor().copy("COPY ws_load (id, doc) FROM STDIN") as copy:
                for doc_id, doc in items:
                    copy.write_row((doc_id, orjson.dumps(doc).decode()))
                    count += 1
            conn.execute(f"INSERT INTO {table(collection)} (id, doc) SELECT id, doc FROM "
                         "(SELECT DISTINCT ON (id) ord, id, doc FROM ws_load ORDER BY id, ord DESC) d "
                         "ORDER BY ord ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc")
            conn.execute("TRUNCATE ws_load")
        return count

    def delete(self, collection, doc_id):
        self._conditions(collection, None, None)
        with self._writing() as conn:
            cur = conn.execute(f"DELETE FROM {table(collection)} WHERE id = %s", (doc_id,))
            return cur.rowcount > 0

    def find(self, collection, where=None, any_of=None, offset=0, limit=None, newest_first=True):
        query, params = self._select(collection, "doc", where, any_of, offset, limit, newest_first)
        with self._reading() as conn:
            return [row[0] for row in conn.execute(query, params)]

    def find_ids(self, collection, where=None, any_of=None):
        query, params = self._select(collection, "id", where, any_of, 0, None, True)
        with self._reading() as conn:
            return [row[0] for row in conn.execute(query, params)]

    def group_ids(self, collection, field, values, where=None):
        values = list(dict.fromkeys(values))
        if field in self.list_fields(collection):
            return super().group_ids(collection, field, values, where)
        sql, params, _ = self._conditions(collection, where, None)
        self.check_fields(collection, [field])
        grouped = {value: [] for value in values}
        by_text = {_as_text(value): value for value in values}
        query = (f"SELECT x_{field}, id FROM {table(collection)} "
                 f"WHERE {sql} AND x_{field} = ANY(%s) ORDER BY seq DESC")
        with self._reading() as conn:
            for key, doc_id in conn.execute(query, [*params, list(by_text)]):
                grouped[by_text[key]].append(doc_id)
        return grouped

    def count(self, collection, where=None, any_of=None):
        sql, params, ored = self._conditions(collection, where, any_of)
        name = table(collection)
        if not ored:
            query = f"SELECT count(*) FROM {name} WHERE {sql}"
        else:
            # |A or B or C| = |A| + |B and not A| + |C and not A and not B|: each
            # term is one index scan, where one OR would visit every matching row.
            terms, all_params = [], []
            for i, (clause, param) in enumerate(ored):
                nots = [f"NOT coalesce({s}, false)" for s, _ in ored[:i]]
                terms.append(f"(SELECT count(*) FROM {name} WHERE "
                             f"{' AND '.join([sql, clause, *nots])})")
                all_params += [*params, param, *(p for _, p in ored[:i])]
            query, params = "SELECT " + " + ".join(terms), all_params
        with self._reading() as conn:
            return conn.execute(query, params).fetchone()[0]

    def get_many(self, collection, doc_ids):
        self._conditions(collection, None, None)
        with self._reading() as conn:
            return dict(conn.execute(f"SELECT id, doc FROM {table(collection)} WHERE id = ANY(%s)",
                                     (list(doc_ids),)).fetchall())

    def search(self, collection, query, any_of=None, limit=50):
        return self.search_many(query, [(collection, any_of, limit)])[0]

    def search_many(self, query, requests):
        """Every search in one statement (``UNION ALL`` of the ranked queries)."""
        terms = search_terms(query)
        if not terms.words:
            return [SearchHits([], 0) for _ in requests]
        with self._reading() as conn:
            queries = term_queries(conn, terms, self._term_cache)
            return self._union(conn, query, requests, lambda collection, clauses, limit: ranked_query(
                table(collection), queries, clauses, self.indexed_fields(collection),
                self.list_fields(collection), limit), exact_below=TERM_CANDIDATES)

    def similar(self, collection, query, any_of=None, limit=50):
        return self.similar_many(query, [(collection, any_of, limit)])[0]

    def similar_many(self, query, requests):
        if self._trgm is None:
            return [SearchHits([], 0) for _ in requests]
        folded = " ".join(search_terms(query).words)
        with self._reading() as conn:
            return self._union(conn, query, requests, lambda collection, clauses, limit: similar_query(
                table(collection), self._trgm, folded, clauses, self.indexed_fields(collection),
                self.list_fields(collection), limit))

    def _union(self, conn, query, requests, build, exact_below=None) -> list[SearchHits]:
        statement, params, answers = union(query, requests, build, self)
        if statement is None:
            return answers
        return read_union(conn.execute(statement, params, prepare=False).fetchall(), answers, exact_below)

    # -- blobs ---------------------------------------------------------------------

    def put_blob(self, key, data):
        check_blob_key(key)
        data = bytes(data)
        with self._writing() as conn:
            cur = conn.execute(f"INSERT INTO {BLOBS_TABLE} (key, data, bytes) VALUES (%s, %s, %s) "
                               "ON CONFLICT (key) DO NOTHING", (key, data, len(data)))
            if cur.rowcount == 0:
                raise BlobExists(f"blob {key!r} exists")

    def get_blob(self, key):
        check_blob_key(key)
        with self._reading() as conn:
            row = conn.execute(f"SELECT data FROM {BLOBS_TABLE} WHERE key = %s", (key,)).fetchone()
        return None if row is None else bytes(row[0])

    def delete_blob(self, key):
        check_blob_key(key)
        with self._writing() as conn:
            return conn.execute(f"DELETE FROM {BLOBS_TABLE} WHERE key = %s", (key,)).rowcount > 0

    def blob_keys(self):
        with self._reading() as conn:
            return [row[0] for row in conn.execute(f"SELECT key FROM {BLOBS_TABLE} ORDER BY key")]

    def close(self):
        self._pool.close()


@contextmanager
def _storage_faults(store: PostgresStore) -> Iterator[None]:
    """Database faults as ``StorageError``; a missing table (the database was
    dropped and made again) sets the schema up again for the next request."""
    try:
        yield
    except psycopg.errors.UndefinedTable as exc:
        log.error("PostgreSQL: a table is missing (%s); re-creating the schema", exc)
        try:
            with store._pool.connection() as conn:
                ensure_schema(conn, store.registry, force=True)
        except psycopg.Error:
            log.exception("PostgreSQL: could not re-create the schema")
        raise StorageError("the database was not ready; nothing was saved") from None
    except (psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout) as exc:
        log.error("PostgreSQL unavailable: %s", exc)
        raise StorageError("the database is unavailable; nothing was saved") from None
