"""AI jobs: descriptions, analyses, batch analysis of stories and event
extraction. ``start`` records a task (checking the daily quota) and hands the
job to the runner; the job bodies below run in the background."""
from __future__ import annotations

from functools import partial

from core import permissions
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.language import detect_language
from core.models import Story, User, World
from services import access
from services.cast_service import ENTITY, LOCATION, CastService
from services.codex import Codex
from services.event_service import EventService
from services.link_service import LinkService
from services.review_service import ReviewService
from services.task_runner import JobContext, TaskRunner
from services.task_service import COLLECTION as TASKS, TaskService
from storage import DocumentStore

# One batch analysis: how many stories, and how many characters of their text.
MAX_BATCH_STORIES = 50
MAX_BATCH_CHARS = 1_000_000
ACCESS_REVOKED = "Access revoked: you may no longer use this world"


class AIService:
    """Starts AI jobs (``JOBS``) as tasks and holds their bodies."""

    def __init__(self, store: DocumentStore, provider, tasks: TaskService, runner: TaskRunner,
                 cast: CastService, links: LinkService, events: EventService, reviews: ReviewService,
                 settings=None):
        self.store = store
        self.settings = settings   # services.ai_settings.AISettings: the job's model
        self.provider = provider
        self.tasks = tasks
        self.runner = runner
        self.cast = cast
        self.links = links
        self.events = events
        self.reviews = reviews
        self.checks = None   # services.consistency.service.ConsistencyService, set by the composition root

    @property
    def provider_name(self) -> str:
        return self.provider.name

    def start(self, user: User, job_type: str, total: int = 1, **params) -> dict:
        """Record a task of ``job_type`` (a key of ``JOBS``); its job runs as
        ``JOBS[job_type](self, ctx, **params)`` once the task is committed (never
        for a request that rolls back). The task as recorded."""
        job = JOBS[job_type]
        world = self._live_world(user, params)
        task = self.tasks.create(user, job_type, self.provider.name, total,
                                 world_id=world.world_id if world is not None else "", model=self.model_for(world))
        self.store.after_commit(partial(self.runner.submit, task["task_id"], partial(job, self, **params)))
        return task

    def model_for(self, world: World | None) -> str:
        """The model a job on ``world`` runs with (``AISettings.model_for``)."""
        if self.settings is None:
            return getattr(self.provider, "model", "")
        return self.settings.model_for(world)

    def _live_world(self, user: User, params: dict) -> World | None:
        """The world whose live streams see the job's progress, whose model it uses and whose
        usage it counts: the one it works on, if the user writes there (a reader's or a
        visitor's jobs are nobody else's business)."""
        world_id = params.get("world_id")
        if not world_id and params.get("story_id"):
            world_id = (self.store.get(Story.collection, params["story_id"]) or {}).get("world_id")
        world = access.load_world(self.store, world_id) if world_id else None
        return world if world is not None and permissions.can_write_world(user, world) else None

    def start_batch_analysis(self, user: User, world: World, story_ids: list[str]) -> dict:
        """Start analysing ``story_ids`` of the world, or (none given) its oldest stories
        not linked to another story, as many as fit; at most ``MAX_BATCH_CHARS`` of text."""
        if story_ids:
            ids = list(dict.fromkeys(story_ids))
            foreign = sorted(set(ids) - set(self.store.find_ids(Story.collection, where={"world_id": world.world_id})))
            if foreign:
                raise InvalidInput("Stories not in this world", {"story_ids": f"not in this world: {', '.join(foreign)}"})
            chars = sum(_text_size(self.store.get(Story.collection, i)) for i in ids)
            if chars > MAX_BATCH_CHARS:
                raise InvalidInput(
                    f"These stories hold {chars:,} characters of text; one batch analyses at most "
                    f"{MAX_BATCH_CHARS:,}", {"story_ids": f"at most {MAX_BATCH_CHARS:,} characters of text "
                                                          "per batch: send fewer stories"})
        else:
            ids = self._unlinked_batch(world)
        return self.start(user, "batch_analysis", total=len(ids),
                          world_id=world.world_id, story_ids=ids)

    def _unlinked_batch(self, world: World, page: int = 100) -> list[str]:
        """The world's oldest unlinked stories that fit in one batch, read a page at a time."""
        ids, chars, offset = [], 0, 0
        while len(ids) < MAX_BATCH_STORIES:
            docs = self.store.find(Story.collection, where={"world_id": world.world_id},
                                   offset=offset, limit=page, newest_first=False)
            for doc in docs:
                if doc["linked_stories"]:
                    continue
                if len(ids) == MAX_BATCH_STORIES or chars + _text_size(doc) > MAX_BATCH_CHARS:
                    return ids
                ids.append(doc["story_id"])
                chars += _text_size(doc)
            if len(docs) < page:
                break
            offset += page
        return ids

    # -- job bodies ------------------------------------------------------------
    # Jobs that read a world re-check, as they run, that the task's owner may
    # still see it (or change it, for jobs that write): access can be revoked
    # while a job waits in the queue or calls the model.

    def _owner(self, ctx: JobContext) -> User:
        """The task's owner as the account stands now; banned or deleted ends the job."""
        task = self.store.get(TASKS, ctx.task_id) or {}
        doc = self.store.get(User.collection, task.get("owner_id") or "")
        if doc is None or doc.get("banned"):
            raise Forbidden(ACCESS_REVOKED)
        return User.from_dict(doc)

    def _allowed_world(self, ctx: JobContext, world_id: str | None, write: bool = False) -> World | None:
        """The world, if the task's owner may still see it (``write``: change it)."""
        if not world_id:
            return None
        check = access.writable_world if write else access.visible_world
        try:
            return check(self.store, self._owner(ctx), world_id)
        except (NotFound, Forbidden):
            self._world(world_id)   # "no longer exists" when it is gone
            raise Forbidden(ACCESS_REVOKED) from None

    def _allowed_story(self, ctx: JobContext, story_id: str) -> None:
        """Raise unless the task's owner may still change the story."""
        try:
            access.editable_story(self.store, self._owner(ctx), story_id)
        except (NotFound, Forbidden):
            if self.store.get(Story.collection, story_id) is None:
                raise NotFound("The story no longer exists") from None
            raise Forbidden(ACCESS_REVOKED) from None

    def _world(self, world_id: str | None) -> World | None:
        if not world_id:
            return None
        world = access.load_world(self.store, world_id)
        if world is None:
            raise NotFound("The world no longer exists")
        return world

    def _known(self, world: World | None) -> tuple[list[str], list[str]]:
        if world is None:
            return [], []
        return tuple([n for item in self.cast.list(kind, world) for n in [item.name, *item.aliases]]
                     for kind in (ENTITY, LOCATION))

    def describe_world(self, ctx: JobContext, name: str, world_type: str, themes: list[str],
                       characters: list[str], world_id: str | None = None, language: str | None = None) -> dict:
        world = self._allowed_world(ctx, world_id)
        if world is not None:
            themes = themes or list(world.metadata.get("themes") or [])
            characters = characters or self._known(world)[0]
        language = language or (world.effective_language() if world is not None
                                else detect_language(" ".join([name, *themes, *characters])))
        result = self.provider.describe_world(name, world_type, themes, characters, ctx.usage, budget=ctx.budget,
                                              language=language, model=ctx.model)
        self._allowed_world(ctx, world_id)   # the answer draws on the world: still allowed?
        return result

    def describe_story(self, ctx: JobContext, title: str, genre: str, world_description: str,
                       characters: list[str], world_id: str | None = None, language: str | None = None) -> dict:
        world = self._allowed_world(ctx, world_id)
        if world is not None:
            world_description = world_description or world.description
        language = language or (world.effective_language() if world is not None
                                else detect_language(" ".join([title, genre, world_description, *characters])))
        result = self.provider.describe_story(title, genre, world_description, characters, ctx.usage,
                                              budget=ctx.budget, language=language, model=ctx.model)
        self._allowed_world(ctx, world_id)
        return result

    def analyze_world(self, ctx: JobContext, description: str, world_type: str) -> dict:
        return self.provider.analyze_world(description, world_type, ctx.usage, budget=ctx.budget, model=ctx.model)

    def analyze_story(self, ctx: JobContext, title: str, genre: str, text: str,
                      world_id: str | None = None) -> dict:
        characters, locations = self._known(self._allowed_world(ctx, world_id))
        result = self.provider.analyze_story(title, genre, text, characters, locations, ctx.usage, budget=ctx.budget,
                                             model=ctx.model)
        self._allowed_world(ctx, world_id)
        return result

    def batch_analyze(self, ctx: JobContext, world_id: str, story_ids: list[str]) -> dict:
        """Analyse each story, link (creating if new) its characters and places, then re-link stories."""
        analysed, characters_found, locations_found, chars, journal = [], 0, 0, 0, []
        total = len(story_ids)
        for done, story_id in enumerate(story_ids, start=1):
            world = self._allowed_world(ctx, world_id, write=True)
            doc = self.store.get(Story.collection, story_id)
            if doc is None or doc["world_id"] != world_id:
                ctx.progress(done, total, "Skipped a story that no longer exists")
                continue
            if chars + _text_size(doc) > MAX_BATCH_CHARS:   # the stories grew since the start
                ctx.progress(done, total, "Skipped a story: the batch reached its text limit")
                continue
            chars += _text_size(doc)
            story = Story.from_dict(doc)
            known_characters, known_locations = self._known(world)
            answer = self.provider.analyze_story(story.title, story.genre, story.content or story.description,
                                                 known_characters, known_locations, ctx.usage, budget=ctx.budget,
                                                 model=ctx.model)
            self._allowed_world(ctx, world_id, write=True)
            with self.store.unit_of_work():  # link to the story and cast as they are now
                doc = self.store.get(Story.collection, story_id)
                world = access.load_world(self.store, world_id)
                if doc is None or world is None or doc["world_id"] != world_id:
                    ctx.progress(done, total, "Skipped a story that no longer exists")
                    continue
                story = Story.from_dict(doc)
                factions = [{"name": f["name"], "entity_type": "faction"} for f in answer.get("factions", [])]
                linked = self.links.link_entities(story, world, answer["characters"] + factions,
                                                  answer["locations"], journal=journal)
            characters_found += len(answer["characters"])
            locations_found += len(answer["locations"])
            analysed.append({
                "story_id": story.story_id, "title": story.title,
                "characters": [c["name"] for c in answer["characters"]],
                "locations": [loc["name"] for loc in answer["locations"]],
                "created_entities": [e["name"] for e in linked["created_entities"]],
                "created_locations": [loc["name"] for loc in linked["created_locations"]],
                **({"truncated": answer["truncated"]} if answer.get("truncated") else {}),
            })
            ctx.progress(done, total, f"Analysed '{story.title}' ({done}/{total})")
        world = self._allowed_world(ctx, world_id, write=True)
        with self.store.unit_of_work():
            relinked = self.links.auto_link(world)
            review = self.reviews.record_batch(self._owner(ctx).user_id, world, ctx.task_id, journal)
        return {"message": f"Analysed {len(analysed)} stories; {relinked['linked_count']} story links",
                "analyzed_stories": analysed, "total_characters_found": characters_found,
                "total_locations_found": locations_found, "linked_count": relinked["linked_count"],
                "review_id": review.review_id}

    def review_story(self, ctx: JobContext, story_id: str) -> dict:
        """Find the names in the story and record them as proposals to review;
        nothing in the world changes until the writer decides."""
        self._allowed_story(ctx, story_id)
        story = Story.from_dict(self.store.get(Story.collection, story_id))
        world = self._world(story.world_id)
        text = story.content or story.description
        language = world.language or detect_language(text)   # the story's own language unless the world sets one
        answer = self.provider.find_names(text, Codex.load(self.store, world).known(), ctx.usage,
                                          language=language, budget=ctx.budget, model=ctx.model)
        with self.store.unit_of_work():
            self._allowed_story(ctx, story_id)
            story = Story.from_dict(self.store.get(Story.collection, story_id))
            review = self.reviews.record(self._owner(ctx).user_id, self._world(story.world_id), story,
                                         ctx.task_id, language, answer["names"])
        pending = len(review.proposals)
        message = f"{plural(pending, 'name')} to review" if pending else "Nothing new to review"
        return {"review_id": review.review_id, "story_id": story_id, "proposals": pending,
                "message": " ".join([message, answer.get("message", "")]).strip(),
                **({"truncated": answer["truncated"]} if answer.get("truncated") else {})}

    def extract_story_events(self, ctx: JobContext, story_id: str, force: bool) -> dict:
        self._allowed_story(ctx, story_id)
        return self.events.extract_story(story_id, force, ctx.usage, ctx.budget,
                                         allowed=lambda: self._allowed_story(ctx, story_id),
                                         progress=ctx.progress, model=ctx.model)

    def extract_world_events(self, ctx: JobContext, world_id: str, force: bool) -> dict:
        """Extract the events of every story of the world, reusing cached extractions."""
        self._allowed_world(ctx, world_id, write=True)
        story_ids = self.store.find_ids(Story.collection, where={"world_id": world_id})[::-1]
        summaries = []
        for done, story_id in enumerate(story_ids, start=1):
            self._allowed_world(ctx, world_id, write=True)
            try:
                summary = self.events.extract_story(
                    story_id, force, ctx.usage, ctx.budget,
                    allowed=lambda: self._allowed_world(ctx, world_id, write=True), model=ctx.model,
                    progress=lambda _done, _total, message, done=done: ctx.progress(
                        done - 1, len(story_ids), f"Story {done}/{len(story_ids)}: {message}"))
            except (NotFound, Conflict):   # deleted or rewritten meanwhile: its next run picks it up
                continue
            summaries.append({k: summary[k] for k in ("story_id", "title", "cached", "event_count",
                                                      "kept", "replaced", "added")})
            ctx.progress(done, len(story_ids), f"Events of '{summary['title']}' ({done}/{len(story_ids)})")
        self._allowed_world(ctx, world_id, write=True)
        total = sum(s["event_count"] for s in summaries)
        return {"world_id": world_id, "message": f"{plural(total, 'event')} in {plural(len(summaries), 'story', 'stories')}",
                "stories": summaries, "total_events": total}


    def check_consistency(self, ctx: JobContext, story_id: str, start: int | None = None, end: int | None = None,
                          use_ai: bool = False) -> dict:
        """Check a story (or a part of it) against the canon: ``services.consistency``."""
        return self.checks.run(ctx, story_id, start=start, end=end, use_ai=use_ai)


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _text_size(doc: dict | None) -> int:
    """Characters of a story's text an analysis reads (what ``batch_analyze`` sends)."""
    return 0 if doc is None else len(doc.get("content") or doc.get("description") or "")


# Task type -> the job body that runs it (the type is what task records and the API show).
JOBS = {
    "world_description": AIService.describe_world,
    "story_description": AIService.describe_story,
    "world_analysis": AIService.analyze_world,
    "story_analysis": AIService.analyze_story,
    "batch_analysis": AIService.batch_analyze,
    "story_review": AIService.review_story,
    "story_events": AIService.extract_story_events,
    "world_events": AIService.extract_world_events,
    "consistency_check": AIService.check_consistency,
}
