"""The read cache of list pages (interfaces/read_cache.py): a page is served
again only to the same caller, for the same query, until the next commit.

Every way it could go wrong has a test: a write, a share or unshare, a change
of visibility, a delete, a role change, another user, anonymous and logged-in
callers, another query, an answer built while a commit landed, a caller whose
account changed while the page was built. They run on both stores (PostgreSQL
has no commit marker, so nothing is cached there and they hold trivially); the
ones that show the cache is used at all run on TinyDB.
"""
from __future__ import annotations

import pytest
from flask import Blueprint, Flask, jsonify

from interfaces.read_cache import ReadCache


@pytest.fixture
def config_overrides(on_both_stores):
    return on_both_stores


def page(client, user=None, query="page=1&per_page=50"):
    headers = user["headers"] if user else {}
    response = client.get(f"/api/worlds?{query}", headers=headers)
    assert response.status_code == 200, response.json
    return response


def names(client, user=None, query="page=1&per_page=50") -> list[str]:
    return [w["name"] for w in page(client, user, query).json]


def by_id(client, user=None) -> dict[str, dict]:
    return {w["world_id"]: w for w in page(client, user).json}


@pytest.fixture
def list_calls(app, monkeypatch):
    """How many times the world list was computed (not served from the cache)."""
    worlds = app.extensions["worldsmith"].worlds
    calls = []
    original = worlds.list

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(worlds, "list", counted)
    return calls


def test_a_repeated_page_is_served_from_the_cache_with_the_same_headers(app, client, auth, make_world,
                                                                          list_calls):
    """On TinyDB the second page is a hit; PostgreSQL has no commit marker, so it
    builds every page (and answers the same)."""
    builds_per_page = 0 if app.extensions["worldsmith"].store.kind == "tinydb" else 1
    user = auth.register()
    for _ in range(3):
        make_world(user)
    first = page(client, user, "page=1&per_page=2")
    second = page(client, user, "page=1&per_page=2")
    assert len(list_calls) == 1 + builds_per_page
    assert second.data == first.data
    for header in ("X-Total-Count", "Link", "Content-Type", "Content-Length",
                   "X-Content-Type-Options", "Cache-Control", "Content-Security-Policy"):
        assert second.headers[header] == first.headers[header], header
    assert first.headers["X-Total-Count"] == "3" and 'rel="next"' in first.headers["Link"]
    cors = client.get("/api/worlds?page=1&per_page=2", headers={
        **user["headers"], "Origin": "http://localhost:5173"})
    assert cors.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"  # after-request hooks run on hits
    assert len(list_calls) == 1 + 2 * builds_per_page


def test_every_write_shows_in_the_next_page(client, auth, make_world, make_story):
    user = auth.register()
    world = make_world(user, name="Before")
    assert names(client, user) == ["Before"]
    client.patch(f"/api/worlds/{world['world_id']}", json={"name": "After"}, headers=user["headers"])
    assert names(client, user) == ["After"]
    story = make_story(user, world)
    assert by_id(client, user)[world["world_id"]]["stories"] == [story["story_id"]]
    second = make_world(user, name="Second")
    assert names(client, user) == ["Second", "After"]
    assert client.delete(f"/api/worlds/{second['world_id']}", headers=user["headers"]).status_code == 200
    assert names(client, user) == ["After"]


def test_sharing_and_unsharing_show_at_once(client, auth, make_world):
    owner, reader = auth.register(), auth.register()
    world = make_world(owner, name="Secret")
    assert names(client, reader) == []
    client.post(f"/api/worlds/{world['world_id']}/share", json={"user_ids": [reader["user_id"]]},
                headers=owner["headers"])
    assert names(client, reader) == ["Secret"]
    assert by_id(client, owner)[world["world_id"]]["shared_with"] == [reader["user_id"]]
    client.post(f"/api/worlds/{world['world_id']}/unshare", json={"user_ids": [reader["user_id"]]},
                headers=owner["headers"])
    assert names(client, reader) == []


