"""Stories: listing what a caller may see, creation with a time cone, updates
and deletes that clean up events, time cones and links."""
from __future__ import annotations

from core import permissions
from core.calendar import normalise_calendar, world_time
from core.errors import InvalidInput
from core.models import Entity, Event, Story, TimeCone, User, World
from services import access
from services.publishing import check_public_quota
from services.event_service import drop_connections
from storage import DocumentStore


class StoryService:
    def __init__(self, store: DocumentStore):
        self.store = store

    # -- reading ---------------------------------------------------------------

    def list(self, user: User | None, filters: dict, offset: int, limit: int) -> tuple[list[Story], int]:
        world_id = filters.get("world_id")
        if world_id:
            world = access.visible_world(self.store, user, world_id)
            ids = access.visible_story_ids(self.store, user, world)
            stories = [Story.from_dict(self.store.get(Story.collection, i)) for i in ids]
        else:
            stories = self._visible_everywhere(user)
        genre = filters.get("genre")
        text = (filters.get("q") or "").casefold()
        if genre or text:
            stories = [
                s for s in stories
                if (not genre or s.genre == genre)
                and (not text or text in s.title.casefold() or text in s.description.casefold())
            ]
        return stories[offset:offset + limit], len(stories)

    def _visible_everywhere(self, user: User | None) -> list[Story]:
        if permissions.is_admin(user):
            return [Story.from_dict(d) for d in self.store.find(Story.collection)]
        clauses = [{"visibility": "public"}]
        if user is not None:
            clauses.append({"owner_id": user.user_id})
            readable = self.store.find_ids(World.collection, any_of=[
                {"owner_id": user.user_id}, {"shared_with": user.user_id}])
            clauses += [{"world_id": wid} for wid in readable]
        worlds: dict[str, World | None] = {}
        visible = []
        for doc in self.store.find(Story.collection, any_of=clauses):
            wid = doc["world_id"]
            if wid not in worlds:
                worlds[wid] = access.load_world(self.store, wid)
            story = Story.from_dict(doc)
            if worlds[wid] is not None and permissions.can_view_story(user, story, worlds[wid]):
                visible.append(story)
        return visible

    def present(self, story: Story, world: World) -> dict:
        """The API's Story, with ``metadata.world_time`` from the world's calendar."""
        data = story.to_dict()
        calendar = normalise_calendar(world.metadata.get("calendar"), world.world_type)
        data["metadata"] = {**story.metadata, "world_time": world_time(story.time_index, calendar)}
        return data

    # -- writing ---------------------------------------------------------------

    def create(self, user: User, world: World, data: dict) -> tuple[Story, TimeCone]:
        characters = list(dict.fromkeys(data.get("selected_characters") or []))
        story = Story(
            world_id=world.world_id, owner_id=user.user_id, title=data["title"],
            description=data.get("description", ""),
            content=data.get("content") or data.get("description", ""),
            genre=data["genre"], visibility=data["visibility"], time_index=data["time_index"],
            entities=characters,
        )
        cone = TimeCone(world_id=world.world_id, story_id=story.story_id,
                        time_index=story.time_index, label=story.title)
        story.time_cones = [cone.time_cone_id]
        with self.store.transaction():
            self._check_entities(world, characters)
            check_public_quota(self.store, user, Story, story.visibility)
            self.store.put(TimeCone.collection, cone.time_cone_id, cone.to_dict())
            self.store.put(Story.collection, story.story_id, story.to_dict())
        return story, cone

    def _check_entities(self, world: World, entity_ids: list[str]) -> None:
        foreign = [eid for eid in entity_ids
                   if (self.store.get(Entity.collection, eid) or {}).get("world_id") != world.world_id]
        if foreign:
            raise InvalidInput("Unknown characters for this world",
                               {"selected_characters": f"not in this world: {', '.join(foreign)}"})

    def update(self, user: User, story: Story, changes: dict) -> Story:
        with self.store.transaction():
            if "visibility" in changes:
                check_public_quota(self.store, user, Story, changes["visibility"], story.visibility)
            for key, value in changes.items():
                setattr(story, key, value)
            story.touch()
            self.store.put(Story.collection, story.story_id, story.to_dict())
            if "time_index" in changes or "title" in changes:
                for cone_doc in self.store.find(TimeCone.collection, where={"story_id": story.story_id}):
                    cone_doc.update(time_index=story.time_index, label=story.title)
                    self.store.put(TimeCone.collection, cone_doc["time_cone_id"], cone_doc)
        return story

    def delete(self, story: Story) -> None:
        with self.store.transaction():
            self.delete_contents(story.story_id)
            for other_id in story.linked_stories:
                other = self.store.get(Story.collection, other_id)
                if other is not None:
                    other["linked_stories"] = [i for i in other["linked_stories"] if i != story.story_id]
                    self.store.put(Story.collection, other_id, other)
            self.store.delete(Story.collection, story.story_id)

    def delete_contents(self, story_id: str) -> None:
        """Remove a story's events (and connections to them), event cache and time cones."""
        events = self.store.find(Event.collection, where={"story_id": story_id})
        for event in events:
            self.store.delete(Event.collection, event["event_id"])
        if events:
            drop_connections(self.store, events[0]["world_id"], [e["event_id"] for e in events])
        for cone_id in self.store.find_ids(TimeCone.collection, where={"story_id": story_id}):
            self.store.delete(TimeCone.collection, cone_id)
        self.store.delete("event_cache", story_id)

    def save(self, story: Story) -> None:
        story.touch()
        self.store.put(Story.collection, story.story_id, story.to_dict())
