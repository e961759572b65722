"""Stories: listing what a caller may see, creation with a time cone, updates
(kept in the story's history) and deletes that move the story, its events and
time cone to the trash and take out the links to it."""
from __future__ import annotations

from core import permissions, scenes
from core.calendar import index_for, world_time
from core.errors import InvalidInput
from core.models import VISIBILITIES, Entity, Story, TimeCone, TrashItem, User, World
from services import access, dating
from services.listing import Page, filtered_page
from services.mention_service import MentionService
from services.publishing import check_public_quota
from services.revisions import Revisions
from services.trash_service import TrashService
from storage import DocumentStore


def counts(story: Story) -> tuple[int, int]:
    """(words, scenes) of the story's text: as kept on it, or counted (an older document)."""
    if story.word_count >= 0 and story.scene_count >= 0:
        return story.word_count, story.scene_count
    return scenes.word_count(story.content), scenes.scene_count(story.content)


def _count(story: Story) -> None:
    story.word_count, story.scene_count = scenes.word_count(story.content), scenes.scene_count(story.content)


class _Visible:
    """Stories one caller may see, newest first: exactly the store query
    ``query`` (``where``/``any_of``), or else the ordered ``ids``."""

    def __init__(self, store: DocumentStore, query: dict | None = None, ids: list[str] | None = None):
        self.store, self.query, self.ids = store, query, ids

    @classmethod
    def excluding(cls, store: DocumentStore, query: dict, hidden: set[str]) -> "_Visible":
        """What ``query`` matches but ``hidden``: the query itself when nothing is hidden
        (the usual case), else its ids without those (ids only: no document is read)."""
        if not hidden:
            return cls(store, query=query)
        return cls(store, ids=[i for i in store.find_ids(Story.collection, **query) if i not in hidden])

    def total(self) -> int:
        return len(self.ids) if self.ids is not None else self.store.count(Story.collection, **self.query)

    def docs(self, offset: int, limit: int) -> list[dict]:
        if self.ids is None:
            return self.store.find(Story.collection, offset=offset, limit=limit, **self.query)
        docs = (self.store.get(Story.collection, i) for i in self.ids[offset:offset + limit])
        return [d for d in docs if d is not None]   # deleted since the ids were read