def test_no_caller_is_served_a_page_built_for_another(client, auth, make_world, make_story):
    owner, other, reader = auth.register(), auth.register(), auth.register()
    public = make_world(owner, name="Open", visibility="public")
    make_world(owner, name="Mine")
    client.post(f"/api/worlds/{public['world_id']}/share", json={"user_ids": [reader["user_id"]]},
                headers=owner["headers"])
    make_story(owner, public, visibility="private")
    mine = page(client, owner)  # cached first, then the same query by everyone else
    assert [w["name"] for w in mine.json] == ["Mine", "Open"]
    for caller in (other, None, reader):
        seen = by_id(client, caller)
        assert [w["name"] for w in seen.values()] == (["Open"])
        open_world = seen[public["world_id"]]
        if caller is reader:  # a reader sees the sharing list and every story
            assert open_world["shared_with"] == [reader["user_id"]] and len(open_world["stories"]) == 1
        else:  # others see neither the list nor the private story
            assert open_world["shared_with"] == [] and open_world["stories"] == []
    assert page(client, owner).data == mine.data


def test_anonymous_and_logged_in_callers_alternate(client, auth, make_world):
    user = auth.register()
    make_world(user, name="Public", visibility="public")
    make_world(user, name="Private")
    for _ in range(2):
        assert names(client) == ["Public"]
        assert names(client, user) == ["Private", "Public"]


def test_visibility_changes_and_deletes_show_at_once(client, auth, make_world):
    user = auth.register()
    world = make_world(user, name="Shown", visibility="public")
    assert names(client) == ["Shown"]
    client.patch(f"/api/worlds/{world['world_id']}", json={"visibility": "private"}, headers=user["headers"])
    assert names(client) == []
    client.patch(f"/api/worlds/{world['world_id']}", json={"visibility": "public"}, headers=user["headers"])
    assert names(client) == ["Shown"]
    client.delete(f"/api/worlds/{world['world_id']}", headers=user["headers"])
    assert names(client) == [] and names(client, user) == []


def test_a_role_change_shows_at_once(client, auth, make_world):
    owner, user = auth.register(), auth.register()
    make_world(owner, name="Private")
    assert names(client, user) == []
    auth.set_role(user["user_id"], "admin")  # admins see every world
    assert names(client, user) == ["Private"]
    auth.set_role(user["user_id"], "user")
    assert names(client, user) == []


