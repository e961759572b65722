"""The document-store interface every storage backend implements.

Services see collections of JSON documents keyed by a string id. The
collections, their id fields and the fields lookups may filter on come from the
models (``core.models.REGISTRY``), handed to the store when it is built; the
stores themselves are generic. Lookups by id and by indexed fields are the only
queries, so every backend answers them without scanning. Documents come back
in creation order (newest first by default), which is the order lists are
paginated in.

Units of work
-------------
Every change happens in ``with store.unit_of_work():``. All of a unit's writes
land together when the block ends, or none do if it raises. Inside a unit the
first read or write takes the store's write lock and holds it to the end, so a
document read in a unit cannot change under it before the unit writes it back
(read-modify-write is safe; units are serialisable). Readers outside units
never wait for the lock and only ever see committed units. A unit entered
inside another joins it as a savepoint: if the inner block raises, only its
own writes are undone. ``after_commit(fn)`` runs ``fn`` once the unit is
durable (never if it rolls back). A lone write outside any unit is a unit of
its own. ``outside_unit()`` is for slow work inside a unit that must not hold
the lock (password hashing): its reads see committed data and it may not write.

Full-text search
----------------
Models declare ``search_fields`` (and which of them are titles,
``search_titles``); the stores keep an index of their folded words
(``core.text``) up to date on every commit, so ``search`` never reads every
document: TinyDB an in-memory inverted index (``storage/search_index.py``),
PostgreSQL a generated ``tsvector`` column with a GIN index. Both rank the same
way: ``MATCHED_WEIGHT`` per query word a document holds, ``TITLE_WEIGHT`` per
query word in its title, plus a relevance (how often they occur) under
``RELEVANCE_MAX``: more words first, then title hits, then relevance. Bounded
cost: each query word brings at most its newest ``TERM_CANDIDATES`` matches
(passing the filter) to be ranked, and those are scored on every word; a word
as common as "the" therefore never decides alone which old documents are found.

Blobs
-----
Binary data (uploaded images) is kept beside the documents as blobs: bytes
under a key (``BLOB_KEY``: letters, digits, ``.``, ``_``, ``-``). Blobs take
part in units of work like documents: a unit's ``put_blob``/``delete_blob``
land when it commits, with its documents, or not at all; reads inside the
unit see them. A key is written once: ``put_blob`` of a key that exists raises
``BlobExists`` (new data gets a new key), so a blob never changes under a
document that names it (writing again a key deleted in the same unit is not
supported either). A document and the blob it names are written in one unit.
"""
from __future__ import annotations

import re
import threading
from abc import ABC, abstractmethod
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Mapping, NamedTuple, Protocol

from core.text import fold


class CollectionModel(Protocol):
    """What a store needs of a model class (see ``core.models.base.Model``)."""

    collection: str
    id_field: str
    indexed_fields: tuple[str, ...]
    list_fields: tuple[str, ...]
    search_fields: tuple[str, ...]
    search_titles: tuple[str, ...]


Registry = Mapping[str, CollectionModel]

MAX_SEARCH_TERMS = 8      # words of a query that count; the rest are ignored
PREFIX_MIN = 2            # a last word this long or longer also matches the words it begins
MATCHED_WEIGHT = 100      # score per query word a document holds...
TITLE_WEIGHT = 10         # ...plus this per query word in its title...
RELEVANCE_MAX = 9.99      # ...plus a relevance (how often they occur) below this
TERM_CANDIDATES = 200     # matches each query word brings to be ranked: its newest (bounded cost)
_FILTER_FIELD = re.compile(r"[a-z_][a-z0-9_]*\Z")
_WORD = re.compile(r"[^\W_]+")           # as ``core.text.tokenize``
_ENDS_IN_WORD = re.compile(r"[^\W_]\Z")


class SearchTerms(NamedTuple):
    words: list[str]      # distinct folded words, in the query's order
    prefix: bool          # the last one also matches the longer words it begins


