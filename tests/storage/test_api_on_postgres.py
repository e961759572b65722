"""The app through HTTP (Flask's client) on the PostgreSQL backend."""
from __future__ import annotations

import threading

import pytest
from pg_schema import fresh_schema

pytestmark = pytest.mark.postgres


@pytest.fixture
def config_overrides():
    with fresh_schema() as url:
        yield {"DATABASE_URL": url, "DATABASE_POOL_SIZE": 4}


def test_the_app_runs_on_postgres(client, store):
    assert store.kind == "postgres"
    assert client.get("/api/health").json["storage"] == "postgres"


def test_register_login_and_duplicate_names(client, auth):
    alice = auth.register("alice")
    login = client.post("/api/auth/login", json={"username": "ALICE", "password": "password123"})
    assert login.status_code == 200 and login.json["user"]["user_id"] == alice["user_id"]
    again = client.post("/api/auth/register", json={
        "username": "Alice", "email": "other@example.com", "password": "password123"})
    assert again.status_code == 409


def test_worlds_and_stories_with_visibility(client, auth, make_world, make_story):
    owner, reader, stranger = auth.register(), auth.register(), auth.register()
    private = make_world(owner)
    public = make_world(owner, visibility="public")
    story = make_story(owner, private, description="A secret tale.")
    shared = client.post(f"/api/worlds/{private['world_id']}/share",
                         json={"user_ids": [reader["user_id"]]}, headers=owner["headers"])
    assert shared.status_code == 200

    def listed(user):
        response = client.get("/api/worlds", headers=user["headers"] if user else {})
        return [w["world_id"] for w in response.json], response.headers["X-Total-Count"]

    assert listed(owner) == ([public["world_id"], private["world_id"]], "2")
    assert listed(reader) == ([public["world_id"], private["world_id"]], "2")
    assert listed(stranger) == ([public["world_id"]], "1")
    assert listed(None) == ([public["world_id"]], "1")
    path = f"/api/stories/{story['story_id']}"
    assert client.get(path, headers=reader["headers"]).json["content"] == "A secret tale."
    assert client.get(path, headers=stranger["headers"]).status_code == 404
    world = client.get(f"/api/worlds/{private['world_id']}", headers=owner["headers"]).json
    assert world["stories"] == [story["story_id"]]
    deleted = client.delete(f"/api/worlds/{private['world_id']}", headers=owner["headers"])
    assert deleted.status_code in (200, 204)
    assert client.get(path, headers=owner["headers"]).status_code == 404


def test_an_inline_ai_job_does_not_hold_up_other_writers(app, client, auth, store):
    """Serverless (TASK_MODE=inline) runs the job inside the request: the task
    record must be committed first, or the request's transaction (and the
    write lock) would stay open for the whole model call."""
    ai = app.extensions["worldsmith"].ai
    ai.runner.inline = True
    user = auth.register()
    in_job, release = threading.Event(), threading.Event()
    real = ai.provider.analyze_story

    def slow_analysis(*args, **kwargs):  # the model call: it ends only when released
        in_job.set()
        release.wait(timeout=120)
        return real(*args, **kwargs)

    def post(path, body, key):
        answers[key] = app.test_client().post(path, headers=user["headers"], json=body)

    ai.provider.analyze_story = slow_analysis
    answers = {}
    job = threading.Thread(target=post, args=("/api/gpt/analyze", {
        "story_description": "Mira met Tobin in Varn.", "story_title": "T"}, "job"))
    other = threading.Thread(target=post, args=("/api/worlds", {
        "name": "Meanwhile", "world_type": "fantasy", "visibility": "private"}, "other"))
    job.start()
    try:
        assert in_job.wait(timeout=60)
        assert store.count("tasks", where={"owner_id": user["user_id"]}) == 1  # committed
        other.start()
        other.join(timeout=60)  # the job is still running: this must not wait for it
        assert not other.is_alive(), "a write waited for the inline AI job to finish"
        assert answers["other"].status_code == 201
    finally:
        release.set()
        job.join(timeout=60)
        if other.ident is not None:
            other.join(timeout=60)
    assert answers["job"].status_code == 202


def test_a_dropped_and_recreated_database_answers_503_once_then_works(client, auth, app):
    import psycopg
    user = auth.register()
    url = app.config["DATABASE_URL"]
    with psycopg.connect(url, autocommit=True) as conn:
        schema = conn.execute("SELECT current_schema()").fetchone()[0]
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{schema}"')
    ready = client.get("/api/health/ready")
    assert ready.status_code == 503
    assert client.get("/api/health/ready").status_code == 200   # the schema was set up again
    again = client.post("/api/auth/register", json={
        "username": user["username"], "email": "again@example.com", "password": "password123"})
    assert again.status_code == 201                             # an empty database, working
