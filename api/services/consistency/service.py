"""The consistency check job: task type ``consistency_check``, started like every AI job
(``AIService.start``: daily quota, task record, the runner), its body here.

Who may run it and read its findings: members who write in the story's world
(owner, co-authors, admins) and who can see the story. The job re-checks that as it
runs, before and after the model is asked and before it stores anything. The canon
it reads is the world's entries, relations and the events of the stories the caller
may read; earlier chapters of the same book (those the caller may read) feed the
"appears after death" rule.
"""
from __future__ import annotations

from core import permissions
from core.errors import Forbidden, InvalidInput, NotFound
from core.models import IgnoredName, Story, User, World
from core.vocabulary import SELECTION_MAX
from services import access
from services.consistency import llm, rules
from services.consistency.canon import Canon
from services.consistency.findings import FindingStore, present
from services.consistency.text import Text
from storage import DocumentStore

ACCESS_REVOKED = "Access revoked: you may no longer use this world"
OFFLINE_NOTICE = "No language model is configured (offline): only the offline rules ran"


def writable_story(store: DocumentStore, user: User | None, story_id: str) -> tuple[Story, World]:
    """The story, if the caller sees it and writes in its world (404 unseen, 403 a reader)."""
    story, world = access.visible_story(store, user, story_id)
    if not permissions.can_write_world(user, world):
        raise Forbidden("Only the world's owner and co-authors can check its stories")
    return story, world


def follow_edits(found: list[dict], content: str) -> list[dict]:
    """The findings of a text that changed while it was checked, placed in the new text: a quote
    still at its offsets stays; else its occurrence nearest to them; a quote gone is dropped."""
    kept = []
    for finding in found:
        quote, start = finding["quote"], finding["start"]
        if start < 0 or not quote:
            kept.append(finding)
            continue
        if content[start:finding["end"]] == quote:
            kept.append(finding)
            continue
        hits, i = [], content.find(quote)
        while i >= 0:
            hits.append(i)
            i = content.find(quote, i + 1)
        if hits:
            nearest = min(hits, key=lambda h: abs(h - start))
            kept.append({**finding, "start": nearest, "end": nearest + len(quote)})
    return kept


class ConsistencyService:
    def __init__(self, store: DocumentStore, ai, relations, context_builder=None, config=None):
        self.store = store
        self.ai = ai                      # services.ai_service.AIService: start, provider, owner checks
        self.relations = relations
        self.context_builder = context_builder
        self.config = config or {}
        self.findings = FindingStore(store)

    # -- starting ---------------------------------------------------------------

    def start(self, user: User, story_id: str, start: int | None = None, end: int | None = None,
              use_ai: bool = False) -> dict:
        story, _ = writable_story(self.store, user, story_id)
        length = len(story.content or "")
        if start is not None or end is not None:
            start = 0 if start is None else start
            end = length if end is None else end
            if not 0 <= start < end <= length:
                raise InvalidInput("The selection is not inside the story's text",
                                   {"end": f"0 <= start < end <= {length}"})
            if use_ai and end - start > SELECTION_MAX:
                raise InvalidInput(f"A selection checked by the model holds at most {SELECTION_MAX:,} characters",
                                   {"end": f"at most {SELECTION_MAX:,} characters after start"})
        return self.ai.start(user, "consistency_check", story_id=story.story_id, start=start, end=end,
                             use_ai=bool(use_ai))

    # -- the job --------------------------------------------------------------------

    def _allowed(self, ctx, story_id: str) -> tuple[User, Story, World]:
        user = self.ai._owner(ctx)
        try:
            story, world = writable_story(self.store, user, story_id)
        except (NotFound, Forbidden):
            if self.store.get(Story.collection, story_id) is None:
                raise NotFound("The story no longer exists") from None
            raise Forbidden(ACCESS_REVOKED) from None
        return user, story, world

    def run(self, ctx, story_id: str, start: int | None = None, end: int | None = None,
            use_ai: bool = False) -> dict:
        user, story, world = self._allowed(ctx, story_id)
        text = Text.of(story.content or "")
        canon = Canon.load(self.store, user, world, story, self.relations.vocabulary(world).types)
        ignored = {d["key"] for d in self.store.find(IgnoredName.collection, where={"world_id": world.world_id})}
        ctx.progress(0, 2 if use_ai else 1, "Checking against the canon")
        found = rules.check(text, canon, ignored=ignored, budget=ctx.budget, start=start or 0, end=end)
        sources, extra = ("rules",), {}
        if use_ai:
            if getattr(self.ai.provider, "client", None) is None:
                extra["notice"] = OFFLINE_NOTICE
            else:
                ctx.progress(1, 2, "Asking the model")
                model = getattr(ctx, "model", None)   # the job's model, where the runner records one
                answer = llm.check(self.ai.provider, text, canon, ctx.usage, budget=ctx.budget, start=start or 0,
                                   end=end, context=self._context(user, world, story, text, start, end, model),
                                   model=model)
                found += llm.merge(answer["findings"], found)
                sources += ("llm",)
                extra["context"] = answer.get("context")
                extra["dropped"] = answer["dropped"]
        with self.store.unit_of_work():
            _, story, world = self._allowed(ctx, story_id)
            if (story.content or "") != text.original:   # written to meanwhile (autosave): follow the text
                found = follow_edits(found, story.content or "")
                start = end = None   # the checked range no longer maps: replace nothing stale this time
                sources = ()
            stored = self.findings.record(world.world_id, story_id, found, sources, start or 0, end)
        return {"findings": [present(d) for d in stored], "counts": self.findings.counts(story_id),
                **{k: v for k, v in extra.items() if v is not None}}

    def _context(self, user: User, world: World, story: Story, text: Text, start, end, model: str | None = None):
        """The canon block for the prompt (the context builder's, when wired; else the rules' own)."""
        if self.context_builder is None:
            return None
        piece = text.original[start or 0:end if end is not None else len(text.original)]
        model = model or getattr(getattr(self.ai.provider, "client", None), "model", "") or ""
        budgets = self.config.get("AI_CONTEXT_BUDGETS") or {}
        budget = budgets.get(model) or self.config.get("AI_CONTEXT_TOKENS") or 2000
        return self.context_builder.build(user, world, piece, budget_tokens=budget, model=model,
                                          exclude_story_id=story.story_id)   # its own events come from this text

    # -- findings ---------------------------------------------------------------------

    def list(self, user: User, story_id: str, status: str = "open") -> list[dict]:
        writable_story(self.store, user, story_id)
        return [present(d) for d in self.findings.of_story(story_id, status)]

    def set_status(self, user: User, finding_id: str, status: str) -> dict:
        doc = self.store.get("findings", finding_id)
        if doc is None:
            raise NotFound("Finding not found")
        try:
            writable_story(self.store, user, doc["story_id"])
        except NotFound:
            raise NotFound("Finding not found") from None
        return present(self.findings.set_status(doc, status, user.user_id))
