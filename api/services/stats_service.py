"""Counts of what the caller may see, and their quotas."""
from __future__ import annotations

from core import permissions
from core.models import Entity, Location, Story, User, World
from core.vocabulary import VISIBILITIES
from services import access
from services.world_service import WorldService
from storage import DocumentStore


class StatsService:
    def __init__(self, store: DocumentStore):
        self.store = store
        self.worlds = WorldService(store)

    def stats(self, user: User | None, gpt_provider: str) -> dict:
        query = self.worlds.visibility_query(user)
        worlds = [World.from_dict(d) for d in self.store.find(World.collection, **query)]
        totals = {"total_worlds": len(worlds), "total_stories": 0,
                  "total_entities": 0, "total_locations": 0}
        story_breakdown = {"private": 0, "shared": 0, "public": 0, "draft": 0}
        world_ids = [w.world_id for w in worlds]
        stories = access.visible_story_ids_by_world(self.store, user, worlds)
        entities = self.store.group_ids(Entity.collection, "world_id", world_ids)
        locations = self.store.group_ids(Location.collection, "world_id", world_ids)
        # Each visible story's visibility from the index (ids only: no story is read).
        by_visibility = {v: self.store.group_ids(Story.collection, "world_id", world_ids, where={"visibility": v})
                         for v in VISIBILITIES} if user is not None else {}
        for world in worlds:
            story_ids = stories.get(world.world_id, [])
            totals["total_stories"] += len(story_ids)
            totals["total_entities"] += len(entities.get(world.world_id, []))
            totals["total_locations"] += len(locations.get(world.world_id, []))
            if user is None:
                continue
            if user.user_id in world.shared_with or user.user_id in world.co_authors:
                story_breakdown["shared"] += len(story_ids)
                continue
            visible = set(story_ids)
            for visibility, grouped in by_visibility.items():
                story_breakdown[visibility] += len(visible.intersection(grouped.get(world.world_id, ())))
        answer = {**totals, "has_gpt": gpt_provider != "offline", "gpt_provider": gpt_provider,
                  "storage_type": self.store.kind}
        public_worlds = sum(1 for w in worlds if w.visibility == "public")
        if user is None:
            answer["breakdown"] = {"worlds": {"public": public_worlds},
                                   "stories": {"public": totals["total_stories"]}}
            return answer
        world_breakdown = {"private": 0, "shared": 0, "public": 0, "draft": 0}
        for world in worlds:
            shared = user.user_id in world.shared_with or user.user_id in world.co_authors
            world_breakdown["shared" if shared else world.visibility] += 1
        answer["breakdown"] = {"worlds": world_breakdown, "stories": story_breakdown}
        quotas = permissions.quotas_for(user.role)
        mine = {"owner_id": user.user_id, "visibility": "public"}
        answer["user_quota"] = {
            "worlds": {"current": self.store.count(World.collection, where=mine),
                       "limit": quotas["public_worlds"]},
            "stories": {"current": self.store.count(Story.collection, where=mine),
                        "limit": quotas["public_stories"]},
        }
        return answer
