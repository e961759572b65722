"""``python api/main.py seed-demo``: demo worlds in English and Vietnamese, idempotent."""
from __future__ import annotations

import pytest

from interfaces.seed_demo import seed
from main import main


def counts(store) -> dict:
    return {c: store.count(c) for c in ("users", "worlds", "stories", "entities", "locations", "relations")}


def test_seed_makes_an_english_and_a_vietnamese_world_once(app, client, auth, store):
    services = app.extensions["worldsmith"]
    owner = auth.register("seeder")
    made = seed(services, services.auth.get_user(owner["user_id"]))
    assert [(language, created) for language, _, created in made] == [("en", True), ("vi", True)]
    before = counts(store)
    again = seed(services, services.auth.get_user(owner["user_id"]))
    assert [created for _, _, created in again] == [False, False]
    assert [w for _, w, _ in again] == [w for _, w, _ in made]
    assert counts(store) == before
    vi = client.get(f"/api/worlds/{made[1][1]}").json   # public: anyone may look
    assert vi["name"] == "Xứ Sương Mù" and vi["language"] == "vi"
    stories = client.get(f"/api/worlds/{made[1][1]}/stories").json
    assert {s["title"] for s in stories} == {"Sương sớm", "Qua đèo"}
    characters = client.get(f"/api/worlds/{made[0][1]}/characters").json
    assert {c["name"] for c in characters} == {"Mara Quill", "Tomas Reed"}
    assert store.count("mentions", where={"world_id": made[1][1]}) >= 5   # the chapters' [[links]]
    assert store.count("relations") == 2


def test_the_command(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("JWT_SECRET_KEY", "test-secret-key-that-is-long-enough-for-hs256")
    monkeypatch.setenv("WORLDSMITH_DEMO_PASSWORD", "demo-password-1")
    monkeypatch.setenv("ARGON2_TIME_COST", "1")
    monkeypatch.setenv("ARGON2_MEMORY_COST", "8192")
    path = str(tmp_path / "demo.json")
    assert main(["seed-demo", "--db-path", path]) == 0
    first = capsys.readouterr().out
    assert "en: world" in first and "created" in first and "password" not in first
    assert main(["seed-demo", "--db-path", path]) == 0
    assert first.replace("created", "already there") == capsys.readouterr().out
    with pytest.raises(SystemExit, match="no account named"):
        main(["seed-demo", "--db-path", path, "--owner", "nobody"])
