"""Reviews: what an analysis of a story proposes, and the writer's decisions.

The AI proposes, the writer decides: an analysis records a ``Review`` of
proposals (see ``services.proposals``) and changes nothing else. Decisions
(accept, with a new name or kind if wanted; merge into an existing entry;
ignore) apply in one unit of work, each change written to the review's
journal, so ``undo`` puts the world back as it was in one step. Ignored names
are remembered per world and never proposed again.
"""
from __future__ import annotations

from core.errors import Conflict, InvalidInput, NotFound
from core.models import IgnoredName, Review, Story, User, World
from core.names import match_key
from services.cast_service import ENTITY, LOCATION, CastService
from services.codex import Codex, CodexEntry
from services.proposals import propose, same
from services.story_service import StoryService
from storage import DocumentStore

MAX_ALIASES = 50   # what an entry may hold (the entry schemas' limit)
KEPT_REVIEWS = 10  # per story: the latest analyses, each undoable


class ReviewService:
    def __init__(self, store: DocumentStore, cast: CastService, stories: StoryService):
        self.store = store
        self.cast = cast
        self.stories = stories

    # -- recording (inside the analysis job) --------------------------------------

    def record(self, owner_id: str, world: World, story: Story, task_id: str, language: str,
               found: list[dict]) -> Review:
        """Store the proposals for the names found in the story, against the world as it is now."""
        with self.store.unit_of_work():
            codex = Codex.load(self.store, world)
            linked = {*story.entities, *story.locations}
            proposals = propose(found, codex, self.ignored_keys(world), linked,
                                story.content or story.description)
            review = Review(world_id=world.world_id, owner_id=owner_id, story_id=story.story_id,
                            task_id=task_id, language=language, proposals=proposals)
            self.store.put(Review.collection, review.review_id, review.to_dict())
            older = self.store.find_ids(Review.collection, where={"story_id": story.story_id})
            for review_id in older[KEPT_REVIEWS:]:   # newest first: the oldest can no longer be undone
                self.store.delete(Review.collection, review_id)
        return review

    def record_batch(self, owner_id: str, world: World, task_id: str, applied: list[dict]) -> Review:
        """The journal of what a batch analysis created and linked, so it can be undone."""
        review = Review(world_id=world.world_id, owner_id=owner_id, task_id=task_id, applied=applied)
        self.store.put(Review.collection, review.review_id, review.to_dict())
        return review

    # -- reading -------------------------------------------------------------------

    def get(self, review_id: str) -> Review:
        doc = self.store.get(Review.collection, review_id)
        if doc is None:
            raise NotFound("Review not found")
        return Review.from_dict(doc)

    def latest(self, story: Story) -> Review:
        docs = self.store.find(Review.collection, where={"story_id": story.story_id}, limit=1)
        if not docs:
            raise NotFound("This story has not been analysed yet")
        return Review.from_dict(docs[0])

    @staticmethod
    def present(review: Review) -> dict:
        counts = {status: 0 for status in ("pending", "accepted", "ignored")}
        for proposal in review.proposals:
            counts[proposal["status"]] += 1
        data = review.to_dict()
        data.pop("applied")
        return {**data, "counts": counts, "status": "open" if counts["pending"] and not review.undone else "decided"}

    # -- deciding --------------------------------------------------------------------

    def decide(self, user: User, review: Review, world: World, decisions: list[dict],
               accept_confident: bool) -> dict:
        """Apply the decisions (and, with ``accept_confident``, accept every pending
        confident proposal), all or nothing. The review and what changed."""
        with self.store.unit_of_work():
            review = self._current(review)
            story_doc = self.store.get(Story.collection, review.story_id) if review.story_id else None
            if story_doc is None:
                raise Conflict("This review has no story to decide for", code="stale_review")
            story = Story.from_dict(story_doc)
            by_id = {p["proposal_id"]: p for p in review.proposals}
            chosen = {}
            for decision in decisions:
                proposal = by_id.get(decision["proposal_id"])
                if proposal is None:
                    raise InvalidInput("Unknown proposal", {"proposal_id": f"not in this review: {decision['proposal_id']}"})
                if proposal["status"] != "pending" or proposal["proposal_id"] in chosen:
                    raise Conflict(f"'{proposal['name']}' is already decided", code="already_decided")
                chosen[proposal["proposal_id"]] = decision
            if accept_confident:
                for proposal in review.proposals:
                    if proposal["status"] == "pending" and proposal["confident"]:
                        chosen.setdefault(proposal["proposal_id"], {"action": "accept"})
            if not chosen:
                raise InvalidInput("Nothing to decide", {"decisions": "give at least one decision"})
            applying = _Applying(self, user, world, story, Codex.load(self.store, world))
            for proposal_id, decision in chosen.items():
                applying.decide(by_id[proposal_id], decision)
            self.stories.save(story)
            review.applied.extend(applying.journal)
            self._save(review)
        return {**self.present(review), "applied": applying.summary}

    def undo(self, user: User, review: Review, world: World) -> dict:
        """Undo every change the review made: created entries to the trash, added
        aliases removed, links and ignores taken back."""
        with self.store.unit_of_work():
            review = self._current(review)
            story_docs = {}
            for change in reversed(review.applied):
                self._revert(user, world, change, story_docs)
            for doc in story_docs.values():
                self.stories.save(Story.from_dict(doc))
            review.undone = True
            self._save(review)
        return self.present(review)

    def _current(self, review: Review) -> Review:
        """The review as stored now (under the unit's lock); 409 once undone."""
        current = self.get(review.review_id)
        if current.undone:
            raise Conflict("This review was undone; analyse the story again", code="review_undone")
        return current

    def _save(self, review: Review) -> None:
        review.version += 1
        review.touch()
        self.store.put(Review.collection, review.review_id, review.to_dict())

    def _revert(self, user: User, world: World, change: dict, stories: dict) -> None:
        op = change["op"]
        if op == "ignore":
            self.store.delete(IgnoredName.collection, change["id"])
        elif op == "link":
            doc = stories.get(change["story_id"]) or self.store.get(Story.collection, change["story_id"])
            if doc is not None:
                doc[change["field"]] = [i for i in doc[change["field"]] if i != change["id"]]
                stories[change["story_id"]] = doc
        elif op == "alias":
            kind = LOCATION if change["kind"] == "place" else ENTITY
            doc = self.store.get(kind.model.collection, change["id"])
            if doc is not None:
                gone = {match_key(a) for a in change["aliases"]}
                kept = [a for a in doc.get("aliases", []) if match_key(a) not in gone]
                self.cast.update(kind, world, change["id"], {"aliases": kept}, user)
        elif op == "create":
            kind = LOCATION if change["kind"] == "place" else ENTITY
            if self.store.get(kind.model.collection, change["id"]) is not None:
                self.cast.delete(kind, world, change["id"], user)
            for doc in stories.values():   # the delete unlinked it; keep the pending saves in step
                field = "locations" if change["kind"] == "place" else "entities"
                doc[field] = [i for i in doc[field] if i != change["id"]]

    # -- ignored names -----------------------------------------------------------------

    def ignored_keys(self, world: World) -> set[str]:
        return {d["key"] for d in self.store.find(IgnoredName.collection, where={"world_id": world.world_id})}

    def ignored(self, world: World) -> list[dict]:
        docs = self.store.find(IgnoredName.collection, where={"world_id": world.world_id}, newest_first=False)
        return [{"name": d["name"], "key": d["key"], "created_at": d["created_at"]} for d in docs]

    def unignore(self, world: World, key: str) -> None:
        with self.store.unit_of_work():
            found = [d for d in self.store.find(IgnoredName.collection, where={"world_id": world.world_id})
                     if d["key"] == key]
            if not found:
                raise NotFound("That name is not ignored in this world")
            self.store.delete(IgnoredName.collection, found[0]["ignore_id"])