class SearchHits(NamedTuple):
    hits: list[tuple[str, float]]   # (id, score), best first (then newest first)
    total: int                      # how many documents match and pass the filter...
    exact: bool = True              # ...or, False, among the candidates (a word was that common)


def search_terms(query: str) -> SearchTerms:
    """The words a query searches for. The last word is a prefix ("hang ba" finds
    "Hàng Bạc") unless the query ends with a space or punctuation, or it is short."""
    folded = fold(query)
    every = _WORD.findall(folded)
    words = list(dict.fromkeys(every))[:MAX_SEARCH_TERMS]
    prefix = bool(words) and every[-1] == words[-1] and len(words[-1]) >= PREFIX_MIN \
        and _ENDS_IN_WORD.search(folded) is not None
    return SearchTerms(words, prefix)


def check_search_filter(any_of: list[Mapping] | None) -> list[dict[str, frozenset]] | None:
    """``any_of`` with every value as the set of accepted values (a list, tuple or set
    is "one of"; anything else is itself). A document passes if, for one clause,
    each field holds an accepted value (a list field: contains one)."""
    if any_of is None:
        return None
    clauses = []
    for clause in any_of:
        checked = {}
        for field, value in clause.items():
            if not isinstance(field, str) or not _FILTER_FIELD.match(field):
                raise ValueError(f"bad search filter field {field!r}")
            values = value if isinstance(value, (list, tuple, set, frozenset)) else (value,)
            if not all(isinstance(v, (str, int, float, bool)) or v is None for v in values):
                raise ValueError(f"search filter values of {field!r} must be strings or numbers")
            checked[field] = frozenset(values)
        clauses.append(checked)
    return clauses


class StorageError(RuntimeError):
    """The storage backend cannot do what was asked (bad file, disk full, server down...)."""


class BlobExists(ValueError):
    """``put_blob`` of a key that is already taken: blobs are written once."""


BLOB_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


def check_blob_key(key: str) -> str:
    """``key`` if it is a valid blob key (it names a file on TinyDB), else ValueError."""
    if not isinstance(key, str) or not BLOB_KEY.fullmatch(key):
        raise ValueError(f"invalid blob key {key!r}")
    return key


class UnitState:
    """One thread's open unit of work: nesting depth and after-commit callbacks."""

    def __init__(self):
        self.depth = 0
        self.suspended = 0
        self.after: list[Callable[[], None]] = []
        self.notes: dict = {}   # scratch space for services, dropped with the unit


