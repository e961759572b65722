"""Full-text search on PostgreSQL: the schema it needs and the ranked query.

For a collection whose model declares ``search_fields``:

* the ``unaccent`` and ``pg_trgm`` extensions, installed once per database (in
  ``public`` unless they are already installed elsewhere; every use names
  their schema, so any ``search_path`` works);
* ``ws_fold(text)``: ``lower(unaccent(text))``, declared IMMUTABLE (unaccent
  itself is only STABLE: it finds its dictionary by name; the two-argument form
  names it) so generated columns may use it. unaccent folds Vietnamese tone
  marks and đ/Đ to d, like ``core.text.fold``;
* ``ws_words(text)``: folded, punctuation as spaces, so the ``simple``
  parser cuts the words ``core.text.tokenize`` cuts ("a@b.com" is three words,
  not one e-mail token);
* ``ws_text(jsonb)``: every string and number in a field (aliases, tags,
  custom field values) as one text;
* generated columns ``s_vec tsvector`` (title fields weight A, the others D;
  GIN index) and ``s_title text`` (the folded title; trigram GIN index, for
  titles like a mistyped query);
* ``ws_term(word, prefix, weights)``: a query word as a ``tsquery``, folded the
  same way. Its arguments are constants, so the planner evaluates it once and
  the GIN index serves the match.

Ranking is the stores' common one (``storage.base``): per query word held
``MATCHED_WEIGHT``, per word held in the title (weight A) ``TITLE_WEIGHT``, plus
``ts_rank_cd`` scaled below ``RELEVANCE_MAX``.
"""
from __future__ import annotations

import hashlib

import orjson
import psycopg

from storage.base import (MATCHED_WEIGHT, RELEVANCE_MAX, TERM_CANDIDATES, TITLE_WEIGHT, SearchHits, SearchTerms,
                          StorageError, check_search_filter, search_terms)

EXTENSIONS = ("unaccent", "pg_trgm")


# -- schema ------------------------------------------------------------------------

def install_extensions(conn: psycopg.Connection) -> str:
    """Install unaccent and pg_trgm if missing (under a database-wide lock: every
    schema of the database shares them); the quoted schema holding them."""
    digest = hashlib.blake2b(b"worldsmith/extensions", digest_size=8).digest()
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (int.from_bytes(digest, "big", signed=True),))
    schema = None
    for extension in EXTENSIONS:
        row = conn.execute("SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n "
                           "ON n.oid = e.extnamespace WHERE e.extname = %s", (extension,)).fetchone()
        if row is None:
            target = schema or conn.execute(
                "SELECT quote_ident(coalesce((SELECT nspname FROM pg_namespace WHERE nspname = 'public'), "
                "current_schema()))").fetchone()[0]
            try:
                with conn.transaction():
                    conn.execute(f"CREATE EXTENSION IF NOT EXISTS {extension} SCHEMA {target}")
            except psycopg.errors.InsufficientPrivilege:
                raise StorageError(
                    f"PostgreSQL: search needs the {extension} extension, which this user may not "
                    f"install; run `CREATE EXTENSION {extension};` as the database owner") from None
            row = (target,)
        if schema is not None and row[0] != schema:
            raise StorageError(f"PostgreSQL: the {' and '.join(EXTENSIONS)} extensions are in different "
                               f"schemas ({schema}, {row[0]}); move one with ALTER EXTENSION ... SET SCHEMA")
        schema = row[0]
    return schema


