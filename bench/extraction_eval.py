"""Precision, recall and F1 of the offline name extractor on labelled real prose.

The passages are in ``bench/extraction_data/{dev,heldout}.jsonl`` (public-domain
English and Vietnamese prose, one JSON object a line, gold ``characters``,
``locations`` and ``factions`` each ``{name, aliases}``). For every passage the
script runs ``OfflineProvider().find_names(text, [], Usage(), language=None)``
and scores its names against the gold ones, micro-averaged (TP/FP/FN summed
over passages) per language and bucket.

Matching: a found name of kind character|creature goes to the characters bucket,
place to locations, faction to factions. It matches a gold entry of its bucket
when ``match_key(strip_title(found))`` equals that of the gold name or one of its
aliases; for Vietnamese places also when the two differ only by a leading place
word (``PLACE_WORDS``, lower-case or capitalised: "cầu Long Biên" and "Long Biên",
"sông Hồng-hà" and "Hồng-hà"), which name the same referent. Each gold entry is
matched at most once; further found names hitting an already matched entry are
the same referent and are not counted. A found name that matches nothing in its
bucket is a false positive (even when it names a gold entry of another bucket,
which then stays a miss there); an unmatched gold entry is a false negative.

    .venv/bin/python bench/extraction_eval.py                 # dev set
    .venv/bin/python bench/extraction_eval.py --set heldout --verbose
    .venv/bin/python bench/extraction_eval.py --set all --json

Always exits 0: it is a report, not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "api"))

from ai.gpt_client import Usage  # noqa: E402
from ai.offline import OfflineProvider  # noqa: E402
from core.names import match_key, strip_title  # noqa: E402

DATA = os.path.join(ROOT, "bench", "extraction_data")
SETS = {"dev": ["dev.jsonl"], "heldout": ["heldout.jsonl"], "all": ["dev.jsonl", "heldout.jsonl"]}
BUCKETS = ("characters", "locations", "factions")
BUCKET_OF_KIND = {"character": "characters", "creature": "characters", "place": "locations",
                  "faction": "factions"}


def load(which: str = "dev") -> list[dict]:
    """The passages of a set (``dev``, ``heldout`` or ``all``)."""
    passages = []
    for name in SETS[which]:
        with open(os.path.join(DATA, name), encoding="utf-8") as f:
            passages.extend(json.loads(line) for line in f if line.strip())
    return passages


# Vietnamese place words a place's name may be written with or without.
PLACE_WORDS = ("thành phố", "kinh thành", "cầu", "chùa", "đền", "đình", "miếu", "chợ", "bến", "cửa",
               "hồ", "sông", "núi", "đảo", "động", "đầm", "vịnh", "hang", "suối", "thác", "đèo", "phố",
               "đường", "ngõ", "làng", "thôn", "xóm", "xã", "huyện", "tỉnh", "phủ", "phường", "quận",
               "thành", "nước", "châu", "vùng", "miền", "biển", "giồng", "bể")


def key(name: str, language: str | None) -> str:
    return match_key(strip_title(name, language)[1])


def keys(name: str, language: str | None, cues: str | None) -> set[str]:
    """The keys a name matches by: its own, and for a Vietnamese place (``cues="vi"``) the one
    without a leading place word."""
    own = key(name, language)
    if cues == "vi":
        for word in PLACE_WORDS:
            if own.startswith(word + " ") and len(own) > len(word) + 1:
                return {own, key(name.split(None, len(word.split()))[-1], language)}
    return {own}


def score_bucket(found: list[str], gold: list[dict], language: str | None, places: bool = False) -> dict:
    """TP/FP/FN of ``found`` names against ``gold`` entries ``{name, aliases}`` of one bucket,
    with the names of the false positives and the missed gold entries."""
    language_of_cues = language if places else None
    own = [{key(n, language) for n in [g["name"], *g.get("aliases", [])]} for g in gold]
    bare = [set().union(*(keys(n, language, language_of_cues) for n in [g["name"], *g.get("aliases", [])]))
            for g in gold]
    matched: set[int] = set()
    fp_names = []
    for name in found:
        k, ks = key(name, language), keys(name, language, language_of_cues)
        hits = [i for i in range(len(gold)) if k in bare[i] or ks & own[i]]
        if not hits:
            fp_names.append(name)
            continue
        free = [i for i in hits if i not in matched]
        if free:
            matched.add(free[0])
    fn_names = [g["name"] for i, g in enumerate(gold) if i not in matched]
    return {"tp": len(matched), "fp": len(fp_names), "fn": len(fn_names),
            "fp_names": fp_names, "fn_names": fn_names}


def score_passage(predictions: list[dict], passage: dict) -> dict:
    """Per bucket scores of the found names ``[{name, kind}]`` against one labelled passage."""
    by_bucket = {b: [] for b in BUCKETS}
    for p in predictions:
        bucket = BUCKET_OF_KIND.get(p.get("kind"))
        if bucket:
            by_bucket[bucket].append(p["name"])
    language = passage.get("language")
    return {b: score_bucket(by_bucket[b], passage.get(b, []), language, places=b == "locations")
            for b in BUCKETS}


def predict(text: str) -> list[dict]:
    return OfflineProvider().find_names(text, [], Usage(), language=None)["names"]


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(f, 3)}


def evaluate(passages: list[dict], verbose: bool = False) -> dict:
    """``{language: {"passages": n, bucket: {tp, fp, fn, precision, recall, f1}}}``."""
    totals: dict = {}
    for passage in passages:
        scores = score_passage(predict(passage["text"]), passage)
        lang = totals.setdefault(passage["language"], {"passages": 0, **{b: [0, 0, 0] for b in BUCKETS}})
        lang["passages"] += 1
        for b in BUCKETS:
            for i, part in enumerate(("tp", "fp", "fn")):
                lang[b][i] += scores[b][part]
        if verbose:
            lines = [f"  {b}: FP {scores[b]['fp_names']}  FN {scores[b]['fn_names']}"
                     for b in BUCKETS if scores[b]["fp"] or scores[b]["fn"]]
            print(f"{passage['id']}" + ("\n" + "\n".join(lines) if lines else "  (all right)"))
    return {lang: {"passages": t["passages"], **{b: prf(*t[b]) for b in BUCKETS}}
            for lang, t in sorted(totals.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), default="dev")
    parser.add_argument("--verbose", action="store_true", help="false positives and misses per passage")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    args = parser.parse_args(argv)
    results = evaluate(load(args.set), verbose=args.verbose and not args.json)
    if args.json:
        print(json.dumps({"set": args.set, "results": results}, ensure_ascii=False, indent=2))
        return 0
    print(f"set: {args.set}")
    print(f"{'lang':4} {'bucket':10} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}")
    for lang, figures in results.items():
        for b in BUCKETS:
            s = figures[b]
            print(f"{lang:4} {b:10} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                  f"{s['tp']:5} {s['fp']:5} {s['fn']:5}")
        print(f"{lang:4} ({figures['passages']} passages; factions reported, not targeted)")
    return 0


if __name__ == "__main__":
    main()
    sys.exit(0)