class DocumentStore(ABC):
    """Collections of JSON documents with indexed equality lookups and units of work."""

    kind = "abstract"

    def __init__(self, registry: Registry):
        self.registry = dict(registry)
        self._units = threading.local()

    # -- the registry ----------------------------------------------------------

    def id_field(self, collection: str) -> str:
        return self._model(collection).id_field

    def indexed_fields(self, collection: str) -> tuple[str, ...]:
        return tuple(self._model(collection).indexed_fields)

    def list_fields(self, collection: str) -> tuple[str, ...]:
        return tuple(getattr(self._model(collection), "list_fields", ()))

    def _model(self, collection: str) -> CollectionModel:
        try:
            return self.registry[collection]
        except KeyError:
            raise ValueError(f"unknown collection {collection!r}") from None

    def check_fields(self, collection: str, fields) -> None:
        allowed = self.indexed_fields(collection)
        for field in fields:
            if field not in allowed:
                raise ValueError(f"{collection}.{field} is not an indexed field")

    # -- reading ---------------------------------------------------------------

    @abstractmethod
    def get(self, collection: str, doc_id: str) -> dict | None:
        """The document with this id, or None."""

    def get_many(self, collection: str, doc_ids: Iterable[str]) -> dict[str, dict]:
        """The documents with these ids that exist, by id (one query where the backend can)."""
        found = {}
        for doc_id in doc_ids:
            doc = self.get(collection, doc_id)
            if doc is not None:
                found[doc_id] = doc
        return found

    @abstractmethod
    def find(self, collection: str, where: Mapping | None = None,
             any_of: list[Mapping] | None = None, offset: int = 0,
             limit: int | None = None, newest_first: bool = True) -> list[dict]:
        """Documents matching every ``where`` pair and at least one ``any_of`` pair."""

    def find_ids(self, collection: str, where: Mapping | None = None,
                 any_of: list[Mapping] | None = None) -> list[str]:
        """Ids of the documents ``find`` would return, newest first."""
        id_field = self.id_field(collection)
        return [doc[id_field] for doc in self.find(collection, where, any_of)]

    def group_ids(self, collection: str, field: str, values: Iterable,
                  where: Mapping | None = None) -> dict[object, list[str]]:
        """For each of ``values``: ``find_ids(where={**where, field: value})``.
        Backends answer it in one query: presenting a page of 50 worlds then
        costs a few queries instead of a few per world."""
        where = dict(where or {})
        return {value: self.find_ids(collection, where={**where, field: value}) for value in values}

    @abstractmethod
    def count(self, collection: str, where: Mapping | None = None,
              any_of: list[Mapping] | None = None) -> int:
        """How many documents ``find`` would return without offset/limit."""

    def search(self, collection: str, query: str, any_of: list[Mapping] | None = None,
               limit: int = 50) -> SearchHits:
        """The ``limit`` best documents of ``collection`` holding words of ``query``
        (folded: accents and case do not matter; see ``search_terms``), best first
        (see "Full-text search" above). ``any_of`` keeps only documents passing one of its clauses
        (``check_search_filter``: ``[{"world_id": [w1, w2]}, {"world_id": w3,
        "visibility": "public"}]``); it is applied to the matches before they are
        ranked, and ``None`` keeps all. Outside a unit it reads committed data (inside
        one, PostgreSQL sees the unit's own writes and TinyDB does not: search from reads)."""
        raise NotImplementedError(f"{self.kind} does not search")

    def search_many(self, query: str, requests: Iterable[tuple[str, list[Mapping] | None, int]]) -> list[SearchHits]:
        """``search(collection, query, any_of, limit)`` for each (collection, any_of, limit),
        in one round trip where the backend can."""
        return [self.search(collection, query, any_of, limit) for collection, any_of, limit in requests]

    def similar(self, collection: str, query: str, any_of: list[Mapping] | None = None,
                limit: int = 50) -> SearchHits:
        """Documents whose title (``search_titles``) is like ``query``, for when no word of
        it matches: a typo ("tran hung dai" finds "Trần Hưng Đạo"). Scores are the share
        of the query's trigrams the title holds (0..1, at least ``SIMILAR_MIN``), best
        first; ``any_of`` as for ``search``."""
        return SearchHits([], 0)

    def similar_many(self, query: str, requests: Iterable[tuple[str, list[Mapping] | None, int]]) -> list[SearchHits]:
        """``similar`` for each (collection, any_of, limit)."""
        return [self.similar(collection, query, any_of, limit) for collection, any_of, limit in requests]

    def searchable(self, collection: str) -> bool:
        return bool(getattr(self._model(collection), "search_fields", ()))

    def search_fields(self, collection: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(title fields, other fields) that ``search`` reads."""
        model = self._model(collection)
        titles = tuple(getattr(model, "search_titles", ()))
        return titles, tuple(f for f in getattr(model, "search_fields", ()) if f not in titles)

    def commit_marker(self) -> object | None:
        """A value that changes with every commit this process's readers can see,
        or None if the backend has no cheap one (or a unit is open on this thread).
        Read caches key on it (``interfaces/read_cache.py``); None means: do not cache."""
        return None

    # -- writing (inside a unit of work) ----------------------------------------

    @abstractmethod
    def put(self, collection: str, doc_id: str, doc: Mapping) -> None:
        """Insert or wholly replace a document. Creation order is kept on replace."""

    def put_many(self, collection: str, items: Iterable[tuple[str, Mapping]]) -> int:
        """``put`` each (id, document) in order, in one unit; how many."""
        count = 0
        with self.unit_of_work():
            for doc_id, doc in items:
                self.put(collection, doc_id, doc)
                count += 1
        return count

    @abstractmethod
    def delete(self, collection: str, doc_id: str) -> bool:
        """Remove a document; True if it existed."""

    # -- blobs (see "Blobs" above) ------------------------------------------------

    @abstractmethod
    def put_blob(self, key: str, data: bytes) -> None:
        """Store ``data`` under a new ``key`` (in the unit; ``BlobExists`` if taken)."""

    @abstractmethod
    def get_blob(self, key: str) -> bytes | None:
        """The blob's bytes, or None."""

    @abstractmethod
    def delete_blob(self, key: str) -> bool:
        """Remove a blob (when the unit commits); True if it existed."""

    @abstractmethod
    def blob_keys(self) -> list[str]:
        """Every committed blob key, sorted (for ``migrate``: not a request-time query)."""

    # -- units of work -----------------------------------------------------------

    def _unit(self) -> UnitState | None:
        """This thread's open unit, unless none is open or it is suspended."""
        unit = getattr(self._units, "state", None)
        if unit is None or unit.suspended:
            return None
        return unit

    def in_unit(self) -> bool:
        return self._unit() is not None

    def unit_notes(self) -> dict | None:
        """A dict that lives as long as this thread's open unit (None outside one):
        what a service noted earlier in the same unit of work."""
        unit = self._unit()
        return None if unit is None else unit.notes

    @contextmanager
    def unit_of_work(self) -> Iterator[None]:
        unit = getattr(self._units, "state", None)
        if unit is not None and unit.suspended:
            raise RuntimeError("a unit of work cannot start inside outside_unit()")
        if unit is not None:  # nested: a savepoint of the open unit
            mark = len(unit.after)
            unit.depth += 1
            try:
                with self._savepoint():
                    yield
            except BaseException:
                del unit.after[mark:]
                raise
            finally:
                unit.depth -= 1
            return
        unit = self._units.state = UnitState()
        unit.depth = 1
        try:
            yield
        except BaseException:
            self._units.state = None
            self._rollback()
            raise
        self._units.state = None
        self._commit()  # raises StorageError if the writes could not be made durable
        for callback in unit.after:
            callback()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once this thread's unit is durable; at once outside a unit."""
        unit = self._unit()
        if unit is None:
            callback()
        else:
            unit.after.append(callback)

    @contextmanager
    def outside_unit(self) -> Iterator[None]:
        """Reads here see committed data and take no lock; writes are refused."""
        unit = getattr(self._units, "state", None)
        if unit is None:
            yield
            return
        unit.suspended += 1
        try:
            yield
        finally:
            unit.suspended -= 1

    def _check_writable(self) -> None:
        unit = getattr(self._units, "state", None)
        if unit is not None and unit.suspended:
            raise RuntimeError("writes are not allowed inside outside_unit()")

    @contextmanager
    def _lone_write(self) -> Iterator[None]:
        """A write outside any unit is a unit of its own."""
        self._check_writable()
        if self._unit() is not None:
            yield
        else:
            with self.unit_of_work():
                yield

    @abstractmethod
    def _commit(self) -> None:
        """Make this thread's unit durable and visible, then release its lock."""

    @abstractmethod
    def _rollback(self) -> None:
        """Discard this thread's unit and release its lock."""

    @abstractmethod
    def _savepoint(self):
        """A context manager: undo the block's writes if it raises."""

    # -- lifetime ------------------------------------------------------------------

    def ping(self) -> None:
        """Raise StorageError unless the backend can answer a query now (readiness)."""
        self.count(next(iter(self.registry)))

    def close(self) -> None:
        """Release files, locks and connections."""
