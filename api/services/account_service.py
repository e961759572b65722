"""An account's own page and its end: profile, email, avatars, and deleting an account.

Deleting an account is one unit of work. Every world the account owns must be
settled explicitly first: deleted (to the trash, like any world delete) or
transferred to one of its current co-authors, who becomes its owner. Then the
account's stories in other people's worlds pass to those worlds' owners, it
leaves every world it was a member of, its AI jobs and its avatar go, and the
account itself is deleted: its tokens stop working at once (no account, no
token), and its history entries show no name.
"""
from __future__ import annotations

import uuid

from core.errors import Conflict, InvalidInput, NotFound, Unauthorized
from core.models import Finding, Invitation, ReadingPosition, Story, Task, User, World
from core.vocabulary import FINAL_TASK_STATUSES
from services.auth_service import AuthService
from services.image_codec import Processed, process, square
from services import usage_service as usage_ledger
from services.trash_service import TrashService
from storage import DocumentStore

DEFAULT_AVATAR_SIZE = 256
PROFILE_WORLDS = 50   # public worlds shown on a profile, newest first


def user_card(user: User) -> dict:
    """The few public fields that show who someone is (no email)."""
    return {"user_id": user.user_id, "username": user.username,
            "display_name": user.display_name, "avatar_url": user.avatar_url}


