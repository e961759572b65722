"""Writing tools (continue, expand, rephrase, summarise, suggest titles, describe
an entry) as AI jobs of task type ``writing``, streamed.

``start`` checks the caller may write the world, that the story or entry named
belongs to it and that the tool has what it needs, then records the task
(daily quota) and hands the job to the runner, like ``AIService.start``.

The job, as it runs: re-reads who its owner is and whether they still write the
world, chooses the canon to send (``ContextBuilder.build``, once, in
``_context``), stores the context report on the task (``context``), and asks the
provider to ``write``. Every piece of text that arrives goes at once to the
task's live channel (``task_channel``: ``delta`` messages ``{offset, text}``)
and, at most every ``PARTIAL_EVERY`` seconds (and at once when a reader joins),
to the task record (``partial``), so a late or reconnecting reader of
``GET /gpt/results/{id}/stream`` starts from the stored text. A stream cut mid-way ends the task as ``error`` with the
text so far kept in ``partial``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import partial

from ai.gpt_client import AIError
from core.errors import Forbidden, InvalidInput, NotFound
from core.models import Relation, Story, User, World
from services import access
from services.entry_refs import find_entry, kind_of
from services.field_service import FieldService
from services.relation_service import RelationService
from services.task_runner import JobContext, TaskRunner
from services.task_service import COLLECTION as TASKS, TaskCancelled, TaskService, task_channel
from storage import DocumentStore

TASK_TYPE = "writing"
PARTIAL_EVERY = 0.3        # seconds between two saves of the text so far
CONTEXT_TEXT = 6_000       # characters of the job's text the context builder reads
TITLE_TEXT = 20_000        # characters of a story read to suggest its titles
MAX_RELATIONS = 40         # relations of an entry listed for ``describe_entry``
ACCESS_REVOKED = "Access revoked: you may no longer write in this world"
NEEDS_SELECTION = ("expand", "rephrase", "summarise")


@dataclass
class NoContext:
    """What a job sends when no context builder is wired: nothing, reported as such."""
    text: str = ""
    report: dict = field(default_factory=dict)


class WritingService:
    def __init__(self, store: DocumentStore, provider, tasks: TaskService, runner: TaskRunner, bus, config,
                 context=None, ai_settings=None):
        self.store, self.provider, self.tasks, self.runner, self.bus = store, provider, tasks, runner, bus
        self.config = config
        self.context = context   # services.context_builder.ContextBuilder (None: no canon is sent)
        self.ai_settings = ai_settings   # services.ai_settings.AISettings (None: the provider's default model)

    # -- starting --------------------------------------------------------------------

    def start(self, user: User, world_id: str, request: dict) -> dict:
        """Record a ``writing`` task for ``request`` (the validated body) and queue its job."""
        world = access.writable_world(self.store, user, world_id)
        tool = request["tool"]
        story_id, entry_id = request.get("story_id") or "", request.get("entry_id") or ""
        if story_id and self._story(world, story_id) is None:
            raise InvalidInput("The story is not in this world", {"story_id": "not a story of this world"})
        if entry_id and find_entry(self.store, world.world_id, entry_id) is None:
            raise InvalidInput("The entry is not in this world", {"entry_id": "not an entry of this world"})
        _needs(tool, request, story_id, entry_id)
        task = self.tasks.create(user, TASK_TYPE, self.provider.name, world_id=world.world_id,
                                 model=self.model_for(world) or "")
        params = {k: request.get(k) or "" for k in ("tool", "selection", "before", "after", "instructions")}
        job = partial(self.run, world_id=world.world_id, story_id=story_id, entry_id=entry_id, **params)
        self.store.after_commit(partial(self.runner.submit, task["task_id"], job))
        return task

    def _story(self, world: World, story_id: str) -> dict | None:
        doc = self.store.get(Story.collection, story_id)
        return doc if doc is not None and doc.get("world_id") == world.world_id else None

    # -- the job -------------------------------------------------------------------------

    def run(self, ctx: JobContext, *, world_id: str, story_id: str, entry_id: str, tool: str, selection: str,
            before: str, after: str, instructions: str) -> dict:
        user, world = self._allowed(ctx, world_id)
        if tool == "titles" and not selection.strip():
            story = self._story(world, story_id) if story_id else None
            if story is None:
                raise NotFound("The story no longer exists")
            selection = f"{story.get('title', '')}\n\n{story.get('content') or story.get('description') or ''}"
            selection = selection[:TITLE_TEXT]
        entry = self._entry_facts(world, entry_id) if entry_id else None
        if tool == "describe_entry" and entry is None:
            raise NotFound("The entry no longer exists")
        model = self.model_for(world)
        seen = " ".join(t for t in (entry and entry["name"], before[-CONTEXT_TEXT // 3:], selection,
                                    after[:CONTEXT_TEXT // 3]) if t)[:CONTEXT_TEXT]
        pack = self._context(user, world, seen, model, story_id or None)
        self.tasks.update(ctx.task_id, context=pack.report)
        writer = PartialWriter(self.tasks, self.bus, ctx)
        try:
            result = self.provider.write(tool, selection=selection, before=before, after=after,
                                         instructions=instructions, canon=pack.text,
                                         language=world.effective_language(), model=model, usage=ctx.usage,
                                         budget=ctx.budget, on_delta=writer, entry=entry)
        except AIError:
            writer.flush(quiet=True)   # a cut stream: what arrived stays on the task
            raise
        finally:
            writer.close()
        writer.flush()
        self._allowed(ctx, world_id)   # still allowed now the answer is here?
        return result

    def model_for(self, world: World) -> str | None:
        """The model of the world's jobs (its own if the operator allows it, else OPENAI_MODEL)."""
        if self.ai_settings is not None:
            return self.ai_settings.model_for(world)
        if self.context is None:
            return None   # the provider's default
        return self.context.model_for(world)

    def _context(self, user: User, world: World, text: str, model: str | None, story_id: str | None):
        """The canon sent with the job and its report (the ONE call of the context builder)."""
        if self.context is None:
            return NoContext(report={"budget_tokens": 0, "used_tokens": 0, "tokenizer": "estimate",
                                     "included": [], "skipped": []})
        return self.context.build(user, world, text, budget_tokens=self.context.budget_for(model), model=model,
                                  exclude_story_id=story_id)

    def _allowed(self, ctx: JobContext, world_id: str) -> tuple[User, World]:
        """The task's owner as the account stands now, and the world if they still write in it."""
        task = self.store.get(TASKS, ctx.task_id) or {}
        doc = self.store.get(User.collection, task.get("owner_id") or "")
        if doc is None or doc.get("banned"):
            raise Forbidden(ACCESS_REVOKED)
        user = User.from_dict(doc)
        try:
            return user, access.writable_world(self.store, user, world_id)
        except (NotFound, Forbidden):
            if access.load_world(self.store, world_id) is None:
                raise NotFound("The world no longer exists") from None
            raise Forbidden(ACCESS_REVOKED) from None

    def _entry_facts(self, world: World, entry_id: str) -> dict | None:
        """``{name, kind, aliases, description, fields: [{label, value}], relations: [{label, name}]}``."""
        found = find_entry(self.store, world.world_id, entry_id)
        if found is None:
            return None
        collection, doc = found
        kind = kind_of(collection, doc)
        labels = {t.key: t.label for t in FieldService(self.store).list(world, kind)}
        fields = [{"label": labels.get(key, key.replace("_", " ")), "value": self._value(world, value)}
                  for key, value in (doc.get("fields") or {}).items() if value not in (None, "", [])]
        types = RelationService(self.store).type_map(world)
        relations = []
        for side, other in (("source_id", "target_id"), ("target_id", "source_id")):
            for rel in self.store.find(Relation.collection, where={"world_id": world.world_id, side: entry_id},
                                       limit=MAX_RELATIONS):
                other_doc = find_entry(self.store, world.world_id, rel[other])
                kind_type = types.get(rel["type"]) or {}
                label = kind_type.get("label" if side == "source_id" or rel.get("mutual") else "inverse_label")
                if other_doc is not None:
                    relations.append({"label": label or rel["type"].replace("_", " "), "name": other_doc[1]["name"]})
        return {"name": doc["name"], "kind": kind, "aliases": list(doc.get("aliases") or []),
                "description": doc.get("description", ""), "fields": fields, "relations": relations[:MAX_RELATIONS]}

    def _value(self, world: World, value) -> str:
        """A field's value as text; an entry id (an ``entry`` field) as that entry's name."""
        if isinstance(value, dict):   # a date
            return "-".join(str(value[k]) for k in ("year", "month", "day") if value.get(k) is not None)
        if isinstance(value, list):
            return ", ".join(self._value(world, v) for v in value)
        if isinstance(value, str) and value:
            found = find_entry(self.store, world.world_id, value)
            if found is not None:
                return found[1]["name"]
        return str(value)


