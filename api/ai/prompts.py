"""Every prompt the app sends to a language model, in one place.

Each job has a system prompt (the role and the exact JSON shape wanted) and a
user prompt built from the job's inputs. Known names of the world are passed
along so the model reuses them instead of inventing variants.
"""
from __future__ import annotations

import json

JSON_RULE = ("Reply with one JSON object only, no prose and no code fences, exactly of this shape: ")

SHAPES = {
    "describe_world": {"description": "string, 2-4 paragraphs"},
    "describe_story": {"story_description": "string, 1-3 paragraphs"},
    "analyze_world": {
        "entities": [{"name": "string", "entity_type": "character|creature|faction|artifact",
                      "description": "string", "attributes": {}}],
        "locations": [{"name": "string", "description": "string", "coordinates": {}}],
    },
    "analyze_story": {
        "characters": [{"name": "string", "role": "string"}],
        "locations": [{"name": "string", "description": "string"}],
    },
    "extract_events": {
        "events": [{"title": "string", "description": "string",
                    "characters": ["name"], "locations": ["name"]}],
    },
}

ROLES = {
    "describe_world": "You are a worldbuilding assistant. Write an evocative description of a fictional world.",
    "describe_story": "You are a story assistant. Write a synopsis for a story set in a fictional world.",
    "analyze_world": ("You extract the characters and places named in a world description. "
                      "List only names that appear in the text; never invent any."),
    "analyze_story": ("You extract the characters and places named in a story. List only names that "
                      "appear in the text; never invent any. Use the known names given when the text "
                      "refers to them (also by alias)."),
    "extract_events": ("You list the events of a story in the order they happen. Each event names the "
                       "characters and places involved, using only names from the text and the known "
                       "names given. Never invent events that are not in the text. At most 20 events."),
}


def system_prompt(job: str) -> str:
    return f"{ROLES[job]}\n{JSON_RULE}{json.dumps(SHAPES[job])}"


def _known(characters: list[str], locations: list[str]) -> str:
    lines = []
    if characters:
        lines.append("Known characters: " + ", ".join(characters))
    if locations:
        lines.append("Known locations: " + ", ".join(locations))
    return "\n".join(lines)


def describe_world(name: str, world_type: str, themes: list[str], characters: list[str]) -> str:
    parts = [f"World name: {name}", f"Genre: {world_type}"]
    if themes:
        parts.append("Themes: " + ", ".join(themes))
    if characters:
        parts.append("Characters: " + ", ".join(characters))
    return "\n".join(parts)


def describe_story(title: str, genre: str, world_description: str, characters: list[str]) -> str:
    parts = [f"Story title: {title}", f"Genre: {genre}"]
    if world_description:
        parts.append(f"The world: {world_description}")
    if characters:
        parts.append("Characters: " + ", ".join(characters))
    return "\n".join(parts)


def analyze_world(description: str, world_type: str) -> str:
    return f"Genre: {world_type}\nWorld description:\n{description}"


def analyze_story(title: str, genre: str, text: str, characters: list[str], locations: list[str]) -> str:
    known = _known(characters, locations)
    return f"Story title: {title}\nGenre: {genre}\n{known}\nStory text:\n{text}".replace("\n\n", "\n")


def extract_events(title: str, text: str, characters: list[str], locations: list[str]) -> str:
    known = _known(characters, locations)
    return f"Story title: {title}\n{known}\nStory text:\n{text}".replace("\n\n", "\n")


def repair(error: str) -> str:
    return (f"That answer could not be used: {error}. " + JSON_RULE.rstrip(": ")
            + " as described above. Send the corrected JSON object only.")
