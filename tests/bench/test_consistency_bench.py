"""The consistency benchmark (scripts/bench_consistency.py) holds its floor: at least 30
labelled passages, English and Vietnamese, and precision/recall of the offline rules and
of the model path (scripted answers of the local fake server) above these figures."""
from __future__ import annotations

import importlib.util
import json
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FLOOR = {"rules": {"precision": 0.85, "recall": 0.8},
         "llm": {"precision": 0.8, "recall": 0.75},
         "combined": {"precision": 0.8, "recall": 0.95}}


def _bench():
    spec = importlib.util.spec_from_file_location("bench_consistency",
                                                  os.path.join(ROOT, "scripts", "bench_consistency.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_labelled_set_is_large_enough_and_covers_every_kind():
    kinds, total = set(), 0
    for language in ("en", "vi"):
        with open(os.path.join(ROOT, "tests", "bench", "consistency", f"{language}.json"), encoding="utf-8") as f:
            passages = json.load(f)["passages"]
        assert len(passages) >= 12
        assert any(not p["expect"] for p in passages)   # clean passages too
        total += len(passages)
        kinds |= {label["kind"] for p in passages for label in p["expect"]}
    assert total >= 30
    assert kinds == {"field", "relation", "date", "death", "name_variant", "unknown_name"}


@pytest.mark.slow
def test_benchmark_floor():
    results = _bench().run()
    for language, out in results.items():
        for path, floor in FLOOR.items():
            for measure, minimum in floor.items():
                assert out[path][measure] >= minimum, (language, path, measure, out[path])
        assert out["dropped"] >= 2, (language, "hallucinated findings must be dropped")
