"""Mentions benchmark: the ``[[Name]]`` parser on ordinary and pathological text, and
what the mention index adds to saving a story.

    .venv/bin/python bench/mentions_bench.py

a) Parse time for each input at 20k and 200k characters, and the ratio: a linear
   parser's time grows ~10x (a quadratic one ~100x).
b) In-process on a TinyDB file: a world of 500 entries; p50/p95 of
   ``StoryService.update`` of a 5,000-word story with no mentions and with 200
   mentions (each save rebuilds its records), and of a rename that rewrites the
   mentions of one entry in 50 stories (each a new version).
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "api"))

from core.mentions import parse  # noqa: E402

INPUTS = {
    "prose with mentions": lambda n: ("Then [[Mara Vell|she]] met [[Trần Hưng Đạo]] at the port. " * n)[:n],
    "[[[[[": lambda n: "[" * n,
    "[[ then a long run": lambda n: ("[[" + "a" * 300) * (n // 302),
    "[[ ... ]] nested": lambda n: "[[" * (n // 4) + "]]" * (n // 4),
    "[[a| repeated": lambda n: "[[a|" * (n // 4),
    "backslashes": lambda n: "\\" * (n - 5) + "[[a]]",
}


def timed(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def parser() -> None:
    print("a) parse, best of 5")
    print(f"{'input':<24}{'20k ms':>10}{'200k ms':>10}{'ratio':>8}")
    for label, make in INPUTS.items():
        small, large = make(20_000), make(200_000)
        t_small, t_large = timed(lambda: parse(small)), timed(lambda: parse(large))
        print(f"{label:<24}{t_small * 1000:>10.2f}{t_large * 1000:>10.2f}{t_large / max(t_small, 1e-9):>8.1f}")


def percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return f"p50 {statistics.median(samples) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms"


def saves() -> None:
    from core.models import REGISTRY, Entity, User
    from services.cast_service import ENTITY, CastService
    from services.story_service import StoryService
    from services.world_service import WorldService
    from storage.tinydb_store import TinyDBStore

    with tempfile.TemporaryDirectory() as folder:
        store = TinyDBStore(os.path.join(folder, "bench.json"), REGISTRY)
        user = User(username="bench", email="bench@example.com", password_hash="x")
        store.put(User.collection, user.user_id, user.to_dict())
        world = WorldService(store).create(user, {"name": "Bench", "world_type": "fantasy", "visibility": "private"})
        entries = [Entity(world_id=world.world_id, name=f"Person {i}") for i in range(500)]
        store.put_many(Entity.collection, ((e.id, e.to_dict()) for e in entries))
        stories = StoryService(store)
        words = "lorem ipsum dolor sit amet " * 1000
        mentioned = " ".join(f"[[Person {i % 500}]] {'word ' * 20}" for i in range(200))
        print("\nb) saves (500 entries in the world)")
        for label, text in (("no mentions", words), ("200 mentions", mentioned)):
            story, _ = stories.create(user, world, {"title": label, "genre": "adventure", "visibility": "private",
                                                    "time_index": 50, "content": text})
            samples = []
            for n in range(30):
                start = time.perf_counter()
                stories.update(user, story, {"content": f"{text} {n}"})
                samples.append(time.perf_counter() - start)
            print(f"  update, {label:<14}{percentiles(samples)}")
        for n in range(50):
            stories.create(user, world, {"title": f"Tale {n}", "genre": "adventure", "visibility": "private",
                                         "time_index": 50, "content": f"[[Person 7]] and [[Person 7|him]] {n}"})
        start = time.perf_counter()
        CastService(store).update(ENTITY, world, entries[7].id, {"name": "Person Seven"}, user)
        print(f"  rename rewriting 50+ stories: {(time.perf_counter() - start) * 1000:.1f} ms")
        store.close()


if __name__ == "__main__":
    parser()
    saves()
