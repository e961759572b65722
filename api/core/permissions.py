"""Who may see and change what. Pure functions over models; no I/O.

Roles carry a set of permissions and quotas (``ROLES``, served as the roles
catalogue). The role is read from storage on every request, so changing it
changes what a user may do, and their quotas, at once.

Visibility: only the owner and the world's members (co-authors in
``co_authors``, who also write its content; readers in ``shared_with``) see
non-public worlds; everyone sees public ones. Anything inside a world is
visible only if the world is. Admins (``manage_all_content``) see and act on
everything.
"""
from __future__ import annotations

from core.errors import Forbidden
from core.models import Story, User, World

# Permissions, each checked on the routes (``permission_required``) or in a service.
# Every account may write private/draft content and start AI jobs within its quotas.
PUBLISH = "publish"                      # make a world or story public (within the quota)
VIEW_USERS = "view_users"                # list, search and read accounts
BAN_USERS = "ban_users"                  # ban and unban accounts of lower rank
MANAGE_ROLES = "manage_roles"            # change any account's role
VIEW_ADMIN_STATS = "view_admin_stats"    # counts over all content and accounts
MANAGE_ALL_CONTENT = "manage_all_content"  # see and change every world and story

_MEMBER = (PUBLISH,)

ROLES: dict[str, dict] = {
    "admin": {
        "label": "Administrator",
        "description": "Runs the site: every permission, no quotas, sees and changes all content.",
        "rank": 4,
        "permissions": (*_MEMBER, VIEW_USERS, BAN_USERS, MANAGE_ROLES, VIEW_ADMIN_STATS,
                        MANAGE_ALL_CONTENT),
        "quotas": {"public_worlds": None, "public_stories": None, "ai_jobs_per_day": None},
    },
    "moderator": {
        "label": "Moderator",
        "description": "Looks after the community: lists and reads accounts and bans or "
                       "unbans users of lower rank. Cannot change roles or others' content.",
        "rank": 3,
        "permissions": (*_MEMBER, VIEW_USERS, BAN_USERS),
        "quotas": {"public_worlds": 50, "public_stories": 500, "ai_jobs_per_day": 500},
    },
    "premium": {
        "label": "Premium writer",
        "description": "A writer with larger quotas.",
        "rank": 2,
        "permissions": _MEMBER,
        "quotas": {"public_worlds": 50, "public_stories": 500, "ai_jobs_per_day": 500},
    },
    "user": {
        "label": "Writer",
        "description": "The role every new account gets.",
        "rank": 1,
        "permissions": _MEMBER,
        "quotas": {"public_worlds": 5, "public_stories": 50, "ai_jobs_per_day": 50},
    },
    "guest": {
        "label": "Guest",
        "description": "A trial account: writes private and draft content and tries the AI, "
                       "but cannot publish.",
        "rank": 0,
        "permissions": (),
        "quotas": {"public_worlds": 0, "public_stories": 0, "ai_jobs_per_day": 5},
    },
}
ALL_PERMISSIONS = tuple(dict.fromkeys(p for role in ROLES.values() for p in role["permissions"]))
ROLE_QUOTAS = {name: role["quotas"] for name, role in ROLES.items()}


def _role(user: User | None) -> dict | None:
    return None if user is None else ROLES.get(user.role, ROLES["user"])


def has_permission(user: User | None, permission: str) -> bool:
    role = _role(user)
    return role is not None and not user.banned and permission in role["permissions"]


def permissions_for(role: str) -> tuple[str, ...]:
    return ROLES.get(role, ROLES["user"])["permissions"]


def rank(role: str) -> int:
    return ROLES.get(role, ROLES["user"])["rank"]


def outranks(actor: User, role: str) -> bool:
    """Admins act on anyone; others only on roles below their own."""
    return is_admin(actor) or rank(actor.role) > rank(role)


def roles_catalogue() -> list[dict]:
    return [{"role": name, "label": role["label"], "description": role["description"],
             "permissions": list(role["permissions"]), "quotas": dict(role["quotas"])}
            for name, role in ROLES.items()]


def is_admin(user: User | None) -> bool:
    return has_permission(user, MANAGE_ALL_CONTENT)


def quotas_for(role: str) -> dict:
    return dict(ROLE_QUOTAS.get(role, ROLE_QUOTAS["user"]))


def world_role(user: User | None, world: World) -> str | None:
    """What the caller is to the world: "owner", "co_author", "reader" or None."""
    if user is None:
        return None
    if user.user_id == world.owner_id:
        return "owner"
    if user.user_id in world.co_authors:
        return "co_author"
    if user.user_id in world.shared_with:
        return "reader"
    return None


def can_view_world(user: User | None, world: World) -> bool:
    return world.visibility == "public" or is_admin(user) or world_role(user, world) is not None


def can_edit_world(user: User | None, world: World) -> bool:
    """Manage the world itself (settings, visibility, members, delete): owner or admin only."""
    return user is not None and (user.user_id == world.owner_id or is_admin(user))


def can_write_world(user: User | None, world: World) -> bool:
    """Create and change the world's content (stories, entries, events, relations, AI jobs):
    the owner, a co-author or an admin."""
    return is_admin(user) or world_role(user, world) in ("owner", "co_author")


def can_view_story(user: User | None, story: Story, world: World) -> bool:
    """A story needs its world visible, and is itself public or seen by a world member."""
    if not can_view_world(user, world):
        return False
    if story.visibility == "public" or is_admin(user):
        return True
    return user is not None and (user.user_id == story.owner_id or world_role(user, world) is not None)


def can_edit_story(user: User | None, story: Story, world: World) -> bool:
    return user is not None and (user.user_id == story.owner_id or can_write_world(user, world))


def check_can_publish(user: User) -> None:
    """Making something public needs the ``publish`` permission (guests lack it)."""
    if not has_permission(user, PUBLISH):
        raise Forbidden(f"The {user.role} role cannot publish; keep it private or draft",
                        {"visibility": "your role cannot make content public"},
                        code="publish_forbidden")
