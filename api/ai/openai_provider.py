"""AI jobs answered by a language model over the OpenAI API (or a server that
speaks it). Same methods, keyword arguments and answer shapes as the offline
provider.

Every request has a fresh fence (``prompts.new_fence``) around the user's
data and is told the world's language; every answer naming things is checked
against the text (``ai.llm_checks``), so a story cannot make a job name what
it does not contain. Long texts are read in chunks of at most ``CHUNK_CHARS``
cut at paragraph ends. ``budget=`` (see ``ai.budget``) is looked at before
each model call, so a job past its deadline or told to stop makes no further
call. Every method takes ``model=`` (the job's model, ``AISettings.model_for``);
none means the configured ``OPENAI_MODEL``.
"""
from __future__ import annotations

import re

from ai import llm_checks, prompts
from ai.budget import Budget
from ai.gpt_client import GPTClient, Usage
from ai.llm_checks import Grounding
from ai.schemas import StoryDescription, WorldDescription
from core.language import detect_language

MAX_TEXT = 30_000      # characters sent to the one-request analyses; keeps prompts within small models' context
CHUNK_CHARS = 12_000   # characters of prose per request for names and events
_PARAGRAPH_END = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at paragraph ends where possible,
    else at sentence ends, else at spaces."""
    pieces, current = [], ""
    for paragraph in _split(text or "", limit):
        if current and len(current) + 2 + len(paragraph) > limit:
            pieces.append(current)
            current = ""
        current = f"{current}\n\n{paragraph}" if current else paragraph
    return [p for p in pieces + [current] if p.strip()]


def _split(text: str, limit: int) -> list[str]:
    """Paragraphs no longer than ``limit`` (a longer one split at sentences, then spaces)."""
    out = []
    for paragraph in _PARAGRAPH_END.split(text):
        paragraph = paragraph.strip()
        if len(paragraph) <= limit:
            out.append(paragraph)
            continue
        for sentence in _SENTENCE_END.split(paragraph):
            while len(sentence) > limit:
                cut = sentence.rfind(" ", 0, limit)
                cut = cut if cut > limit // 2 else limit
                out.append(sentence[:cut])
                sentence = sentence[cut:].strip()
            out.append(sentence)
    return [p for p in out if p]


def _language(language: str | None, *texts: str) -> str:
    return language or detect_language(" ".join(t for t in texts if t))


def _names_of(known: list[str]) -> list[dict]:
    return [{"name": n} for n in known if n]


class OpenAIProvider:
    def __init__(self, client: GPTClient, name: str):
        self.client = client
        self.name = name

    @property
    def model(self) -> str:
        """The configured model, used when a call names none."""
        return self.client.model

    def _ask(self, job: str, build, schema, usage: Usage, budget: Budget | None, language: str | None,
             model: str | None = None) -> dict:
        """One request: ``build(fence)`` is the user prompt, the system prompt names the same fence."""
        if budget is not None:
            budget.check(force=True)
        fence = prompts.new_fence()
        system = prompts.system_prompt(job, language, fence)
        return self.client.complete(job, build(fence), schema, usage, system=system, model=model).model_dump()

    def describe_world(self, name, world_type, themes, characters, usage, *, budget=None, language="en",
                       model=None):
        return self._ask("describe_world", lambda f: prompts.describe_world(name, world_type, themes, characters, f),
                         WorldDescription, usage, budget, language, model)

    def describe_story(self, title, genre, world_description, characters, usage, *, budget=None,
                       language="en", model=None):
        def build(fence):
            return prompts.describe_story(title, genre, world_description[:MAX_TEXT], characters, fence)
        return self._ask("describe_story", build, StoryDescription, usage, budget, language, model)

    def analyze_world(self, description, world_type, usage, *, budget=None, language=None, model=None):
        text = description[:MAX_TEXT]
        answer = self._ask("analyze_world", lambda f: prompts.analyze_world(text, world_type, f),
                           llm_checks.LooseWorldAnalysis, usage, budget, _language(language, text), model)
        return llm_checks.check_world_analysis(answer, Grounding(text))

    def analyze_story(self, title, genre, text, known_characters, known_locations, usage, *, budget=None,
                      language=None, model=None):
        text = text[:MAX_TEXT]

        def build(fence):
            return prompts.analyze_story(title, genre, text, known_characters, known_locations, fence)
        answer = self._ask("analyze_story", build, llm_checks.LooseStoryAnalysis, usage, budget,
                           _language(language, text), model)
        return llm_checks.check_story_analysis(answer, Grounding(text, _names_of(known_characters + known_locations)))

    def find_names(self, text, known, usage, *, language=None, budget=None, model=None):
        """The names in ``text`` (``{name, kind, confidence, quote, aliases, count}``), chunk by chunk,
        each grounded in the text or the world's ``known`` entries ``{name, kind, aliases}``."""
        language = _language(language, text)
        found = []
        for piece in chunks(text):
            answer = self._ask("find_names", lambda f, piece=piece: prompts.find_names(piece, known, f),
                               llm_checks.LooseNameList, usage, budget, language, model)
            found.extend(answer["names"])
        return {"names": llm_checks.check_names(found, Grounding(text, known))}

    def extract_events(self, title, text, known_characters, known_locations, usage, *, budget=None,
                       language=None, base_year=None, progress=None, model=None):
        """The story's events, chunk by chunk in the text's order (``progress(done, total, message)``
        after each), at most ``llm_checks.MAX_EVENTS``."""
        language = _language(language, text)
        pieces = chunks(text)
        ground = Grounding(text, _names_of(known_characters + known_locations))
        events = []
        for done, piece in enumerate(pieces, start=1):
            def build(fence, piece=piece, done=done):
                return prompts.extract_events(title, piece, known_characters, known_locations, fence,
                                              base_year=base_year, part=(done, len(pieces)))
            answer = self._ask("extract_events", build, llm_checks.LooseEventList, usage, budget, language,
                               model)
            events.extend(llm_checks.check_events(answer["events"], ground))
            if progress is not None:
                progress(done, len(pieces), f"Read part {done} of {len(pieces)}")
            if len(events) >= llm_checks.MAX_EVENTS:
                break
        return {"events": events[:llm_checks.MAX_EVENTS]}
