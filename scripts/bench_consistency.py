"""Consistency check benchmark: precision, recall and F1 of the offline rules and of the
model path, per language, on labelled passages written against a small canon.

    .venv/bin/python scripts/bench_consistency.py [--verbose]

For each language (tests/bench/consistency/en.json, vi.json) a real app on a temporary
TinyDB file gets the canon through the API: a world in that language, custom field
templates, characters with field values, places, typed relations, and a dated
"history" chapter whose events (a death among them) the offline extractor makes. Each
passage becomes a later chapter of the same book, dated after the history, and is
checked through ``POST /stories/{id}/checks``:

* ``rules``: ``use_ai: false`` on the offline app;
* ``llm``: the model path alone (``services.consistency.llm.check`` through the real
  ``openai`` SDK against tests/ai/fake_openai.py, whose scripted answer per passage is
  the passage's ``llm`` list: mostly right, some misses, some wrong claims a model makes,
  and hallucinations -- quotes not in the text, invented ids -- that validation must drop);
* ``combined``: ``use_ai: true``, what a writer gets (rules, then the model's findings
  the rules did not make).

A finding is right when a label of the passage has its kind and its entry is cited (an
unknown name: the quote holds it); each label counts once. Figures are printed for all
passages and per set: ``dev`` (written alongside the rules), ``heldout`` (written after) and
``fresh`` (written last); the bugs the later sets showed when first measured were fixed since
(the README keeps their first figures).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "api"))
sys.path.insert(0, os.path.join(ROOT, "tests", "ai"))
DATA = os.path.join(ROOT, "tests", "bench", "consistency")
LANGUAGES = ("en", "vi")
PATHS = ("rules", "llm", "combined")


def make_app(db_path: str, base_url: str | None):
    from config import Config
    from interfaces.app_factory import create_app
    config = Config(TESTING=True, JWT_SECRET_KEY="bench-secret-key-long-enough-for-hs256-signing",
                    DB_PATH=db_path, DATABASE_URL=None, ARGON2_TIME_COST=1, ARGON2_MEMORY_COST=8 * 1024,
                    RATELIMIT_ENABLED=False, OPENAI_API_KEY="bench" if base_url else None,
                    OPENAI_BASE_URL=base_url, OPENAI_MODEL="bench-model", OPENAI_TIMEOUT=10,
                    OPENAI_MAX_RETRIES=0, TASK_MODE="inline", INITIAL_ADMIN_USERNAME=None,
                    INITIAL_ADMIN_PASSWORD=None, FRONTEND_DIST=None, LIVE_STREAM_SECONDS=0)
    return create_app(config)


class Api:
    def __init__(self, client, headers=None):
        self.client, self.headers = client, headers or {}

    def call(self, method: str, path: str, body=None, ok=(200, 201, 202)):
        response = self.client.open(f"/api{path}", method=method, json=body, headers=self.headers)
        if response.status_code not in ok:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.json}")
        return response.json


def load_canon(api: Api, canon: dict, passages: list[dict]) -> dict:
    """The canon and the passages' chapters through the API; the ids the bench needs."""
    world = api.call("POST", "/worlds", {**canon["world"], "world_type": "fantasy", "visibility": "private"})
    wid = world["world_id"]
    for template in canon["templates"]:
        api.call("POST", f"/worlds/{wid}/field-templates", template)
    ids = {}
    for spec in canon["entries"]:
        ids[spec["name"]] = api.call("POST", f"/worlds/{wid}/entities", {"name": spec["name"],
                                                                       "fields": spec.get("fields", {})})["entity_id"]
    for spec in canon["locations"]:
        ids[spec["name"]] = api.call("POST", f"/worlds/{wid}/locations", spec)["location_id"]
    for source, kind, target in canon["relations"]:
        api.call("POST", f"/worlds/{wid}/relations", {"source_id": ids[source], "target_id": ids[target],
                                                      "type": kind})
    book = api.call("POST", f"/worlds/{wid}/books", {"title": "Bench"})["book_id"]
    for chapter in canon["history"]:
        story = api.call("POST", f"/books/{book}/chapters", {"title": chapter["title"],
                                                             "content": chapter["content"]})["story"]
        api.call("PATCH", f"/stories/{story['story_id']}", {"date": chapter["date"]})
        api.call("POST", f"/stories/{story['story_id']}/events/extract", {})
    stories = {}
    for passage in passages:
        story = api.call("POST", f"/books/{book}/chapters", {"title": passage["id"],
                                                             "content": passage["text"]})["story"]
        api.call("PATCH", f"/stories/{story['story_id']}", {"date": canon["passage_date"]})
        stories[passage["id"]] = story["story_id"]
    return {"world_id": wid, "ids": ids, "stories": stories}


def scripted(passage: dict, ids: dict) -> dict:
    """The fake model's answer for a passage: its ``llm`` list with names turned into ids."""
    findings = []
    for item in passage.get("llm", []):
        cites = [{"kind": c.get("kind", "entry"), "id": c["id"] if "id" in c else ids[c["name"]]}
                 for c in item.get("cites", [])]
        findings.append({"severity": "warning", "message": item.get("message", "contradicts the canon"),
                         "suggestion": item.get("suggestion", ""), **item, "cites": cites})
    return {"findings": findings}