def functions(ext: str) -> list[str]:
    """The helper functions, over the extensions in schema ``ext`` (quoted)."""
    fixed = "LANGUAGE sql IMMUTABLE PARALLEL SAFE"
    term = ("quote_literal(w) || CASE WHEN prefix OR weights <> '' THEN ':' "
            "|| CASE WHEN prefix THEN '*' ELSE '' END || weights ELSE '' END")
    return [
        f"CREATE OR REPLACE FUNCTION ws_fold(text) RETURNS text {fixed} STRICT AS "
        f"$$ SELECT lower({ext}.unaccent('{ext}.unaccent'::regdictionary, $1)) $$",
        f"CREATE OR REPLACE FUNCTION ws_words(text) RETURNS text {fixed} STRICT AS "
        "$$ SELECT regexp_replace(ws_fold($1), '[[:punct:][:space:]]+', ' ', 'g') $$",
        f"CREATE OR REPLACE FUNCTION ws_text(jsonb) RETURNS text {fixed} AS "
        "$$ SELECT coalesce(string_agg(v #>> '{}', ' '), '') FROM jsonb_path_query(coalesce($1, 'null'), "
        "'strict $.** ? (@.type() == \"string\" || @.type() == \"number\")') AS v $$",
        # A word folding to nothing matches nothing: '-' is never a lexeme (ws_words drops it).
        f"CREATE OR REPLACE FUNCTION ws_term(word text, prefix boolean, weights text) RETURNS tsquery "
        f"{fixed} AS $$ SELECT coalesce(to_tsquery('simple'::regconfig, string_agg({term}, ' <-> ')), "
        "$q$'-'$q$::tsquery) FROM regexp_split_to_table(ws_words(word), ' ') AS w WHERE w <> '' $$",
    ]


def _fields_text(fields) -> str:
    if not fields:
        return "''"
    return " || ' ' || ".join(f"ws_text(doc->'{f}')" for f in fields)   # concat_ws is not IMMUTABLE


def columns(name: str, search_fields: tuple, titles: tuple, ext: str) -> list[str]:
    """The generated search columns of table ``name`` and their indexes."""
    others = [f for f in search_fields if f not in titles]
    vector = (f"setweight(to_tsvector('simple'::regconfig, ws_words({_fields_text(titles)})), 'A') || "
              f"setweight(to_tsvector('simple'::regconfig, ws_words({_fields_text(others)})), 'D')")
    return [
        f"ALTER TABLE {name} ADD COLUMN IF NOT EXISTS s_vec tsvector GENERATED ALWAYS AS ({vector}) STORED",
        f"ALTER TABLE {name} ADD COLUMN IF NOT EXISTS s_title text "
        f"GENERATED ALWAYS AS (ws_words({_fields_text(titles)})) STORED",
        f"CREATE INDEX IF NOT EXISTS {name}_s_vec_gin ON {name} USING gin (s_vec)",
        f"CREATE INDEX IF NOT EXISTS {name}_s_title_trgm ON {name} USING gin (s_title {ext}.gin_trgm_ops)",
    ]


# -- the query ---------------------------------------------------------------------

def _filter(clauses, indexed: tuple, list_fields: tuple) -> tuple[str, list]:
    """SQL and parameters of ``check_search_filter`` clauses (None: every document)."""
    if clauses is None:
        return "TRUE", []
    ors, params = [], []
    for clause in clauses:
        ands = []
        for field, wanted in clause.items():
            # as ``doc->>field`` writes them: strings bare, the rest as JSON
            strings = [v if isinstance(v, str) else orjson.dumps(v).decode() for v in wanted if v is not None]
            if field in list_fields:
                ands.append(f"(doc->'{field}') ?| %s::text[]")
                params.append(strings)
            elif field in indexed:
                ands.append(f"x_{field} = ANY(%s::text[])")
                params.append(strings)
            else:   # any other field: a scalar equal to one, or a list holding one
                ands.append(f"(doc->>'{field}' = ANY(%s::text[]) OR (jsonb_typeof(doc->'{field}') = 'array' "
                            f"AND (doc->'{field}') ?| %s::text[]))")
                params += [strings, strings]
        ors.append("(" + (" AND ".join(ands) or "TRUE") + ")")
    return "(" + (" OR ".join(ors) or "FALSE") + ")", params


def term_queries(conn: psycopg.Connection, terms: SearchTerms, cache: dict) -> list[tuple[str, str]]:
    """(tsquery, tsquery of title hits) of each query word, as text, folded by the
    database (``ws_term``); remembered in ``cache`` (the folding never changes)."""
    last = len(terms.words) - 1
    keys = [(word, terms.prefix and i == last) for i, word in enumerate(terms.words)]
    missing = [key for key in keys if key not in cache]
    if missing:
        row = conn.execute("SELECT " + ", ".join("ws_term(%s, %s, '')::text, ws_term(%s, %s, 'A')::text"
                                                 for _ in missing),
                           [p for key in missing for p in (*key, *key)]).fetchone()
        if len(cache) > 10_000:
            cache.clear()
        for n, key in enumerate(missing):
            cache[key] = (row[2 * n], row[2 * n + 1])
    return [cache[key] for key in keys]


