"""The DocumentStore contract, run against every backend so they cannot drift."""
from __future__ import annotations

import threading
import time
import uuid

import pytest


def new_id() -> str:
    return str(uuid.uuid4())


def add_world(store, owner="u1", visibility="private", shared_with=(), **extra) -> str:
    world_id = new_id()
    store.put("worlds", world_id, {"world_id": world_id, "owner_id": owner,
                                   "visibility": visibility, "shared_with": list(shared_with),
                                   **extra})
    return world_id


def ids(docs) -> list[str]:
    return [d["world_id"] for d in docs]


def test_get_put_roundtrip_of_nested_unicode_values(backend):
    store = backend.store
    doc = {"world_id": "w1", "owner_id": "u1", "visibility": "public", "shared_with": ["a"],
           "name": "Ærø — 世界 🐉", "n": 3, "f": 1.5, "ok": True, "none": None,
           "metadata": {"calendar": {"current_year": 1000, "eras": ["a", {"b": [1, 2]}]}}}
    assert store.get("worlds", "w1") is None
    store.put("worlds", "w1", doc)
    assert store.get("worlds", "w1") == doc
    store.get("worlds", "w1")["name"] = "changed"  # callers get copies
    assert store.get("worlds", "w1") == doc


def test_put_replaces_wholly_and_keeps_creation_order(backend):
    store = backend.store
    first, second = add_world(store, extra="old"), add_world(store)
    store.put("worlds", first, {"world_id": first, "owner_id": "u2", "visibility": "public"})
    assert store.get("worlds", first) == {"world_id": first, "owner_id": "u2", "visibility": "public"}
    assert ids(store.find("worlds")) == [second, first]
    assert store.find_ids("worlds", where={"owner_id": "u1"}) == [second]
    assert store.find_ids("worlds", where={"owner_id": "u2"}) == [first]


def test_delete(backend):
    store = backend.store
    keep, gone = add_world(store), add_world(store)
    assert store.delete("worlds", gone) is True
    assert store.delete("worlds", gone) is False
    assert store.get("worlds", gone) is None
    assert ids(store.find("worlds", where={"owner_id": "u1"})) == [keep]
    assert store.count("worlds") == 1


def test_where_ands_every_pair(backend):
    store = backend.store
    a = add_world(store, owner="u1", visibility="public")
    add_world(store, owner="u1", visibility="private")
    add_world(store, owner="u2", visibility="public")
    assert ids(store.find("worlds", where={"owner_id": "u1", "visibility": "public"})) == [a]
    assert store.count("worlds", where={"owner_id": "u1", "visibility": "public"}) == 1
    assert store.find("worlds", where={"owner_id": "nobody"}) == []
    assert store.count("worlds", where={"owner_id": "nobody"}) == 0


def test_list_fields_match_when_they_contain_the_value(backend):
    store = backend.store
    both = add_world(store, shared_with=["u7", "u8"])
    one = add_world(store, shared_with=["u8"])
    add_world(store, shared_with=[])
    assert ids(store.find("worlds", where={"shared_with": "u8"})) == [one, both]
    assert ids(store.find("worlds", where={"shared_with": "u7"})) == [both]
    assert store.count("worlds", where={"shared_with": "u8"}) == 2
    store.put("worlds", both, {**store.get("worlds", both), "shared_with": ["u7"]})
    assert ids(store.find("worlds", where={"shared_with": "u8"})) == [one]


def test_any_of_is_an_or_anded_with_where_and_never_repeats(backend):
    store = backend.store
    public = add_world(store, owner="u2", visibility="public")
    mine_public = add_world(store, owner="u1", visibility="public")  # matches two clauses
    mine = add_world(store, owner="u1")
    shared = add_world(store, owner="u3", shared_with=["u1"])
    add_world(store, owner="u3")  # invisible to u1
    visible = [{"visibility": "public"}, {"owner_id": "u1"}, {"shared_with": "u1"}]
    expected = [shared, mine, mine_public, public]
    assert ids(store.find("worlds", any_of=visible)) == expected
    assert store.count("worlds", any_of=visible) == 4
    assert store.find_ids("worlds", any_of=visible) == expected
    assert ids(store.find("worlds", any_of=visible, offset=1, limit=2)) == expected[1:3]
    assert ids(store.find("worlds", any_of=visible, newest_first=False, limit=3)) == expected[::-1][:3]
    assert ids(store.find("worlds", where={"owner_id": "u1"}, any_of=visible)) == [mine, mine_public]
    assert store.count("worlds", where={"visibility": "private"}, any_of=visible) == 2
    assert ids(store.find("worlds", any_of=[{"owner_id": "u3"}])) == store.find_ids(
        "worlds", where={"owner_id": "u3"})


def test_order_offset_limit_and_count_over_pages(backend):
    store = backend.store
    made = [add_world(store, owner="u1" if i % 3 else "u2") for i in range(25)]
    newest = made[::-1]
    assert ids(store.find("worlds")) == newest
    assert ids(store.find("worlds", newest_first=False)) == made
    pages = [ids(store.find("worlds", offset=o, limit=10)) for o in (0, 10, 20, 30)]
    assert pages == [newest[:10], newest[10:20], newest[20:], []]
    u1 = [w for w in newest if store.get("worlds", w)["owner_id"] == "u1"]
    assert ids(store.find("worlds", where={"owner_id": "u1"}, offset=5, limit=4)) == u1[5:9]
    assert ids(store.find("worlds", where={"owner_id": "u1"}, offset=4)) == u1[4:]
    assert store.find("worlds", limit=0) == []
    assert store.count("worlds") == 25
    assert store.count("worlds", where={"owner_id": "u1"}) == len(u1)