def test_each_query_string_is_its_own_page(client, auth, make_world):
    user = auth.register()
    for name in ("A", "B", "C"):
        make_world(user, name=name, world_type="sci-fi" if name == "B" else "fantasy")
    assert names(client, user, "page=1&per_page=1") == ["C"]
    assert names(client, user, "page=2&per_page=1") == ["B"]
    assert names(client, user, "per_page=1&page=1") == ["C"]
    assert names(client, user, "world_type=sci-fi") == ["B"]
    assert names(client, user, "q=a") == ["A"]
    assert client.get("/api/worlds?page=1&per_page=1&bogus=1", headers=user["headers"]).status_code == 400
    assert client.get("/api/worlds?page=0", headers=user["headers"]).status_code == 400
    assert client.get("/api/worlds", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_a_page_built_while_a_commit_landed_is_not_kept(app, client, auth, make_world, monkeypatch):
    user = auth.register()
    make_world(user, name="First")
    services = app.extensions["worldsmith"]
    original = services.worlds.list
    sneaked = []

    def list_then_commit(*args, **kwargs):
        found = original(*args, **kwargs)  # read before the commit below...
        if not sneaked and args[0] is not None:  # the owner's request
            sneaked.append(True)
            with services.store.unit_of_work():  # ...which lands before the answer is sent
                doc = services.store.get("worlds", found.items[0].world_id)
                services.store.put("worlds", doc["world_id"], {**doc, "name": "Renamed"})
        return found

    monkeypatch.setattr(services.worlds, "list", list_then_commit)
    reads = app.blueprints["worlds"].read_cache
    assert names(client, None) == []  # kept, as of the data before the commit
    kept = len(reads)
    assert names(client, user) == ["First"]  # built across the commit: it may mix two states
    assert len(reads) == kept  # so it is not kept, even for callers who started before the commit
    assert names(client, user) == ["Renamed"]


def test_a_caller_whose_account_changed_while_the_page_was_built_gets_a_fresh_one(
        app, client, auth, make_world, monkeypatch):
    """The marker is read before the account is loaded: a page built for an admin who
    was demoted in between is never served to the demoted account."""
    owner, user = auth.register(), auth.register(role="admin")
    make_world(owner, name="Private")
    services = app.extensions["worldsmith"]
    original = services.auth.user_from_token
    demoted = []

    def load_then_demote(token):
        loaded = original(token)  # still an admin...
        if not demoted:
            demoted.append(True)
            auth.set_role(user["user_id"], "user")  # ...demoted before the page is built
        return loaded

    monkeypatch.setattr(services.auth, "user_from_token", load_then_demote)
    assert names(client, user) == ["Private"]  # built for the admin the request was made as
    assert names(client, user) == []


# -- ReadCache itself, over a fake store --------------------------------------

class MarkedStore:
    kind = "fake"

    def __init__(self):
        self.marker = 1

    def commit_marker(self):
        return self.marker


def tiny_app(store, calls, **limits):
    app = Flask(__name__)
    bp = Blueprint("t", __name__)
    reads = ReadCache(bp, store, **limits)

    @bp.get("/t/<name>")
    @reads.cached
    def answer(name):
        calls.append(name)
        status = 404 if name == "missing" else 200
        return jsonify(name=name, size="x" * (100 if name == "big" else 1)), status

    app.register_blueprint(bp)
    return app, reads


def test_a_commit_empties_the_cache_and_errors_are_never_kept():
    store, calls = MarkedStore(), []
    app, reads = tiny_app(store, calls)
    client = app.test_client()
    for _ in range(2):
        client.get("/t/a")
        client.get("/t/missing")
    assert calls == ["a", "missing", "missing"] and len(reads) == 1
    store.marker = 2
    client.get("/t/a")
    assert calls[-1] == "a" and len(calls) == 4 and len(reads) == 1
    store.marker = None  # a backend without a marker: never cached
    client.get("/t/a")
    client.get("/t/a")
    assert len(calls) == 6


def test_entries_are_bounded_in_number_and_bytes_oldest_first():
    store, calls = MarkedStore(), []
    app, reads = tiny_app(store, calls, max_entries=2, max_bytes=400)
    client = app.test_client()
    for name in ("a", "b", "c"):
        client.get(f"/t/{name}")
    assert len(reads) == 2
    client.get("/t/c")
    client.get("/t/b")
    assert calls == ["a", "b", "c"]  # b and c kept
    client.get("/t/a")
    assert calls[-1] == "a"  # a was dropped first
    client.get("/t/big")
    client.get("/t/big")
    assert calls.count("big") == 1 and len(reads) <= 2


def test_racing_writers_always_see_their_own_writes_in_the_next_page(app, auth):
    """Each writer lists right after each of its writes, while others write and an
    anonymous reader keeps the cache busy: no page predates the writer's last commit."""
    import threading

    writers = [auth.register() for _ in range(3)]
    failures, stop = [], threading.Event()

    def write_then_read(user):
        client = app.test_client()
        made = []
        for n in range(8):
            response = client.post("/api/worlds", headers=user["headers"], json={
                "name": f"{user['username']} {n}", "world_type": "fantasy",
                "visibility": "public" if n % 2 else "private"})
            made.insert(0, response.json["world_id"])
            seen = [w["world_id"] for w in client.get("/api/worlds?mine=true&per_page=50",
                                                       headers=user["headers"]).json]
            if seen != made:
                failures.append((user["username"], n, seen, made))

    def read_anonymously():
        client = app.test_client()
        while not stop.is_set():
            client.get("/api/worlds?per_page=50")

    reader = threading.Thread(target=read_anonymously)
    reader.start()
    threads = [threading.Thread(target=write_then_read, args=(user,)) for user in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    stop.set()
    reader.join(timeout=30)
    assert failures == []
    assert len(app.test_client().get("/api/worlds?per_page=50").json) == 12  # the public ones
