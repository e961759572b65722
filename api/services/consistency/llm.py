"""The model's consistency findings, in the rules' shape, validated.

The model gets the passage (fenced as data) and the canon with ids: the context
builder's block when it is wired (``ContextPack.text``; the ids of what it
included are listed after it), else a compact canon of the entries the passage
names, their fields and relations, and the deaths on record. It answers
``{"findings": [{kind, severity, message, quote, cites: [{kind, id}], suggestion}]}``.

Each finding is validated alone (one bad item never sinks the others) and dropped
when: its shape is wrong (pydantic), its kind unknown, its quote not written in the
passage (compared in NFC, case and spacing as written), or it cites an id that is
not an entry or event of the world the caller may see (or a kind that needs a
citation cites nothing). Cited names come from the canon, never from the model.
"""
from __future__ import annotations

import json
import unicodedata
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator

from ai import prompts
from core.vocabulary import FINDING_KINDS, FINDING_SEVERITIES
from services.consistency.canon import Canon
from services.consistency.mentions import locate
from services.consistency.text import Text, lower

MAX_FINDINGS = 60
MESSAGE_MAX = 500
QUOTE_MAX = 1000
JOB = "check_consistency"
SHAPE = {"findings": [{"kind": "|".join(FINDING_KINDS), "severity": "|".join(FINDING_SEVERITIES),
                       "message": "string", "quote": "string copied exactly from the passage",
                       "cites": [{"kind": "entry|event", "id": "string"}], "suggestion": "string"}]}
ROLE = ("You check a passage of a story against its world's canon and list the contradictions: a field "
        "contradicted (eye colour, age, title), a relation contradicted (her brother called her cousin), a dead "
        "character acting after the death event, a date conflict, a variant spelling of a known name, an unknown "
        "name. Quote the exact words of the passage, cite the canon's ids, and propose a replacement for the "
        "quote as suggestion (or \"\"). List nothing the canon does not contradict; never invent ids.")


class Answer(BaseModel):
    findings: list[Any] = Field(default_factory=list)

    @field_validator("findings", mode="before")
    @classmethod
    def _cut(cls, value):
        if not isinstance(value, list):
            raise ValueError("must be a list")
        return value[:MAX_FINDINGS]


class Cite(BaseModel):
    kind: str = "entry"
    id: str


class ModelFinding(BaseModel):
    kind: str
    severity: str = "warning"
    message: str = ""
    quote: str = Field(min_length=1, max_length=QUOTE_MAX)
    cites: list[Cite] = Field(default_factory=list, max_length=10)
    suggestion: str = ""

    @field_validator("kind")
    @classmethod
    def _kind(cls, value):
        if value not in FINDING_KINDS:
            raise ValueError("unknown kind")
        return value

    @field_validator("severity", mode="before")
    @classmethod
    def _severity(cls, value):
        return value if value in FINDING_SEVERITIES else "warning"


def system_prompt(language: str, fence: str) -> str:
    return "\n".join([ROLE, prompts.JSON_RULE + json.dumps(SHAPE), prompts.language_rule(language),
                      prompts.data_rule(fence)])


def canon_block(text: Text, canon: Canon, context=None) -> str:
    """The canon with ids: the context builder's block and the ids it included, else our own;
    either way followed by the deaths on record of the characters the passage names."""
    named = list(dict.fromkeys(m.entry_id for m in locate(text, canon)))
    deaths = [f"event {d.event['event_id']}: {d.event['title']}" + (f" (year {d.date['year']})" if d.date else "")
              for entry_id in named for d in canon.deaths.get(entry_id, []) if d.event is not None]
    if context is not None:
        ids = [f"{i['kind']} {i['id']}: {i.get('name', '')}" for i in (context.report or {}).get("included", [])
               if i.get("kind") in ("entry", "event") and i.get("id")]
        ids += [f"entry {i}: {canon.entries[i].name}" for i in named
                if not any(line.startswith(f"entry {i}:") for line in ids)]
        return "\n".join([context.text, "Ids:", *dict.fromkeys(ids + deaths)])
    lines = []
    for entry_id in named:
        entry = canon.entries[entry_id]
        fields = "; ".join(f"{entry.labels.get(k, k)}: {v}" for k, v in entry.fields.items())
        aliases = f" (also {', '.join(entry.aliases)})" if entry.aliases else ""
        lines.append(f"entry {entry.id}: {entry.name}{aliases}, {entry.kind}" + (f"; {fields}" if fields else ""))
    for relation in canon.relations:
        if relation["source_id"] in named or relation["target_id"] in named:
            a, b = canon.entries.get(relation["source_id"]), canon.entries.get(relation["target_id"])
            if a and b:
                label = canon.relation_types.get(relation["type"], {}).get("label") or relation["type"]
                lines.append(f"relation: {a.name} — {label} — {b.name}")
    return "\n".join(lines + deaths)


