"""Accounts seen by staff: listing, role changes, bans, and counts over all content.

Every count is derived from the stored data, never kept as a counter, so it
cannot drift. The site always keeps at least one active (unbanned) admin.
"""
from __future__ import annotations

from core import permissions
from core.errors import Conflict, Forbidden, NotFound
from core.models import Story, User, World
from core.vocabulary import VISIBILITIES
from services.listing import Page, filtered_page
from storage import DocumentStore



class AdminService:
    def __init__(self, store: DocumentStore):
        self.store = store

    # -- reading ---------------------------------------------------------------

    def list_users(self, role: str | None, search: str | None, offset: int,
                   limit: int) -> Page:
        """Users, newest first, filtered by role and (at bounded cost, see
        ``services.listing``) by a username/email substring."""
        where = {"role": role} if role else None

        def read(start: int, count: int) -> list[dict]:
            return self.store.find(User.collection, where=where, offset=start, limit=count)

        total = self.store.count(User.collection, where=where)
        if not search:
            return Page([User.from_dict(d) for d in read(offset, limit)], total)
        text = search.casefold()
        found = filtered_page(read, total, lambda d: text in d["username_key"] or text in d["email_key"],
                              offset, limit)
        return found._replace(items=[User.from_dict(d) for d in found.items])

    def get_user(self, user_id: str) -> User:
        doc = self.store.get(User.collection, user_id)
        if doc is None:
            raise NotFound("User not found")
        return User.from_dict(doc)

    def describe(self, user: User) -> dict:
        """The account as staff see it: ban reason, quotas and usage counted from the data."""
        quotas = permissions.quotas_for(user.role)
        mine = {"owner_id": user.user_id}
        public = {**mine, "visibility": "public"}
        return {
            **user.public_dict(),
            "ban_reason": user.ban_reason,
            "permissions": list(permissions.permissions_for(user.role)),
            "quotas": {
                "public_worlds": {"current": self.store.count(World.collection, where=public),
                                  "limit": quotas["public_worlds"]},
                "public_stories": {"current": self.store.count(Story.collection, where=public),
                                   "limit": quotas["public_stories"]},
                "ai_jobs_per_day": {"limit": quotas["ai_jobs_per_day"]},
            },
            "usage": {"worlds": self.store.count(World.collection, where=mine),
                      "stories": self.store.count(Story.collection, where=mine)},
        }

    def stats(self) -> dict:
        """Counts over all accounts and all content."""
        stats = {
            "total_users": self.store.count(User.collection),
            "role_breakdown": {role: self.store.count(User.collection, where={"role": role})
                               for role in permissions.ROLES},
            "banned_users": self.store.count(User.collection, where={"banned": True}),
        }
        for name, collection in (("worlds", World.collection), ("stories", Story.collection)):
            stats[f"total_{name}"] = self.store.count(collection)
            for visibility in VISIBILITIES:
                stats[f"{visibility}_{name}"] = self.store.count(
                    collection, where={"visibility": visibility})
        return stats

    # -- writing ---------------------------------------------------------------

    def set_role(self, user_id: str, role: str) -> User:
        """Give a user a role; their permissions and quotas change at once."""
        with self.store.unit_of_work():
            user = self.get_user(user_id)
            if user.role == "admin" and role != "admin":
                self._keep_an_admin(user)
            user.role = role
            user.touch()
            self.store.put(User.collection, user.user_id, user.to_dict())
        return user

    def set_ban(self, actor: User, user_id: str, banned: bool, reason: str) -> User:
        """Ban (ending every session at once) or unban a user of lower rank."""
        with self.store.unit_of_work():
            user = self.get_user(user_id)
            if user.user_id == actor.user_id:
                raise Forbidden("You cannot ban or unban yourself", code="self_ban")
            if not permissions.outranks(actor, user.role):
                raise Forbidden(f"A {actor.role} cannot ban or unban a {user.role}",
                                code="insufficient_rank")
            if banned and not user.banned:
                if user.role == "admin":
                    self._keep_an_admin(user)
                user.token_version += 1
            user.banned = banned
            user.ban_reason = reason if banned else ""
            user.touch()
            self.store.put(User.collection, user.user_id, user.to_dict())
        return user

    def _keep_an_admin(self, leaving: User) -> None:
        active = self.store.find_ids(User.collection, where={"role": "admin", "banned": False})
        if not [uid for uid in active if uid != leaving.user_id]:
            raise Conflict("The site must keep at least one active admin", code="last_admin")
