"""AI jobs answered by a language model over the OpenAI API (or a server that
speaks it). Same methods and answer shapes as the offline provider.

``budget=`` (see ``ai.budget``) is looked at before each model call, so a job
past its deadline or told to stop makes no further call."""
from __future__ import annotations

from ai import prompts
from ai.budget import Budget
from ai.gpt_client import GPTClient, Usage
from ai.schemas import EventList, StoryAnalysis, StoryDescription, WorldAnalysis, WorldDescription

MAX_TEXT = 30_000   # characters of prose sent per request; keeps prompts within small models' context


class OpenAIProvider:
    def __init__(self, client: GPTClient, name: str):
        self.client = client
        self.name = name

    def _ask(self, job: str, prompt: str, schema, usage: Usage, budget: Budget | None) -> dict:
        if budget is not None:
            budget.check(force=True)
        return self.client.complete(job, prompt, schema, usage).model_dump()

    def describe_world(self, name, world_type, themes, characters, usage, *, budget=None):
        return self._ask("describe_world", prompts.describe_world(name, world_type, themes, characters),
                         WorldDescription, usage, budget)

    def describe_story(self, title, genre, world_description, characters, usage, *, budget=None):
        prompt = prompts.describe_story(title, genre, world_description[:MAX_TEXT], characters)
        return self._ask("describe_story", prompt, StoryDescription, usage, budget)

    def analyze_world(self, description, world_type, usage, *, budget=None):
        return self._ask("analyze_world", prompts.analyze_world(description[:MAX_TEXT], world_type),
                         WorldAnalysis, usage, budget)

    def analyze_story(self, title, genre, text, known_characters, known_locations, usage, *, budget=None):
        prompt = prompts.analyze_story(title, genre, text[:MAX_TEXT], known_characters, known_locations)
        return self._ask("analyze_story", prompt, StoryAnalysis, usage, budget)

    def extract_events(self, title, text, known_characters, known_locations, usage, *, budget=None):
        prompt = prompts.extract_events(title, text[:MAX_TEXT], known_characters, known_locations)
        return self._ask("extract_events", prompt, EventList, usage, budget)
