"""The unit-of-work contract, on every backend: atomicity, reading your own
writes, savepoints, after-commit, and isolation under racing threads."""
from __future__ import annotations

import threading
import time

import pytest

THREADS = 16


def story(store, story_id, world_id="w", **extra):
    doc = {"story_id": story_id, "world_id": world_id, "owner_id": "u", "visibility": "private",
           "entities": [], **extra}
    store.put("stories", story_id, doc)
    return doc


def run_threads(target, count=THREADS):
    errors, barrier = [], threading.Barrier(count)

    def run(n):
        try:
            barrier.wait(timeout=30)
            target(n)
        except Exception as exc:  # reported below: a thread's failure fails the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


class Boom(Exception):
    pass


def test_a_unit_that_writes_then_raises_leaves_nothing(backend):
    store = backend.store
    story(store, "keep", title="before")
    story(store, "doomed")
    with pytest.raises(Boom):
        with store.unit_of_work():
            story(store, "new")
            story(store, "keep", title="after")
            store.delete("stories", "doomed")
            assert store.get("stories", "new") is not None
            raise Boom
    assert store.get("stories", "new") is None
    assert store.get("stories", "keep")["title"] == "before"
    assert store.get("stories", "doomed") is not None
    assert store.count("stories") == 2
    store = backend.reopen()
    assert sorted(store.find_ids("stories")) == ["doomed", "keep"]
    assert store.get("stories", "keep")["title"] == "before"


def test_reads_inside_a_unit_see_its_own_writes(backend):
    store = backend.store
    for n in range(4):
        story(store, f"s{n}", world_id="w1" if n % 2 else "w2")
    with store.unit_of_work():
        story(store, "fresh", world_id="w1")
        story(store, "s0", world_id="w1")             # moves from w2 to w1, keeps its place
        store.delete("stories", "s3")
        assert store.get("stories", "s3") is None
        assert store.get("stories", "fresh")["world_id"] == "w1"
        assert store.find_ids("stories", where={"world_id": "w1"}) == ["fresh", "s1", "s0"]
        assert [d["story_id"] for d in store.find("stories", where={"world_id": "w1"},
                                                  newest_first=False)] == ["s0", "s1", "fresh"]
        assert [d["story_id"] for d in store.find("stories", offset=1, limit=2)] == ["s2", "s1"]
        assert store.count("stories") == 4
        assert store.count("stories", where={"world_id": "w1"}) == 3
        assert store.count("stories", where={"world_id": "w2"}) == 1
        assert store.group_ids("stories", "world_id", ["w1", "w2"]) == {
            "w1": ["fresh", "s1", "s0"], "w2": ["s2"]}
        assert store.find_ids("stories", any_of=[{"world_id": "w2"}, {"owner_id": "nobody"}]) == ["s2"]
        store.put("worlds", "x", {"world_id": "x", "owner_id": "u", "visibility": "public",
                                  "shared_with": ["reader"]})
        assert store.find_ids("worlds", where={"shared_with": "reader"}) == ["x"]
        assert store.count("worlds", any_of=[{"shared_with": "reader"}, {"owner_id": "u"}]) == 1
    assert store.find_ids("stories", where={"world_id": "w1"}) == ["fresh", "s1", "s0"]


def test_a_failed_nested_unit_undoes_only_itself(backend):
    store = backend.store
    ran = []
    with store.unit_of_work():
        story(store, "outer")
        try:
            with store.unit_of_work():
                story(store, "inner")
                store.after_commit(lambda: ran.append("inner"))
                raise Boom
        except Boom:
            pass
        store.after_commit(lambda: ran.append("outer"))
        assert store.get("stories", "inner") is None
    assert store.get("stories", "outer") is not None
    assert store.get("stories", "inner") is None
    assert ran == ["outer"]


