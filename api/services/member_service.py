"""A world's members: its owner, co-authors (``World.co_authors``) and readers
(``World.shared_with``); listing them, changing a member's role, removing one or
leaving. Joining goes through an invitation (``invitation_service``)."""
from __future__ import annotations

from core import permissions
from core.errors import Conflict, Forbidden, NotFound
from core.models import User, World
from core.usernames import username_key
from storage import DocumentStore

MEMBERS_MAX = 500   # co-authors and readers of one world


def member_card(user: User) -> dict:
    """How a person shows beside their work: id, username, display name and avatar URL."""
    return {"user_id": user.user_id, "username": user.username, "display_name": user.display_name,
            "avatar_url": f"/api/users/{user.user_id}/avatar" if user.avatar_id else None}


def member_count(world: World) -> int:
    return len(world.co_authors) + len(world.shared_with)


def set_role(world: World, user_id: str, role: str | None) -> None:
    """Make ``user_id`` a co-author, a reader, or (``None``) no member of ``world`` (unsaved)."""
    world.co_authors = [uid for uid in world.co_authors if uid != user_id]
    world.shared_with = [uid for uid in world.shared_with if uid != user_id]
    if role == "co_author":
        world.co_authors.append(user_id)
    elif role == "reader":
        world.shared_with.append(user_id)


class MemberService:
    def __init__(self, store: DocumentStore, activity=None):
        self.store = store
        self.activity = activity   # services.activity_service.ActivityService (it imports member_card)

    def lookup(self, username: str) -> User:
        """The account with exactly this username (same key as login); 404 otherwise."""
        docs = self.store.find(User.collection, where={"username_key": username_key(username.strip())}, limit=1)
        if not docs:
            raise NotFound("No user has that username", code="user_not_found")
        return User.from_dict(docs[0])

    def list(self, world: World, user: User | None) -> list[dict]:
        """Owner first, then co-authors, then readers (in the order they joined); members and
        admins only, anyone else 404 as for a world they cannot see."""
        if not (permissions.is_admin(user) or permissions.world_role(user, world)):
            raise NotFound("World not found")
        roles = [(world.owner_id, "owner"), *((uid, "co_author") for uid in world.co_authors),
                 *((uid, "reader") for uid in world.shared_with)]
        users = self.store.get_many(User.collection, [uid for uid, _ in roles])
        return [{**member_card(User.from_dict(users[uid])), "role": role} for uid, role in roles if uid in users]

    def change_role(self, world: World, user_id: str, role: str) -> dict:
        """Make a member a co-author or a reader (the caller manages the world)."""
        with self.store.unit_of_work():
            if user_id == world.owner_id:
                raise Conflict("The owner's role cannot change", {"user_id": "the world's owner"},
                               code="owner_role")
            if permissions.world_role(self._user(user_id), world) is None:
                raise NotFound("Not a member of this world", code="member_not_found")
            set_role(world, user_id, role)
            self.save(world, "edited", user_id)
            return {**member_card(self._user(user_id)), "role": role}

    def remove(self, world: World, actor: User, user_id: str) -> None:
        """The owner (or an admin) removes a member; a member removes themself (leaves).
        The owner cannot leave their own world (409); anyone else 403."""
        with self.store.unit_of_work():
            if user_id == world.owner_id:
                raise Conflict("The owner cannot leave or be removed from their world",
                               {"user_id": "the world's owner"}, code="owner_cannot_leave")
            if actor.user_id != user_id and not permissions.can_edit_world(actor, world):
                raise Forbidden("Only the world's owner can remove other members")
            if user_id not in world.co_authors and user_id not in world.shared_with:
                raise NotFound("Not a member of this world", code="member_not_found")
            set_role(world, user_id, None)
            self.save(world, "deleted", user_id)

    def _user(self, user_id: str) -> User | None:
        doc = self.store.get(User.collection, user_id)
        return None if doc is None else User.from_dict(doc)

    def save(self, world: World, action: str, user_id: str) -> None:
        """Store the world whose membership changed (in the open unit of work), note it in the
        activity feed and have the world's open streams check their callers again."""
        world.touch()
        self.store.put(World.collection, world.world_id, world.to_dict())
        if self.activity is not None:
            member = self._user(user_id)
            self.activity.record(None, action, "member", world.world_id, user_id,
                                 member.display_name or member.username if member else "")
            self.activity.access_changed(world.world_id)
