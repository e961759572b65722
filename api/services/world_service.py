"""Worlds: listing what a caller may see, creation with casts, updates, sharing
and the delete (a move to the trash, with everything in the world)."""
from __future__ import annotations

from core import permissions
from core.calendar import normalise_calendar
from core.calendar_changes import merge_calendar, moves_years
from core.errors import InvalidInput
from core.language import detect_language
from core.models import Entity, Location, TrashItem, User, World
from services import access, dating
from services.listing import Page, filtered_page
from services.publishing import check_public_quota
from services.cast_service import CastService
from services.image_service import check_image_ref
from services.revisions import Revisions
from services.story_service import StoryService
from services.trash_service import TrashService
from storage import DocumentStore


class WorldService:
    def __init__(self, store: DocumentStore, revisions: Revisions | None = None,
                 trash: TrashService | None = None, ai_settings=None):
        self.store = store
        self.ai_settings = ai_settings   # services.ai_settings.AISettings: the models a world may choose
        self.revisions = revisions or Revisions(store)
        self.trash = trash or TrashService(store)
        self.cast = CastService(store, self.revisions, self.trash)
        self.stories = StoryService(store, self.revisions, self.trash)

    # -- reading ---------------------------------------------------------------

    def visibility_query(self, user: User | None) -> dict:
        """``where``/``any_of`` selecting exactly the worlds ``user`` may see."""
        if permissions.is_admin(user):
            return {}
        if user is None:
            return {"where": {"visibility": "public"}}
        return {"any_of": [{"visibility": "public"}, {"owner_id": user.user_id},
                           {"shared_with": user.user_id}, {"co_authors": user.user_id}]}

    def list(self, user: User | None, filters: dict, offset: int, limit: int) -> Page:
        """A page of the worlds the caller may see, newest first, read in the store
        query; ``q`` (not indexed) filters at bounded cost (``services.listing``)."""
        query = self.visibility_query(user)
        where = dict(query.get("where", {}))
        if filters.get("mine"):
            if user is None:
                return Page([], 0)
            where["owner_id"] = user.user_id
        if filters.get("visibility"):
            if where.get("visibility", filters["visibility"]) != filters["visibility"]:
                return Page([], 0)   # anonymous callers see public worlds only, whatever they ask for
            where["visibility"] = filters["visibility"]
        if filters.get("world_type"):
            where["world_type"] = filters["world_type"]
        query["where"] = where
        text = (filters.get("q") or "").casefold()

        def read(start: int, count: int) -> list[dict]:
            return self.store.find(World.collection, offset=start, limit=count, **query)

        if not text:
            return Page([World.from_dict(d) for d in read(offset, limit)],
                        self.store.count(World.collection, **query))
        found = filtered_page(read, self.store.count(World.collection, **query),
                              lambda doc: text in doc["name"].casefold() or text in doc["description"].casefold(),
                              offset, limit)
        return found._replace(items=[World.from_dict(d) for d in found.items])

    def present(self, world: World, user: User | None) -> dict:
        """The API's World: stored fields plus the derived id lists."""
        return self.present_many([world], user)[0]

    def present_many(self, worlds: list[World], user: User | None) -> list[dict]:
        """``present`` for a page of worlds, in a few grouped queries."""
        world_ids = [w.world_id for w in worlds]
        stories = access.visible_story_ids_by_world(self.store, user, worlds)
        entities = self.store.group_ids(Entity.collection, "world_id", world_ids)
        locations = self.store.group_ids(Location.collection, "world_id", world_ids)
        answers = []
        for world in worlds:
            data = dict(vars(world))  # a shallow copy will do: the answer is serialised at once
            if not access.is_world_reader(user, world):
                data["shared_with"], data["co_authors"] = [], []
            data["my_role"] = permissions.world_role(user, world)
            data["stories"] = stories.get(world.world_id, [])
            data["entities"] = entities.get(world.world_id, [])
            data["locations"] = locations.get(world.world_id, [])
            data["language"] = world.effective_language()
            # older worlds stored only the year mapping: the answer shows the whole calendar
            data["metadata"] = {**world.metadata, "calendar": dating.calendar_of(world)}
            answers.append(data)
        return answers

    # -- writing ---------------------------------------------------------------

    def create(self, user: User, data: dict) -> World:
        metadata = dict(data.get("metadata") or {})
        metadata["calendar"] = merge_calendar(None, metadata.get("calendar") or {}, data["world_type"])
        metadata.setdefault("themes", [])
        world = World(name=data["name"], description=data.get("description", ""),
                      world_type=data["world_type"], visibility=data["visibility"],
                      owner_id=user.user_id, metadata=metadata,
                      language=data.get("language") or detect_language(f"{data['name']}. {data.get('description', '')}"))
        with self.store.unit_of_work():
            check_public_quota(self.store, user, World, world.visibility)
            self.store.put(World.collection, world.world_id, world.to_dict())
            self.revisions.created(user.user_id, world)
            gpt = data.get("gpt_entities") or {}
            characters = [_character_from_analysis(e) for e in gpt.get("entities", [])]
            places = [_location_from_analysis(loc) for loc in gpt.get("locations", [])]
            if characters or places:
                self.cast.add_cast(world, characters, places)
            if data.get("starter_cast"):
                self.cast.add_starter_cast(world)
        return world

    def update(self, user: User, world: World, changes: dict, restored_version: int | None = None) -> World:
        """Apply the changes; the world as it was is kept in its history (``Revisions``).
        A calendar change is checked against the world's stored dates, and when it maps
        ``time_index`` to other years the dated stories and events keep their dates."""
        with self.store.unit_of_work():
            before = world.to_dict()
            if "image_id" in changes:
                check_image_ref(self.store, world.world_id, changes["image_id"])
            if "ai_model" in changes:
                self._check_model(changes["ai_model"])
            if "visibility" in changes:
                check_public_quota(self.store, user, World, changes["visibility"], world.visibility)
            metadata = changes.pop("metadata", None) or {}
            for key, value in changes.items():
                setattr(world, key, value)
            calendar = None
            if "calendar" in metadata:
                before_calendar = normalise_calendar(world.metadata.get("calendar"), world.world_type)
                calendar = merge_calendar(world.metadata.get("calendar"), metadata["calendar"] or {},
                                          world.world_type)
                dating.check_calendar_change(self.store, world.world_id, before_calendar, calendar)
                world.metadata["calendar"] = calendar
            if metadata.get("themes") is not None:  # null means "leave as is", as everywhere
                world.metadata["themes"] = metadata["themes"]
            world.touch()
            self.revisions.record(user.user_id, world, before, restored_version)
            self.store.put(World.collection, world.world_id, world.to_dict())
            if calendar is not None and moves_years(before_calendar, calendar):
                dating.follow_dates(self.store, self.revisions, user.user_id, world.world_id, calendar)
        return world

    def _check_model(self, model: str) -> None:
        """A world's ``ai_model``: "" (the site's default) or one the operator allows."""
        if self.ai_settings is not None:
            self.ai_settings.check_model(model)
        elif model:
            raise InvalidInput("No AI models are configured", {"ai_model": "must be \"\""},
                               code="model_not_allowed")

    def delete(self, user: User, world: World) -> TrashItem:
        """Move the world and everything in it to the trash (``TrashService.trash_world``)."""
        return self.trash.trash_world(user, world)

    def share(self, world: World, user_ids: list[str], share: bool) -> World:
        with self.store.unit_of_work():
            unknown = [uid for uid in user_ids if self.store.get(User.collection, uid) is None]
            if share and unknown:
                raise InvalidInput("Unknown users", {"user_ids": f"no such users: {', '.join(unknown)}"})
            if share:
                # a co-author stays one: sharing adds readers only
                additions = [uid for uid in user_ids if uid != world.owner_id and uid not in world.co_authors]
                world.shared_with = list(dict.fromkeys(world.shared_with + additions))
            else:
                world.shared_with = [uid for uid in world.shared_with if uid not in user_ids]
            world.touch()
            self.store.put(World.collection, world.world_id, world.to_dict())
            if not share:
                self.revisions.activity.access_changed(world.world_id)
        return world


def _character_from_analysis(item: dict) -> dict:
    return {
        "name": item["name"],
        "entity_type": item.get("entity_type") or "character",
        "description": item.get("description", ""),
        "attributes": item.get("attributes") or {},
    }


def _location_from_analysis(item: dict) -> dict:
    return {
        "name": item["name"],
        "description": item.get("description", ""),
        "coordinates": item.get("coordinates") or {},
    }
