"""PostgreSQL backend: one table per collection, JSONB documents, many processes.

* Layout: ``ws_<collection>(id text primary key, seq bigserial unique, doc jsonb)``.
  ``seq`` is the creation order (kept when a document is replaced). Each scalar
  field of ``INDEXED_FIELDS`` is a stored generated column ``x_<field>`` with a
  btree index on ``(x_<field>, seq)``, so a filtered page is an ordered index
  scan and a count an index-only scan; list fields (``LIST_FIELDS``) get a GIN
  index and match by containment. See ``storage/postgres_schema.py``.
* Atomic requests: ``begin()`` (called before each mutating request) makes the
  thread's writes wait in one transaction on one pooled connection until
  ``flush()`` commits it or ``rollback()`` discards it. Outside such a unit
  (background threads) a lone write commits at once and ``transaction()``
  commits when its block ends.
* Serialised writers: every multi-statement write transaction first takes one
  transaction-scoped advisory lock, so check-then-write blocks (unique names,
  quotas) behave as under TinyDB's single lock, across all worker processes,
  and writers cannot deadlock on each other's rows.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterable, Iterator, Mapping

import orjson
import psycopg
from psycopg.pq import TransactionStatus
from psycopg.types.json import Jsonb, set_json_dumps, set_json_loads
from psycopg_pool import ConnectionPool, PoolTimeout

from storage.base import INDEXED_FIELDS, LIST_FIELDS, DocumentStore, StorageError
from storage.postgres_schema import ensure_schema, lock_key, redacted, table


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

    def __init__(self, url: str, pool_size: int = 10, connect_timeout: float = 10.0):
        self.url = url
        self._pool = ConnectionPool(url, min_size=1, max_size=max(1, pool_size), open=False,
                                    kwargs={"autocommit": True}, configure=_configure,
                                    name="worldsmith")
        try:
            self._pool.open(wait=True, timeout=connect_timeout)
        except PoolTimeout:
            self._pool.close()
            raise StorageError(f"cannot connect to PostgreSQL at {redacted(url)} "
                               f"within {connect_timeout:g}s; is it running?") from None
        self._local = threading.local()
        with self._pool.connection() as conn:
            self._write_lock = lock_key(conn, "writes")
            ensure_schema(conn)

    # -- connections and transactions -----------------------------------------

    def _tx_conn(self) -> psycopg.Connection | None:
        return getattr(self._local, "conn", None)

    def _open_tx(self) -> psycopg.Connection:
        """Borrow a connection for this thread, BEGIN and take the write lock
        (waiting at most LOCK_TIMEOUT: an error beats a request hanging forever)."""
        conn = self._pool.getconn()
        try:
            conn.execute(f"BEGIN; SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'; "
                         f"SELECT pg_advisory_xact_lock({self._write_lock})")
        except BaseException:
            self._pool.putconn(conn)
            raise
        self._local.conn = conn
        return conn

    def _end_tx(self, commit: bool) -> None:
        conn, self._local.conn = self._local.conn, None
        try:
            failed = conn.info.transaction_status == TransactionStatus.INERROR
            conn.execute("COMMIT" if commit and not failed else "ROLLBACK")
            if commit and failed:  # COMMIT of a failed transaction silently rolls back
                raise StorageError("a statement of this transaction failed; nothing was saved")
        finally:
            self._pool.putconn(conn)

    @contextmanager
    def _reading(self) -> Iterator[psycopg.Connection]:
        """The thread's open transaction (read your writes), else any pooled connection."""
        conn = self._tx_conn()
        if conn is not None:
            yield conn
        else:
            with self._pool.connection() as conn:
                yield conn

    @contextmanager
    def _writing(self) -> Iterator[psycopg.Connection]:
        conn = self._tx_conn()
        if conn is None and getattr(self._local, "unit", False):
            conn = self._open_tx()
        if conn is not None:
            yield conn
        else:  # a lone write outside any unit: one autocommitted statement
            with self._pool.connection() as conn:
                yield conn

    def begin(self) -> None:
        self._local.unit = True

    def rollback(self) -> None:
        self._local.unit = False
        if self._tx_conn() is not None:
            self._end_tx(commit=False)

    def flush(self) -> None:
        """Commit this thread's unit of work; inside a ``transaction()`` block the
        commit waits for the block's end (it must not be cut in half)."""
        if (self._tx_conn() is not None and getattr(self._local, "unit", False)
                and not getattr(self._local, "depth", 0)):
            self._end_tx(commit=True)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._local.depth = getattr(self._local, "depth", 0) + 1
        try:
            with self._transaction():
                yield
        finally:
            self._local.depth -= 1

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        conn = self._tx_conn()
        if conn is not None or getattr(self._local, "unit", False):
            conn = conn or self._open_tx()
            with conn.transaction():  # a savepoint: a failed block undoes only itself
                yield
            return
        self._open_tx()
        try:
            yield
        except BaseException:
            self._end_tx(commit=False)
            raise
        self._end_tx(commit=True)

    # -- queries ---------------------------------------------------------------

    @staticmethod
    def _clause(collection: str, field: str, value) -> tuple[str, object]:
        if field in LIST_FIELDS.get(collection, ()):
            return f"(doc->'{field}') @> %s", Jsonb([value])
        return f"x_{field} = %s", _as_text(value)

    def _conditions(self, collection, where, any_of):
        """(SQL of the ``where`` pairs, their params, [(SQL, param)] of the ``any_of`` clauses)."""
        if collection not in INDEXED_FIELDS:
            raise ValueError(f"unknown collection {collection!r}")
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
        with self.transaction():
            conn = self._tx_conn()
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
        if field in LIST_FIELDS.get(collection, ()):
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

    def close(self):
        self._pool.close()
