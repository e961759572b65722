"""Links between stories and their cast: linking named characters and places
to a story, auto-linking stories that share them, and the relationship graph."""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from core.models import Story, User, World
from core.names import name_key
from services import access
from services.cast_service import ENTITY, LOCATION, CastService
from services.story_service import StoryService
from storage import DocumentStore


class LinkService:
    def __init__(self, store: DocumentStore):
        self.store = store
        self.cast = CastService(store)
        self.stories = StoryService(store)

    def link_entities(self, story: Story, world: World, characters: list[dict],
                      locations: list[dict], auto_create: bool = True) -> dict:
        """Link named characters and locations to the story, matching names and
        aliases regardless of case and accents; create the rest if asked."""
        result = {"linked_entities": [], "linked_locations": [],
                  "created_entities": [], "created_locations": []}
        with self.store.transaction():
            for kind, specs, field, linked, created in (
                (ENTITY, characters, "entities", "linked_entities", "created_entities"),
                (LOCATION, locations, "locations", "linked_locations", "created_locations"),
            ):
                known = self.cast.by_name(kind, world)
                ids = list(getattr(story, field))
                for spec in specs:
                    name = spec["name"]
                    extra = {k: v for k, v in spec.items() if k != "name" and v}
                    if auto_create:
                        item, was_created = self.cast.ensure(kind, world, name, known, **extra)
                    else:
                        item, was_created = known.get(name_key(name)), False
                    if item is None:
                        continue
                    if was_created:
                        result[created].append(item.to_dict())
                    if item.id not in ids:
                        ids.append(item.id)
                        result[linked].append(item.to_dict())
                setattr(story, field, ids)
            self.stories.save(story)
        counts = f"{len(result['linked_entities'])} characters and {len(result['linked_locations'])} locations"
        return {"message": f"Linked {counts}", **result}

    def clear_links(self, story: Story) -> Story:
        """Unlink every character and location from the story."""
        with self.store.transaction():
            story.entities, story.locations = [], []
            self.stories.save(story)
        return story

    def auto_link(self, world: World) -> dict:
        """Link stories that share a character or location; drop links that no longer hold."""
        with self.store.transaction():
            stories = {d["story_id"]: Story.from_dict(d) for d in
                       self.store.find(Story.collection, where={"world_id": world.world_id}, newest_first=False)}
            order = {story_id: n for n, story_id in enumerate(stories)}
            pairs = sorted(self._shared_cast_pairs(stories.values()),
                           key=lambda p: (order[p[0]], order[p[1]]))
            partners = defaultdict(list)
            for a, b in pairs:
                partners[a].append(b)
                partners[b].append(a)
            for story in stories.values():
                wanted = sorted(partners[story.story_id], key=order.get)
                if wanted != story.linked_stories:
                    story.linked_stories = wanted
                    self.stories.save(story)
            links = [{"from_id": a, "from_title": stories[a].title, "to_id": b, "to_title": stories[b].title}
                     for a, b in pairs]
        unlinked = [
            {"story_id": s.story_id, "title": s.title, "time_index": s.time_index, "description": s.description}
            for s in stories.values() if not s.linked_stories
        ]
        return {"message": f"Linked {len(links)} story pairs", "linked_count": len(links),
                "links": links, "unlinked_stories": unlinked}

    @staticmethod
    def _shared_cast_pairs(stories) -> set[tuple[str, str]]:
        by_member = defaultdict(list)
        for story in stories:
            for member in {*story.entities, *story.locations}:
                by_member[member].append(story.story_id)
        pairs = set()
        for story_ids in by_member.values():
            for a, b in combinations(story_ids, 2):
                pairs.add((a, b))
        return pairs

    def relationships(self, world: World, user: User | None) -> dict:
        """Graph of characters, locations and the stories the caller may see."""
        characters = {e.id: e for e in self.cast.list(ENTITY, world)}
        places = {loc.id: loc for loc in self.cast.list(LOCATION, world)}
        visible = access.visible_story_ids(self.store, user, world)
        stories = [Story.from_dict(self.store.get(Story.collection, sid)) for sid in reversed(visible)]
        nodes = [{"id": c.id, "kind": "character", "name": c.name} for c in characters.values()]
        nodes += [{"id": p.id, "kind": "location", "name": p.name} for p in places.values()]
        nodes += [{"id": s.story_id, "kind": "story", "name": s.title} for s in stories]
        edges: dict[tuple, dict] = {}

        def connect(source, target, kind, story_id):
            key = (source, target, kind)
            edge = edges.setdefault(key, {"source": source, "target": target, "kind": kind,
                                          "weight": 0, "story_ids": []})
            if story_id not in edge["story_ids"]:
                edge["story_ids"].append(story_id)
                edge["weight"] += 1

        shown = {s.story_id for s in stories}
        for story in stories:
            cast = [c for c in story.entities if c in characters]
            scenes = [p for p in story.locations if p in places]
            for c in cast:
                connect(story.story_id, c, "appears_in", story.story_id)
            for p in scenes:
                connect(story.story_id, p, "set_in", story.story_id)
            for a, b in combinations(sorted(cast), 2):
                connect(a, b, "co_appears", story.story_id)
            for c in cast:
                for p in scenes:
                    connect(c, p, "visits", story.story_id)
            for other in story.linked_stories:
                if other in shown and story.story_id < other:
                    connect(story.story_id, other, "linked", story.story_id)
        return {"nodes": nodes, "edges": list(edges.values())}
