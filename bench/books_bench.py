"""A long book: GET /books/{id} and a chapter reorder with N chapters of W words each.

Chapters are written through the story service (so their word counts are kept
on them), then the book is read and reordered over HTTP (test client) several
times; prints the median of each. On PostgreSQL with ``--database-url``.

    .venv/bin/python bench/books_bench.py --chapters 1000 --words 3000
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [os.path.join(ROOT, "api")]

from config import Config  # noqa: E402
from interfaces.app_factory import create_app  # noqa: E402
from services.access import load_world  # noqa: E402

PARAGRAPH = "Anh ấy đi dọc bờ sông Hồng, nơi gió thổi qua những mái nhà cũ kỹ của phố. "   # 18 words


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(chapters: int, words: int, runs: int, database_url: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Config(
            JWT_SECRET_KEY="bench-secret-key-long-enough-for-hs256", DB_PATH=os.path.join(folder, "db.json"),
            DATABASE_URL=database_url, ARGON2_TIME_COST=1, ARGON2_MEMORY_COST=8 * 1024, RATELIMIT_ENABLED=False,
            FRONTEND_DIST=None, OPENAI_API_KEY=None, OPENAI_BASE_URL=None))
        services, client = app.extensions["worldsmith"], app.test_client()
        registered = client.post("/api/auth/register", json={
            "username": f"bench{int(time.time())}", "email": f"b{int(time.time())}@example.com",
            "password": "password123"}).json
        headers = {"Authorization": f"Bearer {registered['token']}"}
        user = services.auth.get_user(registered["user"]["user_id"])
        world = client.post("/api/worlds", headers=headers, json={"name": "Bench"}).json
        book = client.post(f"/api/worlds/{world['world_id']}/books", headers=headers, json={"title": "Long"}).json
        text = PARAGRAPH * max(1, words // 18)
        started = time.perf_counter()
        world_model = load_world(services.store, world["world_id"])
        with services.store.unit_of_work():
            book_model = services.books.visible(user, book["book_id"])[0]
            created = []
            for n in range(chapters):
                story, _ = services.stories.create(user, world_model, {
                    "title": f"Chapter {n + 1}", "content": text, "genre": "drama", "visibility": "private",
                    "time_index": 50})
                created.append(story)
            for story in created:
                story.book_id = book_model.book_id
                services.store.put("stories", story.story_id, story.to_dict())
            services.books.update(user, book_model, {"chapter_ids": [s.story_id for s in created]})
        print(f"wrote {chapters} chapters of ~{words} words ({len(text)} chars each) "
              f"in {time.perf_counter() - started:.1f} s")
        url = f"/api/books/{book['book_id']}"
        answer = client.get(url, headers=headers).json
        assert answer["chapter_count"] == chapters, answer.get("error")
        print(f"book word_count {answer['word_count']}")
        print(f"GET /books/{{id}}: median {median_ms(lambda: client.get(url, headers=headers), runs):.0f} ms")
        ids = answer["chapter_ids"]

        def reorder():
            ids.reverse()
            response = client.put(f"{url}/chapters", headers=headers, json={"chapter_ids": ids})
            assert response.status_code == 200, response.json

        print(f"PUT /books/{{id}}/chapters: median {median_ms(reorder, runs):.0f} ms")
        listed = f"/api/worlds/{world['world_id']}/books"
        print(f"GET /worlds/{{id}}/books: median {median_ms(lambda: client.get(listed, headers=headers), runs):.0f} ms")
        services.store.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=1000)
    parser.add_argument("--words", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    run(args.chapters, args.words, args.runs, args.database_url)
