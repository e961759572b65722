"""The canon an AI job sends with its prompt, fitted to a token budget, and the report of it.

``ContextBuilder.build(user, world, text, budget_tokens=..., model=...)`` offers
the world's canon to the budget in this order (``services.context.canon``):

1. entries the text links (``[[Name]]``, why "mention") or names by name or
   alias ("named"), most named first;
2. their relations ("relation"), then the entries at the relations' other ends
   ("relation");
3. entries the world's lexical search finds for the text's content words
   ("search"), best first;
4. the latest events of the world's calendar ("recent_event").

Each candidate is one line (``services.context.lines``), counted with the
model's tokenizer (``ai.tokens``); a line is taken when it still fits
(``used + tokens <= budget_tokens``), else skipped for "budget" and the next is
tried. Candidates past a list's cap are skipped for "rank". The block is the
lines joined, NFC; its own count is checked against the budget (lines are
dropped from the end if a tokenizer ever counted the whole above the parts).

Only the world's own canon is read. What the caller may not see (events of
stories they may not read, ``[[names]]`` that are no entry of this world) is
reported as a count per kind, never by id or name.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from ai.tokens import TokenCounter, context_budget
from core import permissions
from core.errors import InvalidInput, NotFound
from core.models import FieldTemplate, User, World
from core.text import tokenize
from services import access
from services.context import canon, lines
from services.dating import calendar_of
from services.mention_names import entry_docs, entry_kind, names_of
from services.relation_service import RelationService
from services.search_service import SearchService
from storage import DocumentStore

NAMED_MAX = 60        # entries the text names, offered at most (the rest: "rank")
RELATIONS_MAX = 40    # their relations
RELATED_MAX = 20      # entries at the other ends of those relations
SEARCH_KEPT = 10      # search hits offered; the next ones up to SEARCH_DEPTH are reported as "rank"
SEARCH_DEPTH = 20
EVENTS_MAX = 10       # latest events offered


@dataclass
class ContextPack:
    """``text``: the canon block for the prompt; ``report``: what went in, what did not, and why."""

    text: str
    report: dict = field(default_factory=dict)


@dataclass
class _Candidate:
    kind: str      # entry | relation | event
    id: str
    name: str
    line: str
    why: str


class ContextBuilder:
    def __init__(self, store: DocumentStore, counter_factory: Callable[[str], TokenCounter],
                 config=None, search: SearchService | None = None):
        self.store = store
        self.counter_factory = counter_factory
        self.config = config if config is not None else {}
        self.search = search or SearchService(store)
        self.relations = RelationService(store)

    # -- the preview route ----------------------------------------------------------------

    def model_for(self, world: World, requested: str | None = None) -> str:
        """The model a job of the world uses: ``requested`` if the operator allows it (400
        otherwise), else the world's choice if still allowed, else ``OPENAI_MODEL``."""
        default = self.config.get("OPENAI_MODEL") or "gpt-4o-mini"
        allowed = {default, *(self.config.get("AI_ALLOWED_MODELS") or [])}
        if requested:
            if requested not in allowed:
                raise InvalidInput("This model is not one the operator allows", {"model": "not allowed"},
                                   code="model_not_allowed")
            return requested
        return world.ai_model if world.ai_model in allowed else default

    def budget_for(self, model: str) -> int:
        return context_budget(self.config, model)

    def preview(self, user: User, world_id: str, text: str, model: str | None = None) -> dict:
        """What a job on the world would send for ``text`` (callers who write the world):
        the report and the block as ``text``."""
        world = access.writable_world(self.store, user, world_id)
        model = self.model_for(world, model)
        pack = self.build(user, world, text, budget_tokens=self.budget_for(model), model=model)
        return {**pack.report, "model": model, "text": pack.text}

    # -- building -------------------------------------------------------------------------

    def build(self, user: User | None, world: World, text: str, *, budget_tokens: int, model: str,
              exclude_story_id: str | None = None) -> ContextPack:
        """The canon for a job on ``world`` about ``text`` within ``budget_tokens`` (see the module)."""
        if not permissions.can_view_world(user, world):
            raise NotFound("World not found")
        counter = self.counter_factory(model)
        language = world.effective_language()
        calendar = calendar_of(world)
        text = unicodedata.normalize("NFC", text or "")
        candidates, rank_skipped, hidden = self._candidates(user, world, text, language, calendar,
                                                            exclude_story_id)
        return self._fit(candidates, rank_skipped, hidden, counter, max(0, int(budget_tokens)))

    def _candidates(self, user, world: World, text: str, language: str, calendar: dict,
                    exclude_story_id: str | None):
        world_id = world.world_id
        docs = entry_docs(self.store, world_id)
        names = names_of(docs)
        by_id = {d[self.store.id_field(c)]: (c, d) for c, d in docs}
        entry_names = {entry_id: d["name"] for entry_id, (_, d) in by_id.items()}
        templates = {(t["kind"], t["key"]): t for t in
                     self.store.find(FieldTemplate.collection, where={"world_id": world_id})}
        found = canon.mentioned(text, names, language)
        offered, skipped, taken = [], [], set()

        def entry(entry_id: str, why: str, keep: bool) -> None:
            collection, doc = by_id[entry_id]
            kind = entry_kind(collection, doc)
            candidate = _Candidate("entry", entry_id, lines.one_line(doc["name"]),
                                   lines.entry_line(doc, kind, language, templates, entry_names, calendar), why)
            (offered if keep else skipped).append(candidate)
            taken.add(entry_id)

        named = [(entry_id, why) for entry_id, why in found.ranked() if entry_id in by_id]
        for n, (entry_id, why) in enumerate(named):
            entry(entry_id, why, n < NAMED_MAX)
        named_ids = [entry_id for entry_id, _ in named[:NAMED_MAX]]
        types = self.relations.type_map(world)
        others = []
        for n, doc in enumerate(canon.relations_of(self.store, world_id, named_ids, set(by_id))):
            source, target = entry_names[doc["source_id"]], entry_names[doc["target_id"]]
            label = types.get(doc["type"], {}).get("label", doc["type"])
            title = lines.relation_line(source, label, target).strip()
            (offered if n < RELATIONS_MAX else skipped).append(_Candidate(
                "relation", doc["relation_id"], title, lines.relation_line(source, label, target, doc.get("note")),
                "relation"))
            if n < RELATIONS_MAX:
                others += [end for end in (doc["source_id"], doc["target_id"]) if end not in taken]
        for n, entry_id in enumerate(dict.fromkeys(others)):
            entry(entry_id, "relation", n < RELATED_MAX)
        skip_words = {w for entry_id in named_ids for w in tokenize(entry_names[entry_id])}
        query = canon.search_query(text, skip_words)
        hits = []
        if query.strip():   # ranked by the store; entries already offered are passed over
            depth = SEARCH_DEPTH + min(len(taken), SEARCH_DEPTH)
            page = self.search.search(user, query, 0, depth, world_id=world_id, types=["entry"])
            hits = [h for h in page.items if h["id"] in by_id and h["id"] not in taken][:SEARCH_DEPTH]
        for n, hit in enumerate(hits):
            entry(hit["id"], "search", n < SEARCH_KEPT)
        visible = set(access.visible_story_ids(self.store, user, world))
        events, hidden_events = canon.recent_events(self.store, world_id, calendar, visible, exclude_story_id,
                                                    EVENTS_MAX)
        for event, date in events:
            offered.append(_Candidate("event", event["event_id"], lines.one_line(event.get("title")),
                                      lines.event_line(event.get("title", ""), event.get("description", ""),
                                                       date, language, calendar), "recent_event"))
        hidden = {"entry": found.unresolved_mentions, "event": hidden_events}
        return offered, skipped, hidden

    def _fit(self, offered: list[_Candidate], rank_skipped: list[_Candidate], hidden: dict[str, int],
             counter: TokenCounter, budget: int) -> ContextPack:
        included, skipped, used = [], [], 0
        for rank, candidate in enumerate(offered, start=1):
            tokens = counter.count(candidate.line)
            if used + tokens <= budget:
                used += tokens
                included.append((candidate, tokens, rank))
            else:
                skipped.append(_skip(candidate, tokens, "budget", rank))
        block = "".join(c.line for c, _, _ in included)
        total = counter.count(block) if included else 0
        while total > budget and included:   # a tokenizer that counts the whole above its parts
            candidate, tokens, rank = included.pop()
            skipped.append(_skip(candidate, tokens, "budget", rank))
            block = "".join(c.line for c, _, _ in included)
            total = counter.count(block) if included else 0
        skipped.sort(key=lambda s: s["rank"])
        skipped += [_skip(c, counter.count(c.line), "rank") for c in rank_skipped]
        skipped += [{"kind": kind, "reason": "visibility", "count": count} for kind, count in hidden.items() if count]
        report = {
            "budget_tokens": budget, "used_tokens": total, "tokenizer": counter.name,
            "included": [{"kind": c.kind, "id": c.id, "name": c.name, "tokens": tokens, "why": c.why, "rank": rank}
                         for c, tokens, rank in included],
            "skipped": skipped,
        }
        return ContextPack(block, report)


def _skip(candidate: _Candidate, tokens: int, reason: str, rank: int | None = None) -> dict:
    skipped = {"kind": candidate.kind, "id": candidate.id, "name": candidate.name, "tokens": tokens,
               "reason": reason}
    return skipped if rank is None else {**skipped, "rank": rank}
