"""The extractor is bounded: budget checks stop it, output is capped, old callers still work."""
from __future__ import annotations

import pytest

from ai import heuristics
from ai.budget import Budget, BudgetExceeded
from ai.extraction import MAX_NAMES, find_names
from ai.gpt_client import Usage
from ai.offline import OfflineProvider
from ai.schemas import StoryAnalysis


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_a_budget_stops_a_long_run():
    text = "Mara Vell sailed to Karsk. Orin Dask waited in Port Nel. " * 5000
    with pytest.raises(BudgetExceeded):
        find_names(text, [], "en", budget=Budget(seconds=50, stride=1, clock=FakeClock()))


def test_at_most_max_names_the_most_mentioned():
    many = " ".join(f"Ilse met Zor{chr(97 + i // 26)}{chr(97 + i % 26)}an at dawn." for i in range(300))
    found = find_names(many + " Ilse slept.", [], "en")
    assert len(found) == MAX_NAMES and found[0]["name"] == "Ilse"


def test_analyze_story_lists_factions_and_the_protagonist():
    text = ("Mara Vell joined the Grey Company. Mara Vell sailed to Karsk with Tomas. "
            "The Grey Company waited in Karsk. Mara Vell smiled.")
    answer = OfflineProvider().analyze_story("T", "adventure", text, [], ["Karsk"], Usage())
    assert answer["characters"][0] == {"name": "Mara Vell", "role": "protagonist"}
    assert answer["factions"] == [{"name": "Grey Company"}]
    assert StoryAnalysis.model_validate(answer).factions[0].name == "Grey Company"
    assert [p["name"] for p in answer["locations"]] == ["Karsk"]
    world = OfflineProvider().analyze_world(text, "fantasy", Usage())
    assert {e["name"]: e["entity_type"] for e in world["entities"]}["Grey Company"] == "faction"


def test_heuristics_keeps_its_interface_on_the_new_extractor():
    found = heuristics.find_names("Mara Vell sailed to Karsk. Vell smiled.", ["Mara Vell"], ["Karsk"])
    assert found.characters == ["Mara Vell"] and found.locations == ["Karsk"]
    assert found.mentioned[0] == (["Mara Vell"], ["Karsk"])
    assert found.mentioned[1] == (["Mara Vell"], [])   # "Vell" alongside "Mara Vell": an alias
    assert heuristics.names_in("Chùa Trấn Quốc im lặng.", ["Trần Quốc"]) == []
    assert heuristics.names_in("Mara Vell waved.", ["Mara Vell", "Vell Dask"]) == ["Mara Vell"]
    assert heuristics.sentences("One. Two!") == ["One.", "Two!"]
