"""Every mutating request is one unit of work, on both backends: a failed
request leaves nothing, and racing requests lose no acknowledged change
(regressions for the red-team findings of lost links, shares, fields, reverted
unshares, orphan stories, and bans undone by a password change)."""
from __future__ import annotations

import threading

import pytest
from flask import jsonify

from interfaces.resource import resource_blueprint

THREADS = 16


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


def race(app, calls):
    """Run each ``(method, path, headers, body)`` from its own thread at once;
    the answers, in order."""
    answers = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def send(n, method, path, headers, body):
        client = app.test_client()
        barrier.wait(timeout=30)
        answers[n] = client.open(path, method=method, headers=headers, json=body)

    threads = [threading.Thread(target=send, args=(n, *call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def test_a_request_that_fails_half_way_leaves_none_of_its_writes(app, client, store):
    bp = resource_blueprint("crash_test", __name__, store, url_prefix="/test")

    @bp.post("/crash")
    def crash():
        store.put("users", "half", {"user_id": "half", "username_key": "half"})
        raise RuntimeError("crash after the first write")

    @bp.post("/refuse")
    def refuse():
        store.put("users", "half", {"user_id": "half", "username_key": "half"})
        return jsonify(error="no"), 409

    @bp.post("/ok")
    def ok():
        store.put("users", "whole", {"user_id": "whole", "username_key": "whole"})
        return jsonify(saved=True), 201

    app.register_blueprint(bp)
    app.testing = False  # answer the crash with a 500 instead of raising in the test
    assert client.post("/test/crash").status_code == 500
    assert client.post("/test/refuse").status_code == 409
    assert store.get("users", "half") is None
    assert client.post("/test/ok").status_code == 201
    assert store.get("users", "whole") is not None


def test_racing_link_requests_lose_no_link(app, auth, make_world, make_story, store):
    owner = auth.register()
    world = make_world(owner)
    story = make_story(owner, world)
    path = f"/api/stories/{story['story_id']}/link-entities"
    answers = race(app, [("POST", path, owner["headers"], {"characters": [f"Hero{n}"]})
                         for n in range(THREADS)])
    assert [a.status_code for a in answers] == [200] * THREADS
    linked = store.get("stories", story["story_id"])["entities"]
    assert len(linked) == THREADS
    assert store.count("entities", where={"world_id": world["world_id"]}) == THREADS


def test_racing_shares_lose_no_reader(app, auth, make_world, store):
    owner = auth.register()
    readers = [auth.register() for _ in range(THREADS)]
    world = make_world(owner)
    path = f"/api/worlds/{world['world_id']}/share"
    answers = race(app, [("POST", path, owner["headers"], {"user_ids": [r["user_id"]]})
                         for r in readers])
    assert [a.status_code for a in answers] == [200] * THREADS
    assert sorted(store.get("worlds", world["world_id"])["shared_with"]) == sorted(
        r["user_id"] for r in readers)


def test_racing_patches_of_different_fields_keep_every_field(app, auth, make_world, make_story, store):
    owner = auth.register()
    story = make_story(owner, make_world(owner))
    path = f"/api/stories/{story['story_id']}"
    for round_ in range(3):
        changes = [{"title": f"Title {round_}"}, {"description": f"About {round_}"},
                   {"content": f"Text {round_}"}, {"genre": f"genre{round_}"},
                   {"time_index": 10 + round_}]
        answers = race(app, [("PATCH", path, owner["headers"], c) for c in changes])
        assert [a.status_code for a in answers] == [200] * len(changes)
        stored = store.get("stories", story["story_id"])
        for change in changes:
            (field, value), = change.items()
            assert stored[field] == value, (round_, field)


def test_an_unshare_racing_a_patch_is_never_reverted(app, client, auth, make_world, store):
    owner, reader = auth.register(), auth.register()
    for trial in range(8):
        world = make_world(owner)
        base = f"/api/worlds/{world['world_id']}"
        client.post(f"{base}/share", json={"user_ids": [reader["user_id"]]}, headers=owner["headers"])
        answers = race(app, [("POST", f"{base}/unshare", owner["headers"], {"user_ids": [reader["user_id"]]}),
                             ("PATCH", base, owner["headers"], {"name": f"Renamed {trial}"})])
        assert [a.status_code for a in answers] == [200, 200]
        stored = store.get("worlds", world["world_id"])
        assert stored["shared_with"] == [] and stored["name"] == f"Renamed {trial}"
        assert client.get(base, headers=reader["headers"]).status_code == 404


def test_deleting_a_world_racing_story_creation_leaves_no_orphans(app, client, auth, make_world, store):
    owner = auth.register()
    for _ in range(3):
        world = make_world(owner, visibility="public")
        calls = [("POST", "/api/stories", owner["headers"],
                  {"world_id": world["world_id"], "title": f"Tale {n}", "visibility": "public"})
                 for n in range(8)]
        calls.insert(4, ("DELETE", f"/api/worlds/{world['world_id']}", owner["headers"], None))
        answers = race(app, calls)
        assert {a.status_code for a in answers} <= {200, 201, 404}
        assert store.get("worlds", world["world_id"]) is None
        assert store.find_ids("stories", where={"world_id": world["world_id"]}) == []
        assert store.find_ids("time_cones", where={"world_id": world["world_id"]}) == []
    assert client.get("/api/stats", headers=owner["headers"]).status_code == 200
    assert store.count("stories", where={"owner_id": owner["user_id"], "visibility": "public"}) == 0


def _loop_change_password(app, user, stop):
    client, password = app.test_client(), "password123"
    headers = dict(user["headers"])
    while not stop.is_set():
        new = "pw-" + password[-6:] + "x" if len(password) < 30 else "password123"
        answer = client.post("/api/auth/change-password", headers=headers,
                             json={"old_password": password, "new_password": new})
        if answer.status_code != 200:
            return
        password, headers = new, {"Authorization": f"Bearer {answer.json['token']}"}


@pytest.mark.parametrize("action", ["ban", "demote"])
def test_a_password_change_loop_never_undoes_a_ban_or_a_demotion(app, client, auth, store, action):
    admin = auth.register(role="admin")
    for trial in range(4):
        victim = auth.register(role="moderator")
        stop = threading.Event()
        looper = threading.Thread(target=_loop_change_password, args=(app, victim, stop))
        looper.start()
        try:
            if action == "ban":
                answer = client.post(f"/api/admin/users/{victim['user_id']}/ban",
                                     json={"banned": True, "reason": "spam"}, headers=admin["headers"])
            else:
                answer = client.put(f"/api/admin/users/{victim['user_id']}/role",
                                    json={"role": "user"}, headers=admin["headers"])
            assert answer.status_code == 200, answer.json
        finally:
            stop.set()
            looper.join(timeout=60)
        stored = store.get("users", victim["user_id"])
        if action == "ban":
            assert stored["banned"] is True, trial
            login = client.post("/api/auth/login", json={"username": victim["username"],
                                                          "password": "password123"})
            assert login.status_code in (401, 403)
        else:
            assert stored["role"] == "user", trial