class AccountService:
    def __init__(self, store: DocumentStore, auth: AuthService, trash: TrashService, max_pixels: int,
                 avatar_size: int = DEFAULT_AVATAR_SIZE):
        self.store = store
        self.auth = auth
        self.trash = trash
        self.max_pixels = max_pixels
        self.avatar_size = avatar_size

    def _user(self, user_id: str) -> User | None:
        doc = self.store.get(User.collection, user_id)
        return None if doc is None else User.from_dict(doc)

    # -- profiles --------------------------------------------------------------------

    def profile(self, user: User) -> dict:
        """The public profile: the card, the bio and the public worlds it owns (no email)."""
        docs = self.store.find(World.collection, where={"owner_id": user.user_id, "visibility": "public"},
                               limit=PROFILE_WORLDS)
        worlds = [{"world_id": d["world_id"], "name": d["name"], "description": d.get("description", ""),
                   "world_type": d.get("world_type", ""), "image_id": d.get("image_id", ""),
                   "created_at": d["created_at"]} for d in docs]
        return {**user_card(user), "bio": user.bio, "worlds": worlds}

    def change_email(self, user: User, password: str, new_email: str) -> User:
        """Move the account to another email (the password proves it is the owner); 409 taken."""
        current = self.auth.check_password(user, password)

        def apply(fresh: User):
            if fresh.password_hash != current.password_hash:
                raise Conflict("The password was changed meanwhile; sign in again", code="password_changed")
            taken = self.store.find(User.collection, where={"email_key": new_email.casefold()}, limit=1)
            if taken and taken[0]["user_id"] != fresh.user_id:
                raise Conflict("Email already registered", {"new_email": "already registered"},
                               code="email_taken")
            fresh.email = new_email

        updated = self.auth.update(user.user_id, apply)
        if updated is None:
            raise Unauthorized("Invalid token", code="invalid_token")
        return updated

    def update_profile(self, user: User, changes: dict) -> User:
        """Set ``display_name`` and/or ``bio`` (already checked by the schema)."""
        def apply(fresh: User):
            for name in ("display_name", "bio"):
                if name in changes:
                    setattr(fresh, name, changes[name])

        updated = self.auth.update(user.user_id, apply)
        if updated is None:
            raise Unauthorized("Invalid token", code="invalid_token")
        return updated

    # -- avatars ---------------------------------------------------------------------

    def prepare_avatar(self, data: bytes) -> tuple[str, bytes]:
        """Check and re-encode the upload (``image_codec``: 415/400/413), then cut a square."""
        processed: Processed = process(data, self.max_pixels, self.avatar_size)
        return square(processed, self.avatar_size, self.max_pixels)

    def set_avatar(self, user: User, image: bytes) -> User:
        """Store the prepared avatar and drop the previous one, in one unit."""
        key = f"avatar-{user.user_id}-{uuid.uuid4().hex[:12]}"
        with self.store.unit_of_work():
            fresh = self._user(user.user_id)
            if fresh is None:
                raise NotFound("User not found")
            self.store.put_blob(key, image)
            if fresh.avatar_id:
                self.store.delete_blob(fresh.avatar_id)
            fresh.avatar_id = key
            fresh.touch()
            self.store.put(User.collection, fresh.user_id, fresh.to_dict())
        return fresh

    def clear_avatar(self, user: User) -> User:
        with self.store.unit_of_work():
            fresh = self._user(user.user_id)
            if fresh is None:
                raise NotFound("User not found")
            if fresh.avatar_id:
                self.store.delete_blob(fresh.avatar_id)
                fresh.avatar_id = ""
                fresh.touch()
                self.store.put(User.collection, fresh.user_id, fresh.to_dict())
        return fresh

    def avatar(self, user_id: str) -> tuple[str, bytes]:
        """(the avatar's key, its bytes); 404 when the account has none."""
        user = self._user(user_id)
        data = self.store.get_blob(user.avatar_id) if user is not None and user.avatar_id else None
        if data is None:
            raise NotFound("No avatar")
        return user.avatar_id, data

    # -- deleting an account ---------------------------------------------------------

    def owned_worlds(self, user: User) -> list[World]:
        return [World.from_dict(d) for d in self.store.find(World.collection, where={"owner_id": user.user_id},
                                                             newest_first=False)]

    def deletion_plan(self, user: User) -> list[dict]:
        """Each world the account owns, with the co-authors it could be given to."""
        plan = []
        for world in self.owned_worlds(user):
            authors = [u for u in (self._user(uid) for uid in world.co_authors) if u is not None]
            plan.append({"world_id": world.world_id, "name": world.name,
                         "co_authors": [user_card(u) for u in authors]})
        return plan

    def delete_account(self, user: User, choices: list[dict]) -> dict:
        """Settle every owned world as ``choices`` say, then delete the account (the caller
        has checked the password). 400 ``worlds_unresolved`` / ``invalid_transfer``."""
        with self.store.unit_of_work():
            user = self._user(user.user_id)
            if user is None:
                raise NotFound("User not found")
            owned = {w.world_id: w for w in self.owned_worlds(user)}
            chosen = {c["world_id"]: c for c in choices}
            missing = [wid for wid in owned if wid not in chosen]
            if missing:
                raise InvalidInput("Say what happens to each of your worlds first: delete it or give "
                                   "it to a co-author", {"worlds": "not resolved: " + ", ".join(missing)},
                                   code="worlds_unresolved")
            unknown = [wid for wid in chosen if wid not in owned]
            if unknown:
                raise InvalidInput("These are not your worlds", {"worlds": "not yours: " + ", ".join(unknown)},
                                   code="worlds_unresolved")
            deleted, transferred = [], []
            for world_id, world in owned.items():
                choice = chosen[world_id]
                if choice["action"] == "transfer":
                    self._transfer(user, world, choice.get("to_user_id") or "")
                    transferred.append(world_id)
                else:
                    self.trash.trash_world(user, world)
                    deleted.append(world_id)
            self._forget_dismissals(user, transferred)
            self._leave_everything(user)
            if user.avatar_id:
                self.store.delete_blob(user.avatar_id)
            self.store.delete(User.collection, user.user_id)
        return {"deleted_worlds": deleted, "transferred_worlds": transferred}

    def _transfer(self, user: User, world: World, to_user_id: str) -> None:
        heir = self._user(to_user_id) if to_user_id in world.co_authors else None
        if heir is None or heir.banned:
            raise InvalidInput(f"'{world.name}' can only be given to one of its current co-authors",
                               {"worlds": f"{world.world_id}: to_user_id is not a co-author"},
                               code="invalid_transfer")
        world.owner_id = heir.user_id
        world.co_authors = [uid for uid in world.co_authors if uid != heir.user_id]
        world.shared_with = [uid for uid in world.shared_with if uid != heir.user_id]
        world.version += 1
        world.touch()
        self.store.put(World.collection, world.world_id, world.to_dict())

    def _forget_dismissals(self, user: User, world_ids: list[str]) -> None:
        """Consistency findings the account dismissed in worlds that stay (given away, or where it
        is a member) stay dismissed, but no longer name who dismissed them."""
        uid = user.user_id
        worlds = set(world_ids) | {doc["world_id"] for field in ("co_authors", "shared_with")
                                   for doc in self.store.find(World.collection, where={field: uid})}
        for world_id in sorted(worlds):
            for doc in self.store.find(Finding.collection, where={"world_id": world_id, "status": "dismissed"}):
                if doc.get("dismissed_by") == uid:
                    self.store.put(Finding.collection, doc["finding_id"], {**doc, "dismissed_by": ""})

    def _leave_everything(self, user: User) -> None:
        """Stories pass to their world's owner; memberships, invitations to them, reading
        positions, finished AI jobs and the AI usage ledger go."""
        uid = user.user_id
        owners: dict[str, str | None] = {}
        for doc in self.store.find(Story.collection, where={"owner_id": uid}, newest_first=False):
            world_id = doc["world_id"]
            if world_id not in owners:
                world = self.store.get(World.collection, world_id)
                owners[world_id] = world["owner_id"] if world else None
            if owners[world_id] and owners[world_id] != uid:
                self.store.put(Story.collection, doc["story_id"], {**doc, "owner_id": owners[world_id]})
        for field in ("co_authors", "shared_with"):
            for doc in self.store.find(World.collection, where={field: uid}, newest_first=False):
                doc = self.store.get(World.collection, doc["world_id"])   # the other list may have changed
                world = World.from_dict(doc)
                world.co_authors = [u for u in world.co_authors if u != uid]
                world.shared_with = [u for u in world.shared_with if u != uid]
                world.touch()
                self.store.put(World.collection, world.world_id, world.to_dict())
        for doc in self.store.find(ReadingPosition.collection, where={"user_id": uid}, newest_first=False):
            self.store.delete(ReadingPosition.collection, doc[self.store.id_field(ReadingPosition.collection)])
        for where in ({"invitee_id": uid}, {"invitee_email_key": user.email_key}):
            for doc in self.store.find(Invitation.collection, where=where, newest_first=False):
                self.store.delete(Invitation.collection, doc["invitation_id"])
        for doc in self.store.find(Task.collection, where={"owner_id": uid}, newest_first=False):
            if doc["status"] in FINAL_TASK_STATUSES:   # a running one is pruned later, like any
                self.store.delete(Task.collection, doc["task_id"])
        usage_ledger.forget(self.store, {"user_id": uid})   # their AI usage (a running job records none)