class StoryService:
    def __init__(self, store: DocumentStore, revisions: Revisions | None = None,
                 trash: TrashService | None = None):
        self.store = store
        self.revisions = revisions or Revisions(store)
        self.trash = trash or TrashService(store)
        self.mentions = MentionService(store, self.revisions)

    # -- reading ---------------------------------------------------------------

    def list(self, user: User | None, filters: dict, offset: int, limit: int) -> Page:
        """A page of the stories the caller may see, newest first, read in the store query.
        ``genre``, ``q`` and ``tag`` (ignoring case; not indexed) filter at bounded cost
        (``services.listing``)."""
        visible = self._visible(user, filters.get("world_id"))
        genre = filters.get("genre")
        text = (filters.get("q") or "").casefold()
        tag = (filters.get("tag") or "").casefold()
        if not genre and not text and not tag:
            docs = visible.docs(offset, limit)
            return Page([Story.from_dict(d) for d in docs], visible.total())

        def keep(doc: dict) -> bool:
            return ((not genre or doc["genre"] == genre)
                    and (not text or text in doc["title"].casefold() or text in doc["description"].casefold())
                    and (not tag or any(t.casefold() == tag for t in doc.get("tags") or [])))

        found = filtered_page(visible.docs, visible.total(), keep, offset, limit)
        return found._replace(items=[Story.from_dict(d) for d in found.items])

    def _visible(self, user: User | None, world_id: str | None) -> "_Visible":
        """The caller's visible stories (of one world, if given), as a store query where one is exact.

        A story is visible when its world is and it is public, or the caller
        reads the world (owner, shared user) or owns the story; admins see all
        (``permissions.can_view_story``). Stories carry no world visibility, so
        the query is "public or mine or in a world I read", and the few stories it
        also matches in worlds the caller may not see (``closed``) are left out by id.
        """
        if world_id:
            world = access.visible_world(self.store, user, world_id)
            return _Visible(self.store, ids=access.visible_story_ids(self.store, user, world))
        if permissions.is_admin(user):
            return _Visible(self.store, query={})
        closed = self.store.find_ids(World.collection, any_of=[
            {"visibility": v} for v in VISIBILITIES if v != "public"])
        if user is None:
            query = {"where": {"visibility": "public"}}
            reachable = [{"visibility": "public"}]
        else:
            readable = self.store.find_ids(World.collection, any_of=[
                {"owner_id": user.user_id}, {"shared_with": user.user_id}])
            query = {"any_of": [{"visibility": "public"}, {"owner_id": user.user_id},
                                *({"world_id": w} for w in readable)]}
            reachable = [{"visibility": "public"}, {"owner_id": user.user_id}]
            open_to_me = set(readable)
            closed = [w for w in closed if w not in open_to_me]
        hidden = set()
        for where in reachable:   # what the query matches in closed worlds
            for ids in self.store.group_ids(Story.collection, "world_id", closed, where=where).values():
                hidden.update(ids)
        return _Visible.excluding(self.store, query, hidden)

    def present(self, story: Story, world: World, user: User | None) -> dict:
        """The API's Story: its ``date`` and ``metadata.world_time`` on the world's calendar,
        and ``linked_stories`` cut to the stories the caller may see."""
        return self.present_many([story], user, {world.world_id: world})[0]

    def present_many(self, stories: list[Story], user: User | None,
                     worlds: dict[str, World] | None = None) -> list[dict]:
        """``present`` for a page of stories, loading each world and its visible ids once.
        A story whose world is gone is left out (nothing in a missing world is visible)."""
        worlds = dict(worlds or {})
        for story in stories:
            if story.world_id not in worlds:
                worlds[story.world_id] = access.load_world(self.store, story.world_id)
        linking = [w for wid, w in worlds.items() if w is not None
                   and any(s.linked_stories for s in stories if s.world_id == wid)]
        visible = {wid: set(ids) for wid, ids in
                   access.visible_story_ids_by_world(self.store, user, linking).items()} if linking else {}
        answers = []
        for story in stories:
            world = worlds[story.world_id]
            if world is None:
                continue
            data = story.to_dict()
            seen = visible.get(world.world_id, set())
            data["linked_stories"] = [i for i in story.linked_stories if i in seen]
            calendar = dating.calendar_of(world)
            data["date"] = dating.story_date(story, calendar)
            data["metadata"] = {**story.metadata, "world_time": world_time(story.time_index, calendar, data["date"])}
            data["word_count"], data["scene_count"] = counts(story)
            answers.append(data)
        return answers

    # -- writing ---------------------------------------------------------------

    def create(self, user: User, world: World, data: dict) -> tuple[Story, TimeCone]:
        """A new story with its time cone; a ``date`` sets its ``time_index`` (``services.dating``)."""
        characters = list(dict.fromkeys(data.get("selected_characters") or []))
        calendar = dating.calendar_of(world)
        date = dating.checked_date(calendar, data["date"]) if data.get("date") else None
        story = Story(
            world_id=world.world_id, owner_id=user.user_id, title=data["title"],
            description=data.get("description", ""),
            content=data.get("content") or data.get("description", ""),
            genre=data["genre"], visibility=data["visibility"],
            time_index=index_for(date["year"], calendar) if date else data["time_index"], date=date,
            entities=characters, tags=list(data.get("tags") or []),
        )
        cone = TimeCone(world_id=world.world_id, story_id=story.story_id,
                        time_index=story.time_index, label=story.title)
        story.time_cones = [cone.time_cone_id]
        _count(story)
        with self.store.unit_of_work():
            self._check_entities(world, characters)
            check_public_quota(self.store, user, Story, story.visibility)
            self.store.put(TimeCone.collection, cone.time_cone_id, cone.to_dict())
            self.store.put(Story.collection, story.story_id, story.to_dict())
            self.mentions.reindex(world, "story", story)
        return story, cone

    def _check_entities(self, world: World, entity_ids: list[str]) -> None:
        foreign = [eid for eid in entity_ids
                   if (self.store.get(Entity.collection, eid) or {}).get("world_id") != world.world_id]
        if foreign:
            raise InvalidInput("Unknown characters for this world",
                               {"selected_characters": f"not in this world: {', '.join(foreign)}"})

    def update(self, user: User, story: Story, changes: dict, restored_version: int | None = None) -> Story:
        """Apply the changes; the story as it was is kept in its history (``Revisions``).
        A date moves ``time_index``; a new ``time_index`` alone takes the date off. The time
        cones, and the events at the story's time (no date of their own), move with it."""
        with self.store.unit_of_work():
            before = story.to_dict()
            if "date" in changes or "time_index" in changes:
                world = access.load_world(self.store, story.world_id)
                changes = dating.story_changes(story, changes, dating.calendar_of(world))
            if "visibility" in changes:
                check_public_quota(self.store, user, Story, changes["visibility"], story.visibility)
            for key, value in changes.items():
                setattr(story, key, value)
            if "content" in changes:
                _count(story)
            story.touch()
            self.revisions.record(user.user_id, story, before, restored_version)
            self.store.put(Story.collection, story.story_id, story.to_dict())
            self.mentions.reindex(story.world_id, "story", story)
            if before["time_index"] != story.time_index:
                dating.move_story_time(self.store, self.revisions, user.user_id, story.story_id,
                                       before["time_index"], story.time_index)
            if "title" in changes:
                for cone_doc in self.store.find(TimeCone.collection, where={"story_id": story.story_id}):
                    cone_doc.update(label=story.title)
                    self.store.put(TimeCone.collection, cone_doc["time_cone_id"], cone_doc)
        return story

    def delete(self, user: User, story: Story) -> TrashItem:
        """Move the story, its events (and connections to them), event cache and time
        cones to the trash, taking it out of other stories' links (``TrashService.trash_story``)."""
        return self.trash.trash_story(user, story)

    def save(self, story: Story) -> None:
        story.touch()
        self.store.put(Story.collection, story.story_id, story.to_dict())