def _needs(tool: str, request: dict, story_id: str, entry_id: str) -> None:
    """400 when the tool lacks its input."""
    if tool in NEEDS_SELECTION and not (request.get("selection") or "").strip():
        raise InvalidInput(f"{tool} works on a selection", {"selection": "select some text first"})
    if tool == "continue" and not ((request.get("before") or "").strip() or (request.get("selection") or "").strip()):
        raise InvalidInput("Nothing to continue", {"before": "give the text before the cursor (or a selection)"})
    if tool == "titles" and not story_id and not (request.get("selection") or "").strip():
        raise InvalidInput("Titles need a story or a text", {"story_id": "give a story or a selection"})
    if tool == "describe_entry" and not entry_id:
        raise InvalidInput("Which entry?", {"entry_id": "required for describe_entry"})


class PartialWriter:
    """The job's ``on_delta``: each piece to the task's live channel at once, the text so far to
    the task record at most every ``PARTIAL_EVERY`` seconds, and at once when a reader joins
    (its ``join`` message): the pieces sent before it subscribed are then in the record, and a
    ``saved`` message tells it to read them."""

    def __init__(self, tasks: TaskService, bus, ctx: JobContext, every: float = PARTIAL_EVERY):
        self.tasks, self.bus, self.ctx, self.every = tasks, bus, ctx, every
        self.channel = task_channel(ctx.task_id)
        self.text = ""
        self._saved_at = time.monotonic()
        self._saved = -1
        self._sub = bus.subscribe(self.channel) if bus is not None else None

    def __call__(self, piece: str) -> None:
        if self._joined():
            self.flush()
            self.bus.publish(self.channel, "saved", {"length": len(self.text)})
        offset = len(self.text)
        self.text += piece
        if self.bus is not None:
            self.bus.publish(self.channel, "delta", {"offset": offset, "text": piece})
        if time.monotonic() - self._saved_at >= self.every:
            self.flush()

    def _joined(self) -> bool:
        """Whether a reader joined since the last piece (the channel's other messages are dropped)."""
        joined = False
        while self._sub is not None:
            message = self._sub.get(0)
            if message is None:
                break
            joined = joined or message[0] == "join"
        return joined

    def flush(self, quiet: bool = False) -> None:
        """Save the text so far (``quiet``: ignore a task that has ended meanwhile)."""
        self._saved_at = time.monotonic()
        if len(self.text) == self._saved:
            return
        try:
            self.tasks.save_partial(self.ctx.task_id, self.text, self.ctx.usage.to_dict())
            self._saved = len(self.text)
        except TaskCancelled:
            if not quiet:
                raise

    def close(self) -> None:
        if self._sub is not None:
            self._sub.close()
            self._sub = None