def test_after_commit_runs_once_after_the_commit_and_never_on_rollback(backend):
    store = backend.store
    seen_by_others = []

    def from_another_thread():
        result = []
        reader = threading.Thread(target=lambda: result.append(store.get("stories", "s")))
        reader.start()
        reader.join()
        seen_by_others.append(result[0] is not None)

    with store.unit_of_work():
        story(store, "s")
        store.after_commit(from_another_thread)
        from_another_thread()  # not yet committed: invisible to others
    assert seen_by_others == [False, True]

    calls = []
    with pytest.raises(Boom):
        with store.unit_of_work():
            story(store, "t")
            store.after_commit(lambda: calls.append("rolled back"))
            raise Boom
    assert calls == []


def test_outside_unit_reads_committed_data_and_refuses_writes(backend):
    store = backend.store
    story(store, "s", title="committed")
    with store.unit_of_work():
        story(store, "s", title="staged")
        with store.outside_unit():
            committed = store.get("stories", "s")
            with pytest.raises(RuntimeError):
                store.put("stories", "other", {"story_id": "other"})
        assert store.get("stories", "s")["title"] == "staged"
    assert committed["title"] == "committed"
    assert store.get("stories", "other") is None


def test_readers_outside_units_never_wait_for_a_writer(backend):
    store = backend.store
    story(store, "s", title="old")
    inside, release, read = threading.Event(), threading.Event(), []

    def writer():
        with store.unit_of_work():
            story(store, "s", title="new")
            inside.set()
            release.wait(timeout=30)

    thread = threading.Thread(target=writer)
    thread.start()
    assert inside.wait(timeout=30)
    try:
        read.append(store.get("stories", "s")["title"])  # answers while the writer holds the lock
    finally:
        release.set()
        thread.join(timeout=30)
    assert read == ["old"]
    assert store.get("stories", "s")["title"] == "new"


def test_racing_read_modify_write_units_lose_no_link(backend):
    """16 threads each append 10 ids to the same story's list: all 160 stay."""
    store = backend.store
    story(store, "s")

    def link(n):
        for k in range(10):
            with store.unit_of_work():
                doc = store.get("stories", "s")
                time.sleep(0.0005)  # widen the window between read and write
                doc["entities"] = doc["entities"] + [f"e{n}-{k}"]
                store.put("stories", "s", doc)

    run_threads(link)
    assert len(store.get("stories", "s")["entities"]) == THREADS * 10


def test_racing_shares_and_field_updates_lose_nothing(backend):
    store = backend.store
    store.put("worlds", "w", {"world_id": "w", "owner_id": "u", "visibility": "private",
                              "shared_with": [], "metadata": {}})

    def change(n):
        with store.unit_of_work():
            doc = store.get("worlds", "w")
            doc["shared_with"].append(f"reader{n}")
            doc["metadata"][f"field{n}"] = n
            store.put("worlds", "w", doc)

    run_threads(change)
    doc = store.get("worlds", "w")
    assert sorted(doc["shared_with"]) == sorted(f"reader{n}" for n in range(THREADS))
    assert doc["metadata"] == {f"field{n}": n for n in range(THREADS)}
    assert store.count("worlds", where={"shared_with": "reader7"}) == 1


def test_delete_racing_create_leaves_no_orphans(backend):
    """A unit that adds a story only to a world that exists, racing one that
    deletes the world and its stories: never a story without its world."""
    store = backend.store
    for trial in range(5):
        world_id = f"w{trial}"
        store.put("worlds", world_id, {"world_id": world_id, "owner_id": "u",
                                       "visibility": "private", "shared_with": []})

        def act(n):
            with store.unit_of_work():
                if n == THREADS // 2:
                    for story_id in store.find_ids("stories", where={"world_id": world_id}):
                        store.delete("stories", story_id)
                    store.delete("worlds", world_id)
                elif store.get("worlds", world_id) is not None:
                    time.sleep(0.001)
                    story(store, f"{world_id}-s{n}", world_id=world_id)

        run_threads(act)
        assert store.get("worlds", world_id) is None
        assert store.find_ids("stories", where={"world_id": world_id}) == []


def test_lone_writes_outside_units_are_each_committed(backend):
    store = backend.store
    story(store, "lone")
    assert not store.in_unit()
    store = backend.reopen()
    assert store.get("stories", "lone") is not None
