"""The labelled extraction data (bench/extraction_data) keeps its shape, and the
scorer in bench/extraction_eval.py counts TP/FP/FN as documented."""
from __future__ import annotations

import importlib.util
import os

import pytest

from core.language import detect_language

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_spec = importlib.util.spec_from_file_location("extraction_eval", os.path.join(ROOT, "bench", "extraction_eval.py"))
extraction_eval = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(extraction_eval)

BUCKETS = ("characters", "locations", "factions")
DEV = extraction_eval.load("dev")
HELDOUT = extraction_eval.load("heldout")


def test_set_sizes_and_languages():
    assert len(DEV) >= 72 and sum(p["language"] == "vi" for p in DEV) >= 39
    assert len(HELDOUT) >= 24 and sum(p["language"] == "vi" for p in HELDOUT) >= 12


def test_dev_and_heldout_share_no_passage():
    dev_texts = {p["text"] for p in DEV}
    assert not [p["id"] for p in HELDOUT if p["text"] in dev_texts]
    assert len({p["id"] for p in DEV + HELDOUT}) == len(DEV) + len(HELDOUT)


@pytest.mark.parametrize("passage", DEV + HELDOUT, ids=lambda p: p["id"])
def test_passage_shape(passage):
    assert passage["source"]["url"] and passage["source"]["title"]
    assert passage["language"] == detect_language(passage["text"])
    for bucket in BUCKETS:
        for entry in passage[bucket]:
            for name in [entry["name"], *entry["aliases"]]:
                assert name in passage["text"], (bucket, name)


def test_scorer_counts_matches_misses_and_wrong_buckets():
    passage = {"language": "en", "text": "",
               "characters": [{"name": "Sherlock Holmes", "aliases": ["Holmes"]},
                              {"name": "Irene Adler", "aliases": []}],
               "locations": [{"name": "Baker Street", "aliases": []}, {"name": "Bohemia", "aliases": []}],
               "factions": []}
    found = [{"name": "Mr. Holmes", "kind": "character"},        # title stripped: matches the alias
             {"name": "Sherlock Holmes", "kind": "character"},   # same referent again: not counted
             {"name": "Bohemia", "kind": "character"},           # a place filed as a person
             {"name": "Put", "kind": "character"},               # no such name
             {"name": "baker street", "kind": "place"}]          # case folded
    scores = extraction_eval.score_passage(found, passage)
    assert {k: scores["characters"][k] for k in ("tp", "fp", "fn")} == {"tp": 1, "fp": 2, "fn": 1}
    assert scores["characters"]["fn_names"] == ["Irene Adler"]
    assert {k: scores["locations"][k] for k in ("tp", "fp", "fn")} == {"tp": 1, "fp": 0, "fn": 1}
    assert scores["locations"]["fn_names"] == ["Bohemia"]


def test_scorer_keeps_vietnamese_tone_marks_significant():
    passage = {"language": "vi", "text": "",
               "characters": [{"name": "Trần Thị Mai", "aliases": ["bà Mai"]}],
               "locations": [{"name": "Trấn Quốc", "aliases": ["chùa Trấn Quốc"]}], "factions": []}
    found = [{"name": "Mai", "kind": "character"}, {"name": "Trần Quốc", "kind": "place"}]
    scores = extraction_eval.score_passage(found, passage)
    assert (scores["characters"]["tp"], scores["characters"]["fp"]) == (1, 0)
    assert (scores["locations"]["tp"], scores["locations"]["fp"], scores["locations"]["fn"]) == (0, 1, 1)