def check(provider, text: Text, canon: Canon, usage, *, budget=None, start: int = 0, end: int | None = None,
          context=None, model: str | None = None) -> dict:
    """Ask the model about the passage (``start..end`` of the stored text); its findings, validated,
    with how many were dropped and the context report when the builder was used."""
    end = len(text.original) if end is None else end
    passage = text.original[start:end]
    if budget is not None:
        budget.check(force=True)
    fence = prompts.new_fence()
    user = "\n".join([prompts.block("CANON", canon_block(Text.of(passage), canon, context), fence),
                      prompts.block("PASSAGE", passage, fence)])
    per_call = {"model": model} if model else {}   # the job's model (the world's), where the client takes one
    answer = provider.client.complete(JOB, user, Answer, usage, system=system_prompt(canon.language, fence),
                                      **per_call)
    findings, dropped = validate(answer.findings, text, canon, start, end)
    return {"findings": findings, "dropped": dropped,
            "context": getattr(context, "report", None) if context is not None else None}


def _flat(value: str) -> str:
    return lower(unicodedata.normalize("NFC", " ".join((value or "").split())))


def validate(items: list, text: Text, canon: Canon, start: int = 0, end: int | None = None) -> tuple[list, int]:
    """The model's findings that hold, as findings (``source: "llm"``); and how many were dropped."""
    end = len(text.original) if end is None else end
    known = {("entry", i): e.name for i, e in canon.entries.items()}
    known.update({("event", e["event_id"]): e["title"] for e in canon.events})
    known[("story", canon.story.story_id)] = canon.story.title
    haystack = text.lowered
    kept, dropped = [], 0
    for item in items:
        try:
            found = ModelFinding.model_validate(item)
        except ValidationError:
            dropped += 1
            continue
        where = _find(haystack, _flat(found.quote), text, start, end)
        cites = []
        for cite in found.cites:
            kind = cite.kind if cite.kind in ("entry", "event", "story") else "entry"
            name = known.get((kind, cite.id))
            if name is None:
                cites = None
                break
            cites.append({"kind": kind, "id": cite.id, "name": name})
        if where is None or cites is None or (not cites and found.kind != "unknown_name"):
            dropped += 1
            continue
        quote, a, b = text.quote(*where)
        kept.append({"kind": found.kind, "severity": found.severity, "message": found.message[:MESSAGE_MAX],
                     "quote": quote, "start": a, "end": b, "cites": cites,
                     "suggestion": found.suggestion[:QUOTE_MAX], "source": "llm"})
    return kept, dropped


def _find(haystack: str, needle: str, text: Text, start: int, end: int) -> tuple[int, int] | None:
    """NFC offsets of the quote inside the checked range (casefolding keeps lengths for these scripts)."""
    if not needle:
        return None
    i = haystack.find(needle)
    while i >= 0:
        a, b = text.span(i, i + len(needle))
        if a >= start and b <= end:
            return i, i + len(needle)
        i = haystack.find(needle, i + 1)
    return None


def merge(model_findings: list[dict], rule_findings: list[dict]) -> list[dict]:
    """The model's findings the rules did not already make (same kind over an overlapping span)."""
    def overlaps(x, y):
        return x["kind"] == y["kind"] and x["start"] < y["end"] and y["start"] < x["end"]
    return [f for f in model_findings if not any(overlaps(f, r) for r in rule_findings)]
