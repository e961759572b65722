"""Context builder benchmark: build time for a world of 500 entries and a 5,000-word chapter.

    .venv/bin/python scripts/bench_context.py [--runs 40] [--budget 2000]

In-process on a TinyDB file: 500 entries (characters, places, lore; English and
Vietnamese names, aliases, custom fields, descriptions), 600 relations, 300
dated events in 30 stories. The chapter (5,000 words) names 40 of the entries,
links 10 with ``[[Name]]`` and mentions one name of no entry. Prints p50/p95 of
``ContextBuilder.build`` with the estimate, then with a llama.cpp-style
``/tokenize`` server on localhost (tests/ai/fake_openai.py: the first build asks
the server for every line, later ones reuse its counts), and what went in.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "api"))
sys.path.insert(0, os.path.join(ROOT, "tests", "ai"))

ENTRIES, RELATIONS, STORIES, EVENTS_PER_STORY, WORDS = 500, 600, 30, 10, 5_000
EN_FIRST = "Mara Orin Seren Ilse Daven Tomas Kell Ryn Vessa Brann Lio Anwen Corin Edda Fenn Galen".split()
EN_LAST = "Vell Dask Hale Quill Voss Reed Marrow Stone Ashby Thorne Wren Lark Grey Holt Frost Penn".split()
VI_NAMES = "Nguyễn Văn An|Trần Thị Mai|Lê Văn Hưu|Phạm Ngũ Lão|Đỗ Thị Hồng|Hoàng Văn Thụ|Bùi Thị Xuân".split("|")
FILLER = ("the wind turned over the grey water and the crew said nothing while the lanterns swung "
          "above the deck and somewhere below a door kept knocking in the swell").split()


def percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return f"p50 {statistics.median(samples) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def seed(store, rng: random.Random):
    from core.models import Entity, Event, Location, Relation, Story, User
    from services.world_service import WorldService

    user = User(username="bench", email="bench@example.com", password_hash="x")
    store.put(User.collection, user.user_id, user.to_dict())
    world = WorldService(store).create(user, {"name": "Bench", "world_type": "fantasy", "visibility": "private"})
    names, entries = set(), []
    while len(names) < ENTRIES:
        if len(names) % 10 == 0:
            name = f"{rng.choice(VI_NAMES)} {len(names)}"
        else:
            name = f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}{'' if rng.random() < .5 else ' ' + str(len(names))}"
        names.add(name)
    for n, name in enumerate(sorted(names)):
        description = " ".join(rng.choice(FILLER) for _ in range(30))
        if n % 5 == 4:
            entries.append(Location(world_id=world.world_id, name=name, description=description,
                                    aliases=[f"Port {n}"]))
        else:
            entries.append(Entity(world_id=world.world_id, name=name, description=description,
                                   entity_type="lore" if n % 7 == 0 else "character",
                                   aliases=[f"the {rng.choice(EN_LAST)} {n}"], fields={"title": f"Rank {n % 9}"}))
    with store.unit_of_work():
        for model in (Entity, Location):
            store.put_many(model.collection, ((e.id, e.to_dict()) for e in entries if isinstance(e, model)))
        relations = []
        for _ in range(RELATIONS):
            a, b = rng.sample(entries, 2)
            relations.append(Relation(world_id=world.world_id, source_id=a.id, target_id=b.id,
                                      type=rng.choice(["sibling_of", "ally_of", "enemy_of", "serves"])))
        store.put_many(Relation.collection, ((r.relation_id, r.to_dict()) for r in relations))
        stories = [Story(world_id=world.world_id, owner_id=user.user_id, title=f"Chapter {n}",
                         time_index=n * 3) for n in range(STORIES)]
        store.put_many(Story.collection, ((s.story_id, s.to_dict()) for s in stories))
        events = [Event(world_id=world.world_id, story_id=s.story_id, title=f"Event {s.title}.{k}",
                        date={"year": 100 + n * 20 + k}, description=" ".join(rng.sample(FILLER, 12)))
                  for n, s in enumerate(stories) for k in range(EVENTS_PER_STORY)]
        store.put_many(Event.collection, ((e.event_id, e.to_dict()) for e in events))
    named = rng.sample(entries, 40)
    words = []
    while len(words) < WORDS:
        words += rng.sample(FILLER, 12)
        pick = rng.choice(named)
        words += (f"[[{pick.name}]]" if named.index(pick) < 10 else pick.name).split()
        words[-1] += "."
    words += "[[Nobody Known]] watched.".split()
    return user, world, " ".join(words[:WORDS + 3])


def run(builder, user, world, chapter, runs: int, budget: int):
    samples, pack = [], None
    for _ in range(runs):
        started = time.perf_counter()
        pack = builder.build(user, world, chapter, budget_tokens=budget, model="bench-model")
        samples.append(time.perf_counter() - started)
    return samples, pack


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--budget", type=int, default=2000)
    args = parser.parse_args()

    from ai.tokens import EstimateCounter, token_counter
    from core.models import REGISTRY
    from fake_openai import FakeOpenAI
    from services.context_builder import ContextBuilder
    from storage.tinydb_store import TinyDBStore

    with tempfile.TemporaryDirectory() as folder:
        store = TinyDBStore(os.path.join(folder, "bench.json"), REGISTRY)
        user, world, chapter = seed(store, random.Random(14))
        print(f"world: {ENTRIES} entries, {RELATIONS} relations, {STORIES * EVENTS_PER_STORY} events; "
              f"chapter: {len(chapter.split())} words, {len(chapter)} characters; budget {args.budget} tokens")
        estimate = ContextBuilder(store, lambda model: EstimateCounter())
        samples, pack = run(estimate, user, world, chapter, args.runs, args.budget)
        print(f"estimate          {percentiles(samples)}   (first {samples[0] * 1000:.1f} ms)")
        server = FakeOpenAI().start()
        try:
            config = {"OPENAI_BASE_URL": server.url}
            served = ContextBuilder(store, lambda model: token_counter(config, model))
            samples, served_pack = run(served, user, world, chapter, args.runs, args.budget)
            print(f"server /tokenize  {percentiles(samples[1:])}   (first, every line asked: "
                  f"{samples[0] * 1000:.1f} ms, {len(server.tokenize_requests)} requests)")
        finally:
            server.stop()
        report = pack.report
        whys = {}
        for item in report["included"]:
            whys[item["why"]] = whys.get(item["why"], 0) + 1
        reasons = {}
        for item in report["skipped"]:
            reasons[item["reason"]] = reasons.get(item["reason"], 0) + item.get("count", 1)
        print(f"estimate: {report['used_tokens']}/{report['budget_tokens']} tokens, {len(report['included'])} "
              f"included {whys}, skipped {reasons}")
        print(f"server:   {served_pack.report['used_tokens']} tokens, {len(served_pack.report['included'])} included")
        store.close()


if __name__ == "__main__":
    main()
