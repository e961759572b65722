"""The scorer's one Vietnamese place rule: a leading place word does not change the referent."""
from __future__ import annotations

import importlib.util
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
_spec = importlib.util.spec_from_file_location("extraction_eval", os.path.join(ROOT, "bench", "extraction_eval.py"))
extraction_eval = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(extraction_eval)


def test_a_vietnamese_place_matches_with_or_without_its_place_word():
    passage = {"language": "vi", "text": "", "characters": [{"name": "Chí Minh", "aliases": []}],
               "locations": [{"name": "Long Biên", "aliases": []}, {"name": "sông Hồng", "aliases": []},
                             {"name": "Hồng-hà", "aliases": []}], "factions": []}
    found = [{"name": "cầu Long Biên", "kind": "place"}, {"name": "Hồng", "kind": "place"},
             {"name": "Sông Hồng-hà", "kind": "place"}, {"name": "núi Hồng", "kind": "place"},
             {"name": "Hồ Chí Minh", "kind": "character"}]
    scores = extraction_eval.score_passage(found, passage)
    assert (scores["locations"]["tp"], scores["locations"]["fp"], scores["locations"]["fn"]) == (3, 1, 0)
    assert scores["locations"]["fp_names"] == ["núi Hồng"]   # another place word: another place
    assert scores["characters"]["fp"] == 1                    # only places lose a leading word