def test_find_ids_is_newest_first_and_uses_each_collections_id_field(backend):
    store = backend.store
    for n in range(3):
        store.put("stories", f"s{n}", {"story_id": f"s{n}", "world_id": "w", "owner_id": "u",
                                       "visibility": "private"})
    store.put("event_cache", "s1", {"story_id": "s1", "events": []})
    assert store.find_ids("stories", where={"world_id": "w"}) == ["s2", "s1", "s0"]
    assert store.find_ids("event_cache", where={"story_id": "s1"}) == ["s1"]


def test_unknown_fields_and_bad_clauses_are_rejected(backend):
    store = backend.store
    add_world(store)
    for call in (lambda: store.find("worlds", where={"name": "x"}),
                 lambda: store.count("worlds", where={"name": "x"}),
                 lambda: store.find_ids("worlds", where={"name": "x"}),
                 lambda: store.find("worlds", any_of=[{"name": "x"}, {"owner_id": "u1"}]),
                 lambda: store.find("worlds", any_of=[{"owner_id": "u1", "visibility": "public"}]),
                 lambda: store.put("no_such_collection", "x", {})):
        with pytest.raises(ValueError):
            call()


def test_put_many_keeps_order_and_replaces(backend):
    store = backend.store
    existing = add_world(store, owner="before")
    batch = [(f"w{n}", {"world_id": f"w{n}", "owner_id": "bulk", "visibility": "public"})
             for n in range(50)]
    batch.append((existing, {"world_id": existing, "owner_id": "bulk", "visibility": "public"}))
    assert store.put_many("worlds", batch) == 51
    assert store.count("worlds", where={"owner_id": "bulk"}) == 51
    assert ids(store.find("worlds", newest_first=False)) == [existing] + [f"w{n}" for n in range(50)]


def test_committed_writes_survive_reopening(backend):
    store = backend.store
    first = add_world(store, owner="u1", shared_with=["u9"])
    second = add_world(store, owner="u1", visibility="public")
    gone = add_world(store)
    store.delete("worlds", gone)
    store = backend.reopen()
    assert ids(store.find("worlds")) == [second, first]
    assert ids(store.find("worlds", where={"shared_with": "u9"})) == [first]
    assert store.count("worlds", where={"visibility": "public"}) == 1
    third = add_world(store)
    assert ids(store.find("worlds", limit=1)) == [third]  # creation order continues


def test_other_threads_never_see_half_a_unit(backend):
    store = backend.store
    seen, stop = set(), threading.Event()

    def watch():
        for _ in range(100_000):
            if stop.is_set():
                break
            seen.add(store.count("worlds", where={"owner_id": "pair"}))

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(5):
            with store.unit_of_work():
                add_world(store, owner="pair")
                time.sleep(0.02)
                add_world(store, owner="pair")
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert store.count("worlds", where={"owner_id": "pair"}) == 10
    assert seen <= {0, 2, 4, 6, 8, 10}


def test_check_then_write_in_a_unit_is_serialised(backend):
    """Eight threads claim one username; exactly one may win (registration's pattern)."""
    store = backend.store
    winners, barrier = [], threading.Barrier(8)

    def claim(n):
        barrier.wait(timeout=10)
        with store.unit_of_work():
            if store.count("users", where={"username_key": "taken"}) == 0:
                time.sleep(0.01)  # widen the race window
                store.put("users", f"user{n}", {"user_id": f"user{n}", "username_key": "taken"})
                winners.append(n)

    threads = [threading.Thread(target=claim, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(winners) == 1
    assert store.count("users", where={"username_key": "taken"}) == 1


def test_group_ids_answers_find_ids_for_many_values_at_once(backend):
    store = backend.store
    for n in range(9):
        store.put("stories", f"s{n}", {"story_id": f"s{n}", "world_id": f"w{n % 3}",
                                       "owner_id": "u", "visibility": "public" if n % 2 else "private"})
    wanted = ["w0", "w1", "w2", "w-none"]
    assert store.group_ids("stories", "world_id", wanted) == {
        w: store.find_ids("stories", where={"world_id": w}) for w in wanted}
    assert store.group_ids("stories", "world_id", ["w1", "w2"], where={"visibility": "public"}) == {
        "w1": ["s7", "s1"], "w2": ["s5"]}
    assert store.group_ids("worlds", "shared_with", ["u1"]) == {"u1": []}
    with pytest.raises(ValueError):
        store.group_ids("stories", "title", ["x"])


def test_commit_marker_changes_with_every_commit_and_only_then(backend):
    """Read caches key on it: a stale marker would serve data a commit replaced."""
    store = backend.store
    first = store.commit_marker()
    if backend.kind == "postgres":  # other processes commit too: no cheap marker, no caching
        assert first is None
        return
    assert first is not None
    world_id = add_world(store)
    second = store.commit_marker()
    assert second != first
    with pytest.raises(RuntimeError):
        with store.unit_of_work():
            add_world(store)
            assert store.commit_marker() is None  # a unit reads its own staged writes
            raise RuntimeError("roll back")
    assert store.commit_marker() == second
    with store.unit_of_work():
        store.get("worlds", world_id)  # a unit that writes nothing commits nothing
    assert store.commit_marker() == second
    store.delete("worlds", world_id)
    assert store.commit_marker() not in (first, second)
    done = threading.Event()

    def write_elsewhere():
        add_world(store)
        done.set()

    before = store.commit_marker()
    threading.Thread(target=write_elsewhere).start()
    assert done.wait(10)
    assert store.commit_marker() != before  # another thread's commit is seen at once
