"""Loading worlds and stories on behalf of a caller, enforcing visibility.

What the caller may not see is reported as missing (404), never as forbidden;
what they may see but not change is 403.
"""
from __future__ import annotations

from core import permissions
from core.errors import Forbidden, NotFound
from core.models import Story, User, World
from storage import DocumentStore


def load_world(store: DocumentStore, world_id: str) -> World | None:
    doc = store.get(World.collection, world_id)
    return None if doc is None else World.from_dict(doc)


def visible_world(store: DocumentStore, user: User | None, world_id: str) -> World:
    world = load_world(store, world_id)
    if world is None or not permissions.can_view_world(user, world):
        raise NotFound("World not found")
    return world


def editable_world(store: DocumentStore, user: User | None, world_id: str) -> World:
    world = visible_world(store, user, world_id)
    if not permissions.can_edit_world(user, world):
        raise Forbidden("Only the world's owner can change it")
    return world


def writable_world(store: DocumentStore, user: User | None, world_id: str) -> World:
    """A world whose content the caller may create and change (owner, co-author, admin)."""
    world = visible_world(store, user, world_id)
    if not permissions.can_write_world(user, world):
        raise Forbidden("Only the world's owner and co-authors can change its content")
    return world


def visible_story(store: DocumentStore, user: User | None, story_id: str) -> tuple[Story, World]:
    doc = store.get(Story.collection, story_id)
    world = load_world(store, doc["world_id"]) if doc else None
    if doc is None or world is None:
        raise NotFound("Story not found")
    story = Story.from_dict(doc)
    if not permissions.can_view_story(user, story, world):
        raise NotFound("Story not found")
    return story, world


def editable_story(store: DocumentStore, user: User | None, story_id: str) -> tuple[Story, World]:
    story, world = visible_story(store, user, story_id)
    if not permissions.can_edit_story(user, story, world):
        raise Forbidden("Only the story's owner can change it")
    return story, world


def is_world_reader(user: User | None, world: World) -> bool:
    """Owner, member (co-author or reader) or admin: sees every story of the world."""
    return permissions.is_admin(user) or permissions.world_role(user, world) is not None


def visible_story_ids(store: DocumentStore, user: User | None, world: World) -> list[str]:
    """Ids of the world's stories the caller may see, newest first."""
    return visible_story_ids_by_world(store, user, [world])[world.world_id]


def visible_story_ids_by_world(store: DocumentStore, user: User | None,
                               worlds: list[World]) -> dict[str, list[str]]:
    """``visible_story_ids`` for many worlds in a few grouped queries.

    Readers of a world see all its stories; others see its public stories and
    any they own themselves.
    """
    readable = [w.world_id for w in worlds if is_world_reader(user, w)]
    others = [w.world_id for w in worlds if not is_world_reader(user, w)]
    ids = store.group_ids(Story.collection, "world_id", readable)
    public = store.group_ids(Story.collection, "world_id", others, where={"visibility": "public"})
    own = store.group_ids(Story.collection, "world_id", others,
                          where={"owner_id": user.user_id}) if user is not None and others else {}
    for world_id in others:
        extra = own.get(world_id)
        if not extra:
            ids[world_id] = public.get(world_id, [])
        else:  # rare: their own story in a world they can no longer read
            wanted = set(public.get(world_id, [])) | set(extra)
            ids[world_id] = [i for i in store.find_ids(Story.collection, where={"world_id": world_id})
                             if i in wanted]
    return ids