class _Applying:
    """One request's decisions on one review: the changes, their journal and summary."""

    def __init__(self, reviews: ReviewService, user: User, world: World, story: Story, codex: Codex):
        self.reviews, self.user, self.world, self.story, self.codex = reviews, user, world, story, codex
        self.journal: list[dict] = []
        self.summary = {"created": [], "linked": [], "aliased": [], "ignored": []}

    def decide(self, proposal: dict, decision: dict) -> None:
        action = decision["action"]
        if action == "ignore":
            self._ignore(proposal["name"])
            proposal["status"] = "ignored"
            return
        if action == "merge":
            target = self.codex.get(decision.get("target_id") or "")
            if target is None:
                raise InvalidInput("Unknown target entry", {"target_id": "no such character or place in this world"})
            entry, created = target, False
            self._alias(entry, [proposal["name"], *proposal["aliases"]])
        else:
            entry, created = self._accept(proposal, decision.get("name"), decision.get("kind"))
        self._link(entry)
        proposal["status"] = "accepted"
        proposal["outcome"] = {**entry.ref(), "created": created}

    def _accept(self, proposal: dict, name: str | None, kind: str | None) -> tuple[CodexEntry, bool]:
        """What accepting means: the proposed action, or (renamed, re-kinded) the entry so named."""
        found_names = [proposal["name"], *proposal["aliases"]]
        if name is None and kind is None and proposal["target"] is not None:
            entry = self.codex.get(proposal["target"]["id"])
            if entry is None:
                raise Conflict(f"'{proposal['target']['name']}' no longer exists; analyse again", code="stale_review")
            self._alias(entry, found_names)
            return entry, False
        name = " ".join((name or proposal["name"]).split())
        existing = self.codex.find(name)
        if existing is not None:   # never a second entry for a name any kind already has
            self._alias(existing, found_names)
            return existing, False
        aliases = [n for n in dict.fromkeys(found_names) if not same(n, name)][:MAX_ALIASES]
        return self._create(name, kind or proposal["kind"], aliases), True

    def _create(self, name: str, kind: str, aliases: list[str]) -> CodexEntry:
        if kind == "place":
            item = self.reviews.cast.create(LOCATION, self.world, {"name": name, "aliases": aliases})
        else:
            item = self.reviews.cast.create(ENTITY, self.world, {"name": name, "aliases": aliases,
                                                                 "entity_type": kind})
        entry = CodexEntry(kind, item.id, item.name, list(aliases))
        self.codex.add(entry)
        self.journal.append({"op": "create", "kind": kind, "id": item.id, "name": item.name})
        self.summary["created"].append(entry.ref())
        return entry

    def _alias(self, entry: CodexEntry, names: list[str]) -> None:
        fresh = [n for n in dict.fromkeys(names)
                 if all(not same(n, known) for known in [entry.name, *entry.aliases])]
        fresh = fresh[:max(0, MAX_ALIASES - len(entry.aliases))]
        if not fresh:
            return
        kind = LOCATION if entry.is_place else ENTITY
        entry.aliases.extend(fresh)
        self.reviews.cast.update(kind, self.world, entry.id, {"aliases": list(entry.aliases)}, self.user)
        self.codex.learn(entry, *fresh)
        self.journal.append({"op": "alias", "kind": entry.kind, "id": entry.id, "aliases": fresh})
        self.summary["aliased"].extend({**entry.ref(), "alias": n} for n in fresh)

    def _link(self, entry: CodexEntry) -> None:
        ids = getattr(self.story, entry.story_field)
        if entry.id in ids:
            return
        ids.append(entry.id)
        self.journal.append({"op": "link", "story_id": self.story.story_id, "field": entry.story_field,
                             "id": entry.id})
        self.summary["linked"].append(entry.ref())

    def _ignore(self, name: str) -> None:
        key = match_key(name)
        ignored = IgnoredName(world_id=self.world.world_id, name=name, key=key, ignored_by=self.user.user_id)
        if self.reviews.store.get(IgnoredName.collection, ignored.ignore_id) is None:
            self.reviews.store.put(IgnoredName.collection, ignored.ignore_id, ignored.to_dict())
            self.journal.append({"op": "ignore", "id": ignored.ignore_id, "name": name})
        self.summary["ignored"].append(name)
