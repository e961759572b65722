"""Move every document between backends: ``python api/main.py migrate --from A --to B``.

A and B are each a TinyDB file path or a PostgreSQL URL (``postgresql://...``):

    python api/main.py migrate --from data/worldsmith.json --to "$DATABASE_URL"
    python api/main.py migrate --from "$DATABASE_URL" --to backup.json

The target must be empty (nothing is ever overwritten). Documents are copied
in creation order (so lists keep their order), and blobs (uploaded images) one
at a time, inside one unit of work of the target; then every collection's
count and ids, and the blob keys, are compared; any difference is reported and
the exit status is 1. Stop the server first: a TinyDB file is
locked by the process that serves it, and a PostgreSQL source should not change
while it is copied.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

from core.models import REGISTRY
from storage.base import DocumentStore, StorageError

BATCH = 5000


def is_postgres(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://")) or "dbname=" in location


def open_location(location: str) -> DocumentStore:
    if is_postgres(location):
        from storage.postgres_store import PostgresStore
        return PostgresStore(location, REGISTRY, pool_size=2)
    from storage.tinydb_store import TinyDBStore
    return TinyDBStore(os.path.abspath(location), REGISTRY)


def describe(location: str) -> str:
    if is_postgres(location):
        from storage.postgres_schema import redacted
        return f"PostgreSQL {redacted(location)}"
    return f"TinyDB {os.path.abspath(location)}"


def pages(store: DocumentStore, collection: str, batch: int):
    """Every document, oldest first, ``batch`` at a time."""
    for offset in range(0, store.count(collection) + batch, batch):
        docs = store.find(collection, offset=offset, limit=batch, newest_first=False)
        if not docs:
            return
        yield docs


def copy_all(source: DocumentStore, target: DocumentStore, batch: int = BATCH) -> dict[str, int]:
    """Copy every collection in one unit of work of the target; documents copied per collection."""
    copied = {}
    with target.unit_of_work():
        for collection in REGISTRY:
            id_field = target.id_field(collection)
            copied[collection] = sum(
                target.put_many(collection, ((doc[id_field], doc) for doc in docs))
                for docs in pages(source, collection, batch))
        copied["blobs"] = 0
        for key in source.blob_keys():
            data = source.get_blob(key)
            if data is not None:
                target.put_blob(key, data)
                copied["blobs"] += 1
    return copied


def differences(source: DocumentStore, target: DocumentStore) -> list[str]:
    """What differs between the two stores, per collection: counts, then ids."""
    problems = []
    for collection in REGISTRY:
        want, got = source.count(collection), target.count(collection)
        if want != got:
            problems.append(f"{collection}: {want} in the source, {got} in the target")
        elif source.find_ids(collection) != target.find_ids(collection):
            problems.append(f"{collection}: same count, different ids or order")
    want, got = source.blob_keys(), target.blob_keys()
    if want != got:
        problems.append(f"blobs: {len(want)} in the source, {len(got)} in the target"
                        if len(want) != len(got) else "blobs: same count, different keys")
    return problems


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="main.py migrate", description=__doc__.split("\n")[0])
    parser.add_argument("--from", dest="source", required=True, help="TinyDB file or PostgreSQL URL")
    parser.add_argument("--to", dest="target", required=True, help="TinyDB file or PostgreSQL URL")
    parser.add_argument("--batch", type=int, default=BATCH, help="documents per copy batch")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if os.path.abspath(args.source) == os.path.abspath(args.target) or args.source == args.target:
        print("error: --from and --to are the same place", file=sys.stderr)
        return 2
    stores = []
    try:
        source = open_location(args.source)
        stores.append(source)
        target = open_location(args.target)
        stores.append(target)
        nonempty = [c for c in REGISTRY if target.count(c)] + (["blobs"] if target.blob_keys() else [])
        if nonempty:
            print(f"error: the target already holds documents ({', '.join(nonempty)}); "
                  "migrate into an empty database or a new file", file=sys.stderr)
            return 1
        print(f"from {describe(args.source)}\nto   {describe(args.target)}")
        started = time.monotonic()
        copied = copy_all(source, target, args.batch)
        for collection, count in copied.items():
            print(f"  {collection:12} {count:>9}")
        problems = differences(source, target)
    except (StorageError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        for store in reversed(stores):
            store.close()
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        return 1
    total = sum(count for name, count in copied.items() if name != "blobs")
    print(f"copied and verified {total} documents and {copied['blobs']} blobs "
          f"in {time.monotonic() - started:.1f} s")
    return 0