def ranked_query(name: str, queries: list[tuple[str, str]], clauses, indexed: tuple, list_fields: tuple,
                 limit: int) -> tuple[str, list]:
    """SQL and parameters answering (id, score, candidates, seq) rows, best first;
    ``queries`` from ``term_queries``.

    Each query word brings its newest ``TERM_CANDIDATES`` matches passing the filter
    (a GIN or a ``seq``-ordered scan, as the planner sees fit: run unprepared, it
    plans with the words and knows how common each is), scored on every word as
    they are read."""
    where, filter_params = _filter(clauses, indexed, list_fields)
    held = " + ".join("(s_vec @@ %s::tsquery)::int" for _ in queries)
    titled = " + ".join("(s_vec @@ %s::tsquery)::int" for _ in queries)
    # ts_rank_cd normalised by 32 is rank / (rank + 1): below 1.
    score = (f"({held}) * {MATCHED_WEIGHT} + ({titled}) * {TITLE_WEIGHT} "
             f"+ ts_rank_cd(s_vec, %s::tsquery, 32) * {RELEVANCE_MAX}")
    score_params = [q for q, _ in queries] + [a for _, a in queries] + [" | ".join(f"({q})" for q, _ in queries)]
    brought = " UNION ".join(
        f"(SELECT id, seq, {score} AS score FROM {name} WHERE s_vec @@ %s::tsquery AND {where} "
        f"ORDER BY seq DESC LIMIT {TERM_CANDIDATES})" for _ in queries)
    query = (f"SELECT id, score, count(*) OVER () AS total, seq FROM ({brought}) c "
             f"ORDER BY score DESC, seq DESC LIMIT %s")
    params = [p for q, _ in queries for p in (*score_params, q, *filter_params)] + [limit]
    return query, params


def extension_schema(conn: psycopg.Connection) -> str | None:
    """The quoted schema of pg_trgm, or None if it is not installed."""
    row = conn.execute("SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n "
                       "ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'").fetchone()
    return None if row is None else row[0]


def similar_query(name: str, ext: str, query: str, clauses, indexed: tuple, list_fields: tuple,
                  limit: int) -> tuple[str, list]:
    """SQL and parameters answering (id, score, total, seq) rows of titles like ``query``
    (``word_similarity`` over the folded title, served by its trigram index)."""
    where, filter_params = _filter(clauses, indexed, list_fields)
    sql = (f"SELECT t.id, {ext}.word_similarity(ws_words(%s), t.s_title) AS score, count(*) OVER () AS total, "
           f"t.seq FROM {name} t WHERE ws_words(%s) OPERATOR({ext}.<%%) t.s_title AND {where} "
           f"ORDER BY score DESC, t.seq DESC LIMIT %s")
    return sql, [query, query, *filter_params, limit]


def union(query: str, requests, build, store) -> tuple[str | None, list, list[SearchHits]]:
    """One ``UNION ALL`` statement of ``build(collection, clauses, limit)``'s (id, score,
    total, seq) query per request that can find anything; (SQL or None, parameters,
    the answers so far: empty ones)."""
    terms = search_terms(query)
    answers, parts, params = [], [], []
    for n, (collection, any_of, limit) in enumerate(requests):
        store._model(collection)
        clauses = check_search_filter(any_of)
        answers.append(SearchHits([], 0))
        if not store.searchable(collection) or not terms.words or clauses == [] or limit <= 0:
            continue
        sql, part_params = build(collection, clauses, limit)
        parts.append(f"(SELECT {n} AS request, * FROM ({sql}) r{n})")
        params += part_params
    if not parts:
        return None, [], answers
    return " UNION ALL ".join(parts) + " ORDER BY request, score DESC, seq DESC", params, answers


def read_union(rows, answers: list[SearchHits], exact_below: int | None) -> list[SearchHits]:
    """The answers, from the (request, id, score, total, seq) rows of a ``union``."""
    ranked: dict[int, list] = {}
    for n, doc_id, score, total, _ in rows:
        ranked.setdefault(n, []).append((doc_id, float(score), total))
    for n, hits in ranked.items():
        total = hits[0][2]
        answers[n] = SearchHits([(doc_id, score) for doc_id, score, _ in hits], total,
                                exact_below is None or total < exact_below)
    return answers
