"""The world's language: set or detected, shown on the world, followed by offline texts and casts."""
from __future__ import annotations

import re

import pytest
from ai_helpers import run_job

from ai import offline_text
from core.models import World

SENTENCE = re.compile(r"[^.!?]+[.!?]")
VI_WORDS = {"là", "của", "những", "và", "câu", "chuyện", "một"}


def words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text.casefold()))


def create(client, user, **body):
    return client.post("/api/worlds", headers=user["headers"], json={"name": "W", **body})


def test_language_is_detected_at_creation_and_shown(client, auth):
    user = auth.register()
    vi = create(client, user, name="Hà Nội những năm 1946", description="Mùa thu năm ấy, phố phường xôn xao.")
    en = create(client, user, name="Eldoria", description="A realm of embers.")
    assert vi.status_code == en.status_code == 201
    assert vi.json["language"] == "vi" and en.json["language"] == "en"
    chosen = create(client, user, name="Eldoria", language="vi").json
    assert chosen["language"] == "vi"
    read = client.get(f"/api/worlds/{chosen['world_id']}", headers=user["headers"]).json
    assert read["language"] == "vi"
    listed = client.get("/api/worlds?mine=true", headers=user["headers"]).json
    assert {w["language"] for w in listed} == {"vi", "en"}


def test_language_can_be_changed_and_is_validated(client, auth):
    user = auth.register()
    world = create(client, user, name="Eldoria").json
    changed = client.patch(f"/api/worlds/{world['world_id']}", headers=user["headers"], json={"language": "vi"})
    assert changed.status_code == 200 and changed.json["language"] == "vi"
    for bad in ("fr", "", "VI", 3):
        response = client.patch(f"/api/worlds/{world['world_id']}", headers=user["headers"], json={"language": bad})
        assert response.status_code == 400 and "language" in response.json["details"], bad
    assert create(client, user, language="de").status_code == 400


def test_an_older_world_without_a_language_is_shown_with_the_detected_one(client, auth, store):
    user = auth.register()
    world = create(client, user, name="Làng Đông Ngạc", description="Ngôi làng bên sông.").json
    doc = store.get(World.collection, world["world_id"])
    doc.pop("language")
    store.put(World.collection, world["world_id"], doc)
    assert client.get(f"/api/worlds/{world['world_id']}", headers=user["headers"]).json["language"] == "vi"
    assert World.from_dict(doc).effective_language() == "vi"


def test_a_vietnamese_world_gets_a_vietnamese_starter_cast(client, auth):
    user = auth.register()
    world = create(client, user, name="Hà Nội những năm 1946", world_type="historical", starter_cast=True).json
    characters = client.get(f"/api/worlds/{world['world_id']}/characters", headers=user["headers"]).json
    locations = client.get(f"/api/worlds/{world['world_id']}/locations", headers=user["headers"]).json
    assert len(characters) >= 3 and len(locations) >= 2
    assert all(len(c["name"].split()) == 3 and " là một " in c["description"] for c in characters)
    assert len({c["name"].split()[-1] for c in characters}) == len(characters)
    assert all(loc["name"].split()[0] in {"phố", "làng", "chùa", "chợ", "bến"} for loc in locations)


def test_offline_descriptions_follow_the_world_language(client, auth, make_world, ai):
    user = auth.register()
    world = make_world(user, name="Hà Nội những năm 1946", description="Thủ đô trong mùa thu khói lửa.",
                       world_type="historical", metadata={"themes": ["chiến tranh", "tình yêu"]})
    assert client.post(f"/api/worlds/{world['world_id']}/entities", headers=user["headers"],
                       json={"name": "Trần Văn Minh"}).status_code == 201
    task = run_job(client, user, "/api/gpt/generate-description",
                   {"type": "world", "world_name": world["name"], "world_type": "historical",
                    "world_id": world["world_id"]})
    text = task["result"]["description"]
    assert len(SENTENCE.findall(text)) >= 3
    assert "chiến tranh" in text and "Trần Văn Minh" in text and len(words(text) & VI_WORDS) >= 3
    task = run_job(client, user, "/api/gpt/generate-description",
                   {"type": "story", "story_title": "Mùa thu", "story_genre": "tình cảm",
                    "world_id": world["world_id"], "characters": ["Trần Văn Minh"]})
    story = task["result"]["story_description"]
    assert "một tình cảm" not in story and "a tình cảm" not in story
    assert "câu chuyện tình cảm" in story and "Trần Văn Minh" in story
    assert not words(story) & {"is", "a", "story", "the"}


def test_english_descriptions_are_several_grammatical_sentences():
    text = offline_text.describe_world("Eldoria", "fantasy", ["loss", "hope"], ["Aldric", "Isolde"], "en")
    assert len(SENTENCE.findall(text)) >= 4 and "loss and hope" in text and "Aldric and Isolde" in text
    for genre in ("exile", "adventure", "horror", "tình cảm", "steampunk", ""):
        story = offline_text.describe_story("Ash", genre, "A land of ash. It burns.", ["Aldric"], "en")
        assert len(SENTENCE.findall(story)) >= 3, story
        assert not re.search(r"\ba [aeiou]|\ban [^aeiou\W]", story), story
        assert "tình cảm" not in story and "Aldric" in story
    assert "an adventure story" in offline_text.describe_story("Ash", "adventure", "", [], "en")
    assert "a romance story" in offline_text.describe_story("Ash", "tình cảm", "", [], "en")
    assert "in the steampunk genre" in offline_text.describe_story("Ash", "steampunk", "", [], "en")


@pytest.mark.parametrize("word,expected", [("exile", "an"), ("hero", "a"), ("unicorn", "a"), ("hour", "an"),
                                           ("ambitious", "an"), ("one-eyed", "a")])
def test_article(word, expected):
    assert offline_text.article(word) == expected


def test_descriptions_are_deterministic_and_vary_with_the_name():
    first = offline_text.describe_world("Hà Nội", "modern", [], [], "vi")
    assert first == offline_text.describe_world("Hà Nội", "modern", [], [], "vi")
    assert len({offline_text.describe_world(f"Thành {n}", "modern", [], [], "vi") for n in range(12)}) > 1
    assert offline_text.describe_story("Mùa thu", "bí ẩn", "", [], "vi").startswith("Mùa thu là một câu chuyện bí ẩn về ")


def test_a_description_job_may_name_its_language(client, auth, ai):
    """The create form has no world yet: it sends the language the writer chose."""
    user = auth.register()
    chosen = run_job(client, user, "/api/gpt/generate-description",
                     {"type": "world", "world_name": "Eldoria", "world_type": "fantasy", "language": "vi"})
    assert len(words(chosen["result"]["description"]) & VI_WORDS) >= 3
    detected = run_job(client, user, "/api/gpt/generate-description",
                       {"type": "world", "world_name": "Eldoria", "world_type": "fantasy"})
    assert not words(detected["result"]["description"]) & VI_WORDS
    bad = client.post("/api/gpt/generate-description", headers=user["headers"],
                      json={"type": "world", "world_name": "Eldoria", "language": "fr"})
    assert bad.status_code == 400 and "language" in bad.json["details"]
