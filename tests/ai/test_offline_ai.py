"""The offline provider: with no key every job completes, deterministically,
and names only what the text names."""
from __future__ import annotations

import re

import pytest
from ai_helpers import run_job

STORIES = [
    ("The Harbour", 20, "Mara Vell left the harbour of Port Nel at dawn. She sailed to Karsk with her "
                        "brother Tomas. The sea was grey and cold."),
    ("The Smith", 50, "In Karsk, Mara met the old smith Orin Dask. Orin gave Mara a blade forged in "
                      "the Tower of Ash. Nobody spoke of the price."),
    ("The Forest", 80, "Elena Ruiz walked through the Silver Forest looking for her father. She looked "
                       "at Daniel and smiled. When they reached Lake Vorn, Elena found the letter."),
]
EXPECTED_CHARACTERS = {"Mara Vell", "Tomas", "Orin Dask", "Elena Ruiz", "Daniel"}
EXPECTED_LOCATIONS = {"Port Nel", "Karsk", "Tower of Ash", "Silver Forest", "Lake Vorn"}
ALL_TEXT = " ".join(text for _, _, text in STORIES)


def in_text(name: str) -> bool:
    return re.search(r"\b" + re.escape(name) + r"\b", ALL_TEXT) is not None


@pytest.fixture
def owner(auth):
    return auth.register()


@pytest.fixture
def world(owner, make_world, make_story):
    world = make_world(owner, world_type="fantasy", description="A cold northern sea.")
    world["stories"] = [make_story(owner, world, title=t, content=c, time_index=i) for t, i, c in STORIES]
    return world


def test_batch_analysis_finds_the_cast_and_invents_nothing(client, owner, world, ai):
    task = run_job(client, owner, "/api/gpt/batch-analyze-stories", {"world_id": world["world_id"]})
    assert task["status"] == "completed", task
    assert task["provider"] == "offline"
    assert task["usage"] == {"prompt_tokens": 0, "completion_tokens": 0}
    assert task["progress"] == {"done": 3, "total": 3, "message": "Done"}
    characters = {c["name"] for c in client.get(f"/api/worlds/{world['world_id']}/characters",
                                                headers=owner["headers"]).json}
    locations = {c["name"] for c in client.get(f"/api/worlds/{world['world_id']}/locations",
                                               headers=owner["headers"]).json}
    assert EXPECTED_CHARACTERS <= characters
    assert EXPECTED_LOCATIONS <= locations
    assert all(in_text(n) for n in characters | locations), characters | locations
    assert not characters & locations
    assert "Mara" not in characters   # "Mara" in the second story is Mara Vell of the first
    # the two stories that share Mara Vell and Karsk are linked; the forest story is not
    assert task["result"]["linked_count"] == 1


def test_known_names_are_reused(client, owner, world, ai):
    client.post(f"/api/worlds/{world['world_id']}/entities", headers=owner["headers"],
                json={"name": "Mara Vell", "aliases": ["The Captain"]})
    run_job(client, owner, "/api/gpt/batch-analyze-stories", {"world_id": world["world_id"]})
    names = [c["name"] for c in client.get(f"/api/worlds/{world['world_id']}/characters",
                                           headers=owner["headers"]).json]
    assert names.count("Mara Vell") == 1 and "Mara" not in names


def test_timeline_is_ordered_and_true_to_the_text(client, owner, world, ai):
    run_job(client, owner, "/api/gpt/batch-analyze-stories", {"world_id": world["world_id"]})
    task = run_job(client, owner, f"/api/worlds/{world['world_id']}/events/extract")
    assert task["status"] == "completed" and task["result"]["total_events"] > 0, task
    timeline = client.get(f"/api/worlds/{world['world_id']}/events", headers=owner["headers"]).json
    years = timeline["timeline"]["years"]
    assert [y["year"] for y in years] == sorted(y["year"] for y in years) and len(years) == 3
    assert years[0]["year"] == 200 and years[0]["era"] == "Third Age"   # fantasy calendar: index 20
    events = [e for y in years for e in y["events"]]
    assert [e["story_title"] for e in events][0] == "The Harbour"
    for event in events:
        assert event["description"] in ALL_TEXT   # every event is a sentence of the story
        # names someone or somewhere it really names ("Elena" alone is not "Elena Ruiz" unless an alias)
        assert event["character_details"] or event["location_details"], event
        assert all(in_text(c["name"]) for c in event["character_details"])
    first = years[0]["events"][0]
    assert [c["name"] for c in first["character_details"]] == ["Mara Vell"]
    assert [p["name"] for p in first["location_details"]] == ["Port Nel"]


def test_descriptions_use_type_themes_and_cast_deterministically(client, owner, world, ai):
    client.put(f"/api/worlds/{world['world_id']}", headers=owner["headers"],
               json={"metadata": {"themes": ["betrayal", "the sea"]}})
    run_job(client, owner, "/api/gpt/batch-analyze-stories", {"world_id": world["world_id"]})
    body = {"type": "world", "world_name": "Karsk Reach", "world_type": "fantasy", "world_id": world["world_id"]}
    first = run_job(client, owner, "/api/gpt/generate-description", body)
    again = run_job(client, owner, "/api/gpt/generate-description", body)
    text = first["result"]["description"]
    assert first["result"] == again["result"]
    assert "Karsk Reach" in text and "betrayal and the sea" in text and "Mara Vell" in text
    story = run_job(client, owner, "/api/gpt/generate-description",
                    {"type": "story", "story_title": "Salt", "story_genre": "mystery", "characters": ["Tomas"],
                     "world_description": "A cold northern sea. Ice everywhere."})
    assert story["result"]["story_description"].startswith("Salt is a mystery story")
    assert "Tomas" in story["result"]["story_description"]


def test_analyze_texts_directly(client, owner, ai):
    world = run_job(client, owner, "/api/gpt/analyze",
                    {"world_description": "Eldoria is ruled by Queen Sela from the city of Varn.",
                     "world_type": "fantasy"})
    assert world["type"] == "world_analysis"
    assert [e["name"] for e in world["result"]["entities"]] == ["Sela"]
    assert [p["name"] for p in world["result"]["locations"]] == ["Varn"]
    story = run_job(client, owner, "/api/gpt/analyze",
                    {"story_description": STORIES[0][2], "story_title": "The Harbour"})
    assert story["type"] == "story_analysis"
    assert {c["name"] for c in story["result"]["characters"]} == {"Mara Vell", "Tomas"}
    assert {p["name"] for p in story["result"]["locations"]} == {"Port Nel", "Karsk"}


def test_health_reports_offline(client):
    health = client.get("/api/health").json
    assert health["gpt_provider"] == "offline" and health["gpt_enabled"] is False


@pytest.mark.parametrize("config_overrides", [{"TASK_MODE": "inline"}])
def test_inline_mode_finishes_within_the_request(client, owner, world, ai):
    response = client.post("/api/gpt/batch-analyze-stories", json={"world_id": world["world_id"]},
                           headers=owner["headers"])
    assert response.status_code == 202
    assert response.json["status"] == "completed"
    task = client.get(f"/api/gpt/results/{response.json['task_id']}", headers=owner["headers"]).json
    assert task["status"] == "completed" and task["result"]["linked_count"] == 1
    assert ai.runner._threads == []   # no background thread was started


def test_sentence_openers_are_not_part_of_names():
    from ai.heuristics import find_names
    found = find_names("Together Mira Thornwood and Oren walked to Silverwood Forest. "
                       "However Oren stayed behind.")
    assert found.characters == ["Mira Thornwood", "Oren"]
    assert found.locations == ["Silverwood Forest"]
