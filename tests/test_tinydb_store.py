"""TinyDB specifics: the file format, the process lock, refusing broken files,
index upkeep under updates."""
import json
import threading

import pytest
from tinydb import TinyDB

from storage import StorageError
from storage.tinydb_store import TinyDBStore, _StrIdTable


@pytest.fixture
def tiny(tmp_path):
    store = TinyDBStore(str(tmp_path / "db.json"))
    yield store
    store.close()


def test_flushed_file_is_a_plain_tinydb_database(tiny):
    tiny.put("worlds", "w1", {"world_id": "w1", "name": "A", "owner_id": "u", "visibility": "public"})
    tiny.flush()
    with TinyDB(tiny.path) as db:
        db.table_class = _StrIdTable
        assert db.table("worlds").all() == [{"world_id": "w1", "name": "A", "owner_id": "u", "visibility": "public"}]


def test_nothing_is_written_before_flush(tiny):
    tiny.put("worlds", "w0", {"world_id": "w0"})
    tiny.flush()
    tiny.put("worlds", "w1", {"world_id": "w1"})
    with open(tiny.path, "rb") as handle:
        assert b"w1" not in handle.read()
    tiny.flush()
    with open(tiny.path, "rb") as handle:
        assert b"w1" in handle.read()


def test_second_open_of_the_same_file_fails_with_advice(tiny):
    with pytest.raises(StorageError, match="one process per file"):
        TinyDBStore(tiny.path)


def test_refuses_a_broken_file_and_leaves_it_alone(tmp_path):
    path = tmp_path / "db.json"
    path.write_text('{"worlds": {"w1": ')
    with pytest.raises(StorageError, match="not valid JSON"):
        TinyDBStore(str(path))
    assert path.read_text() == '{"worlds": {"w1": '


def test_reopen_keeps_data_order_and_indexes(tmp_path):
    path = str(tmp_path / "db.json")
    store = TinyDBStore(path)
    for n in range(5):
        store.put("stories", f"s{n}", {"story_id": f"s{n}", "world_id": "w" if n % 2 else "v", "owner_id": "u"})
    store.close()
    store = TinyDBStore(path)
    try:
        assert [d["story_id"] for d in store.find("stories", where={"world_id": "w"})] == ["s3", "s1"]
        assert store.count("stories", where={"world_id": "v"}) == 3
    finally:
        store.close()


def test_updates_move_index_entries_but_keep_creation_order(tiny):
    for n in range(4):
        tiny.put("worlds", f"w{n}", {"world_id": f"w{n}", "owner_id": "u", "visibility": "private", "shared_with": []})
    tiny.put("worlds", "w1", {"world_id": "w1", "owner_id": "u", "visibility": "public", "shared_with": ["x", "y"]})
    tiny.put("worlds", "w3", {"world_id": "w3", "owner_id": "u", "visibility": "public", "shared_with": ["x"]})
    assert tiny.find_ids("worlds", where={"visibility": "public"}) == ["w3", "w1"]
    assert tiny.find_ids("worlds", where={"visibility": "private"}) == ["w2", "w0"]
    assert tiny.find_ids("worlds", where={"shared_with": "x"}) == ["w3", "w1"]
    assert tiny.find_ids("worlds", any_of=[{"shared_with": "y"}, {"visibility": "private"}]) == ["w2", "w1", "w0"]
    assert tiny.count("worlds", any_of=[{"shared_with": "y"}, {"visibility": "private"}]) == 3
    assert [d["world_id"] for d in tiny.find("worlds", newest_first=False, offset=1, limit=2)] == ["w1", "w2"]
    tiny.delete("worlds", "w1")
    assert tiny.find_ids("worlds", where={"shared_with": "y"}) == []
    assert tiny.find_ids("worlds", where={"shared_with": "x"}) == ["w3"]


def test_only_indexed_fields_can_be_queried(tiny):
    with pytest.raises(ValueError, match="not an indexed field"):
        tiny.find("worlds", where={"name": "A"})


def test_concurrent_writers_all_become_durable(tiny):
    def write(n):
        for i in range(25):
            doc_id = f"{n}-{i}"
            tiny.put("worlds", doc_id, {"world_id": doc_id, "owner_id": str(n)})
            tiny.flush()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with open(tiny.path) as handle:
        on_disk = json.load(handle)["worlds"]
    assert len(on_disk) == 200


def test_documents_are_copied_in_and_out(tiny):
    doc = {"world_id": "w1", "shared_with": ["a"], "metadata": {"themes": []}}
    tiny.put("worlds", "w1", doc)
    doc["shared_with"].append("b")
    loaded = tiny.get("worlds", "w1")
    loaded["metadata"]["themes"].append("leak")
    assert tiny.get("worlds", "w1") == {"world_id": "w1", "shared_with": ["a"], "metadata": {"themes": []}}
    assert tiny.find_ids("worlds", where={"shared_with": "b"}) == []


def test_a_document_that_is_not_json_is_refused_at_put(tiny):
    with pytest.raises(TypeError):
        tiny.put("worlds", "w1", {"world_id": "w1", "when": object()})
    assert tiny.get("worlds", "w1") is None
    tiny.flush()


def test_union_counts_follow_every_write(tiny):
    query = {"any_of": [{"owner_id": "u"}, {"visibility": "public"}]}
    assert tiny.count("worlds", **query) == 0
    tiny.put("worlds", "w1", {"world_id": "w1", "owner_id": "u", "visibility": "private"})
    tiny.put("worlds", "w2", {"world_id": "w2", "owner_id": "x", "visibility": "public"})
    assert tiny.count("worlds", **query) == 2
    tiny.put("worlds", "w2", {"world_id": "w2", "owner_id": "x", "visibility": "private"})
    assert tiny.count("worlds", **query) == 1
    tiny.delete("worlds", "w1")
    assert tiny.count("worlds", **query) == 0


def test_group_ids_matches_find_ids(tiny):
    for n in range(6):
        tiny.put("stories", f"s{n}", {"story_id": f"s{n}", "world_id": f"w{n % 2}",
                                      "visibility": "public" if n % 3 else "private"})
    grouped = tiny.group_ids("stories", "world_id", ["w0", "w1", "w9"], where={"visibility": "public"})
    assert grouped == {w: tiny.find_ids("stories", where={"world_id": w, "visibility": "public"})
                       for w in ("w0", "w1", "w9")}
    assert grouped["w0"] == ["s4", "s2"]
