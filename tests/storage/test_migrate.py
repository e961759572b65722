"""``python api/main.py migrate``: TinyDB -> PostgreSQL -> TinyDB loses nothing."""
from __future__ import annotations

import io
import os
import subprocess
import sys

import orjson
import pytest

import image_files
from core.models import REGISTRY
from pg_schema import fresh_schema

pytestmark = pytest.mark.postgres
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAIN = os.path.join(ROOT, "api", "main.py")


def migrate(source: str, target: str):
    done = subprocess.run([sys.executable, MAIN, "migrate", "--from", source, "--to", target,
                           "--batch", "7"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    return done.returncode, done.stdout + done.stderr


def test_round_trip_through_postgres(tmp_path, db_path, client, auth, store):
    """Seed a TinyDB file through the API, move it to PostgreSQL and back."""
    user = auth.register()
    for n in range(12):
        world = client.post("/api/worlds", headers=user["headers"], json={
            "name": f"World {n}", "world_type": "fantasy", "visibility": "private",
            "starter_cast": n % 4 == 0}).json
        client.post("/api/stories", headers=user["headers"], json={
            "world_id": world["world_id"], "title": f"Story {n}", "description": "Ærø 🐉"})
    mine = client.get("/api/worlds?per_page=200", headers=user["headers"]).json
    listed = [w["world_id"] for w in mine]
    assert len(listed) == 12
    picture = client.post(f"/api/worlds/{listed[0]}/images", headers=user["headers"],
                          content_type="multipart/form-data",
                          data={"file": (io.BytesIO(image_files.png(90, 60)), "map.png")}).json
    blobs = {key: store.get_blob(key) for key in store.blob_keys()}
    assert sorted(blobs) == sorted([picture["image_id"], picture["image_id"] + ".thumb"])
    store.close()  # release the file, as a stopped server would
    original = db_path
    with fresh_schema() as url:
        code, output = migrate(original, url)
        assert code == 0, output
        assert "copied and verified" in output and "worlds" in output
        from storage.postgres_store import PostgresStore
        moved = PostgresStore(url, REGISTRY, pool_size=1)
        try:
            assert moved.find_ids("worlds") == listed
            assert moved.count("entities") == store.count("entities") > 0
            assert {key: moved.get_blob(key) for key in moved.blob_keys()} == blobs
        finally:
            moved.close()

        code, output = migrate(original, url)  # never into a database that holds data
        assert code == 1 and "already holds documents" in output

        back = str(tmp_path / "back.json")
        code, output = migrate(url, back)
        assert code == 0, output
    with open(original, "rb") as first, open(back, "rb") as second:
        before, after = orjson.loads(first.read()), orjson.loads(second.read())
    after.pop("_worldsmith"), before.pop("_worldsmith")  # the journal positions differ
    assert {c: docs for c, docs in after.items() if docs} == {c: docs for c, docs in before.items() if docs}
    for key, data in blobs.items():   # the images' bytes came back, file for file
        with open(os.path.join(back + ".blobs", key), "rb") as file:
            assert file.read() == data
    for collection, docs in before.items():
        assert list(after.get(collection, {})) == list(docs)  # creation order kept


def test_server_flags_still_work_without_a_subcommand():
    done = subprocess.run([sys.executable, MAIN, "--help"], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0
    assert "--db-path" in done.stdout and "--port" in done.stdout