def check(api: Api, story_id: str, use_ai: bool) -> dict:
    task = api.call("POST", f"/stories/{story_id}/checks", {"use_ai": use_ai})
    result = api.call("GET", f"/gpt/results/{task['task_id']}")
    if result["status"] != "completed":
        raise RuntimeError(f"check failed: {result['result']}")
    return result["result"]


def score(found: list[dict], expected: list[dict]) -> tuple[int, int, int, list, list]:
    left, tp, wrong = list(expected), 0, []
    for f in found:
        names = {c["name"] for c in f["cites"]}
        hit = next((label for label in left if label["kind"] == f["kind"] and (
            label.get("entry") in names if "entry" in label else label.get("name", "") in f["quote"])), None)
        if hit is None:
            wrong.append(f)
        else:
            left.remove(hit)
            tp += 1
    return tp, len(wrong), len(left), wrong, left


def figures(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def run_language(language: str, verbose: bool = False) -> dict:
    from fake_openai import FakeOpenAI

    from ai.gpt_client import Usage
    from core.models import Story, User, World
    from services.consistency import llm
    from services.consistency.canon import Canon
    from services.consistency.text import Text

    with open(os.path.join(DATA, f"{language}.json"), encoding="utf-8") as f:
        data = json.load(f)
    passages = data["passages"]
    dropped = 0
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        db_path = os.path.join(tmp, "bench.json")
        app = make_app(db_path, None)   # offline: the canon's events by the offline extractor, the rules
        client = app.test_client()
        registered = client.post("/api/auth/register", json={"username": "bench", "email": "bench@example.com",
                                                             "password": "password123"}).json
        token, user_id = registered["token"], registered["user"]["user_id"]
        store = app.extensions["worldsmith"].store
        with store.unit_of_work():   # an admin: no daily job quota for the bench's many checks
            store.put("users", user_id, {**store.get("users", user_id), "role": "admin"})
        api = Api(client, {"Authorization": f"Bearer {token}"})
        loaded = load_canon(api, data["canon"], passages)
        results = {"rules": {p["id"]: check(api, loaded["stories"][p["id"]], False)["findings"] for p in passages}}
        app.extensions["worldsmith"].store.close()

        fake = FakeOpenAI().start()
        try:
            for passage in passages:
                fake.check_answers[passage["text"]] = scripted(passage, loaded["ids"])
            app = make_app(db_path, fake.url)
            client = app.test_client()
            api = Api(client, {"Authorization": f"Bearer {token}"})
            services = app.extensions["worldsmith"]
            store = services.store
            user = User.from_dict(store.get("users", user_id))
            world = World.from_dict(store.get("worlds", loaded["world_id"]))
            results["llm"], results["combined"] = {}, {}
            for passage in passages:
                story = Story.from_dict(store.get("stories", loaded["stories"][passage["id"]]))
                canon = Canon.load(store, user, world, story, services.relations.vocabulary(world).types)
                answer = llm.check(services.ai.provider, Text.of(story.content), canon, Usage())
                dropped += answer["dropped"]
                results["llm"][passage["id"]] = answer["findings"]
                results["combined"][passage["id"]] = check(api, story.story_id, True)["findings"]
            store.close()
        finally:
            fake.stop()
    sets = {"all": passages, **{name: [p for p in passages if p.get("set", "dev") == name]
                                   for name in ("dev", "heldout", "fresh")}}
    out = {}
    for path in PATHS:
        for name, chosen in sets.items():
            totals = [0, 0, 0]
            for passage in chosen:
                tp, fp, fn, wrong, left = score(results[path][passage["id"]], passage["expect"])
                totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
                if verbose and name == "all" and (wrong or left):
                    misses.append(f"  {path:8} {passage['id']}: wrong {[(w['kind'], w['quote']) for w in wrong]} "
                                  f"missed {[(m['kind'], m.get('entry') or m.get('name')) for m in left]}")
            out[path if name == "all" else f"{path}/{name}"] = {**figures(*totals), "passages": len(chosen)}
    out["passages"] = len(passages)
    out["dropped"] = dropped
    out["misses"] = misses
    return out


def run(verbose: bool = False) -> dict:
    return {language: run_language(language, verbose) for language in LANGUAGES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list each wrong and missed finding")
    args = parser.parse_args()
    results = run(args.verbose)
    print(f"{'lang':5}{'path':10}{'set':9}{'passages':>9}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}"
          f"{'recall':>8}{'F1':>7}")
    for language, out in results.items():
        for path in PATHS:
            for name in ("all", "dev", "heldout", "fresh"):
                f = out[path if name == "all" else f"{path}/{name}"]
                print(f"{language:5}{path:10}{name:9}{f['passages']:>9}{f['tp']:>5}{f['fp']:>5}{f['fn']:>5}"
                      f"{f['precision']:>11.2f}{f['recall']:>8.2f}{f['f1']:>7.2f}")
        print(f"{language:5}model findings dropped by validation: {out['dropped']}")
        for line in out["misses"]:
            print(line)


if __name__ == "__main__":
    main()
