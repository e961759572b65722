"""The blob contract, on every backend: bytes under a key, written once, in units
of work with the documents (atomic, read-your-writes, savepoints, isolation),
durable across reopening. Then the TinyDB file layout and its failure paths."""
from __future__ import annotations

import os
import threading

import pytest

from storage import BlobExists, StorageError

DATA = bytes(range(256)) * 1000 + b"\x00end"   # every byte value, NULs included


class Boom(Exception):
    pass


def image_doc(store, image_id, world_id="w"):
    store.put("images", image_id, {"image_id": image_id, "world_id": world_id})


def test_put_get_delete_roundtrip(backend):
    store = backend.store
    assert store.get_blob("a1") is None
    store.put_blob("a1", DATA)
    store.put_blob("b.thumb", b"small")
    assert store.get_blob("a1") == DATA
    assert store.blob_keys() == ["a1", "b.thumb"]
    assert store.delete_blob("a1") is True
    assert store.delete_blob("a1") is False
    assert store.get_blob("a1") is None
    assert store.blob_keys() == ["b.thumb"]


def test_a_key_is_written_once_and_must_be_safe(backend):
    store = backend.store
    store.put_blob("k", b"first")
    with pytest.raises(BlobExists):
        store.put_blob("k", b"second")
    assert store.get_blob("k") == b"first"
    for bad in ("", ".hidden", "../escape", "a/b", "a\\b", "x" * 201, "é", ".tmp-1"):
        with pytest.raises(ValueError):
            store.put_blob(bad, b"x")
        with pytest.raises(ValueError):
            store.get_blob(bad)
    assert store.blob_keys() == ["k"]


def test_a_unit_that_raises_leaves_no_blob_and_keeps_deleted_ones(backend):
    store = backend.store
    store.put_blob("keep", b"kept")
    with pytest.raises(Boom):
        with store.unit_of_work():
            image_doc(store, "i1")
            store.put_blob("i1", DATA)
            assert store.delete_blob("keep") is True
            assert store.get_blob("i1") == DATA          # the unit reads its own writes
            assert store.get_blob("keep") is None
            raise Boom
    assert store.get_blob("i1") is None and store.get("images", "i1") is None
    assert store.get_blob("keep") == b"kept"
    assert store.blob_keys() == ["keep"]
    store = backend.reopen()
    assert store.blob_keys() == ["keep"] and store.get_blob("keep") == b"kept"


def test_a_failed_nested_unit_undoes_only_its_own_blobs(backend):
    store = backend.store
    store.put_blob("old", b"o")
    with store.unit_of_work():
        store.put_blob("outer", b"1")
        with pytest.raises(Boom):
            with store.unit_of_work():
                store.put_blob("inner", b"2")
                store.delete_blob("old")
                store.delete_blob("outer")
                raise Boom
        assert store.get_blob("inner") is None
        assert store.get_blob("old") == b"o" and store.get_blob("outer") == b"1"
        store.put_blob("inner", b"3")   # the undone write frees its key
    assert store.blob_keys() == ["inner", "old", "outer"]
    assert store.get_blob("inner") == b"3"


def test_other_threads_see_blobs_only_once_the_unit_commits(backend):
    store = backend.store
    store.put_blob("gone", b"g")
    seen = {}
    written, go_on = threading.Event(), threading.Event()

    def writer():
        with store.unit_of_work():
            image_doc(store, "new")
            store.put_blob("new", b"n")
            store.delete_blob("gone")
            written.set()
            go_on.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    assert written.wait(10)
    seen["during"] = (store.get_blob("new"), store.get_blob("gone"), store.get("images", "new"))
    go_on.set()
    thread.join(10)
    seen["after"] = (store.get_blob("new"), store.get_blob("gone"), store.get("images", "new") is not None)
    assert seen == {"during": (None, b"g", None), "after": (b"n", None, True)}


def test_committed_blobs_survive_reopening(backend):
    store = backend.store
    with store.unit_of_work():
        image_doc(store, "i9")
        store.put_blob("i9", DATA)
    store.put_blob("lone", b"alone")   # a lone write is a unit of its own
    store = backend.reopen()
    assert store.get("images", "i9") is not None
    assert store.get_blob("i9") == DATA and store.get_blob("lone") == b"alone"


# -- TinyDB: files beside the database ------------------------------------------------

@pytest.fixture
def tiny(tmp_path):
    from core.models import REGISTRY
    from storage.tinydb_store import TinyDBStore
    store = TinyDBStore(str(tmp_path / "db.json"), REGISTRY)
    yield store
    store.close()


def folder_names(store) -> list[str]:
    path = store.path + ".blobs"
    return sorted(os.listdir(path)) if os.path.isdir(path) else []


def test_tinydb_keeps_each_blob_as_a_file_beside_the_database(tiny, tmp_path):
    tiny.put_blob("abc", b"bytes")
    assert (tmp_path / "db.json.blobs" / "abc").read_bytes() == b"bytes"
    with tiny.unit_of_work():
        tiny.put_blob("pending", b"p")
        names = folder_names(tiny)
        assert "pending" not in names and any(n.startswith(".tmp-") for n in names)   # staged, fsync'd
    assert folder_names(tiny) == ["abc", "pending"]
    tiny.delete_blob("abc")
    assert folder_names(tiny) == ["pending"]


def test_tinydb_rollback_removes_the_temporary_files(tiny):
    with pytest.raises(Boom):
        with tiny.unit_of_work():
            tiny.put_blob("x", DATA)
            raise Boom
    assert folder_names(tiny) == []


def test_tinydb_a_failed_journal_write_leaves_no_blob(tiny, monkeypatch):
    tiny.put_blob("before", b"b")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tiny._journal, "append", full_disk)
    with pytest.raises(StorageError):
        with tiny.unit_of_work():
            image_doc(tiny, "img")
            tiny.put_blob("img", DATA)
            tiny.delete_blob("before")
    assert folder_names(tiny) == ["before"]
    assert tiny.get("images", "img") is None and tiny.get_blob("img") is None


def test_tinydb_opening_sweeps_temporary_files_of_a_crashed_unit(tmp_path):
    from core.models import REGISTRY
    from storage.tinydb_store import TinyDBStore
    blobs = tmp_path / "db.json.blobs"
    blobs.mkdir()
    (blobs / ".tmp-deadbeef").write_bytes(b"half a unit")
    (blobs / "kept").write_bytes(b"k")
    store = TinyDBStore(str(tmp_path / "db.json"), REGISTRY)
    try:
        assert folder_names(store) == ["kept"] and store.blob_keys() == ["kept"]
    finally:
        store.close()
