"""Compaction joins the TinyDB store's kept encodings (``EncodedTables``) rather
than encoding everything again: the file must still be exactly the data, in
creation order, plus the ``_worldsmith`` journal-position table."""
import orjson
import pytest

from core.models import REGISTRY
from storage import encoded_tables
from storage.tinydb_store import TinyDBStore


def apply(store: TinyDBStore, reference: dict, ops) -> None:
    """Run the same puts and deletes on the store and on a plain dict."""
    for op, collection, doc_id, doc in ops:
        if op == "put":
            store.put(collection, doc_id, doc)
            reference.setdefault(collection, {})[doc_id] = doc
        else:
            store.delete(collection, doc_id)
            del reference[collection][doc_id]


def on_disk(path: str) -> dict:
    """The file's collections (with their order), checking the journal-position table."""
    with open(path, "rb") as handle:
        data = orjson.loads(handle.read())
    meta = data.pop("_worldsmith")
    assert set(meta) == {"journal"} and meta["journal"]["lsn"] > 0
    return data


def same(data: dict, reference: dict) -> bool:
    return data == reference and all(list(data[c]) == list(reference[c]) for c in reference)


@pytest.mark.parametrize("block_size", [2, encoded_tables.BLOCK_SIZE])
def test_compacted_file_is_exactly_the_data_across_writes_and_reopens(tmp_path, monkeypatch, block_size):
    monkeypatch.setattr(encoded_tables, "BLOCK_SIZE", block_size)
    path = str(tmp_path / "db.json")
    reference: dict = {}
    store = TinyDBStore(path, REGISTRY)
    apply(store, reference, [
        ("put", "worlds", "w1", {"world_id": "w1", "name": "Ærø \"quoted\" \\ \u2028", "shared_with": []}),
        ("put", "stories", "s1", {"story_id": "s1", "world_id": "w1", "meta": {"n": 1.5}}),
        ("put", "worlds", "w2", {"world_id": "w2", "name": "Second"}),
        *[("put", "worlds", f"x{n}", {"world_id": f"x{n}"}) for n in range(5)],
        ("put", "worlds", "w1", {"world_id": "w1", "name": "Renamed", "shared_with": ["u"]}),
    ])
    store.compact()
    assert same(on_disk(path), reference)

    apply(store, reference, [("delete", "worlds", "w1", None),
                             ("delete", "worlds", "x2", None),
                             ("delete", "worlds", "x0", None),  # empties a block of 2
                             ("delete", "worlds", "x1", None),
                             ("put", "worlds", "x3", {"world_id": "x3", "name": "changed"}),
                             ("put", "worlds", "w1", {"world_id": "w1", "name": "back, last"}),
                             ("put", "stories", "s1", {"story_id": "s1", "world_id": "w2"}),
                             ("put", "users", "u1", {"user_id": "u1"})])
    store.compact()
    assert same(on_disk(path), reference)
    store.close()

    reopened = TinyDBStore(path, REGISTRY)
    apply(reopened, reference, [("put", "stories", "s2", {"story_id": "s2", "world_id": "w2"}),
                                ("delete", "worlds", "w2", None)])
    reopened.compact()
    assert same(on_disk(path), reference)
    assert reopened.find_ids("stories", where={"world_id": "w2"}) == ["s2", "s1"]
    reopened.close()
