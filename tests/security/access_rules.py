"""The access matrix: for every route of the app, who gets which status.

Each route (rule, method) has a policy, the status a permitted caller gets,
and what its path and body need. A policy maps (actor, the target is public?)
to the expected status. ``test_access_matrix`` checks every entry against the
running app, and checks that the entries cover exactly the app's URL map.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from core.vocabulary import DEFAULT_RELATION_TYPES

# "shared" is a reader of the scene's world (``shared_with``), "co_author" a co-author (``co_authors``),
# "other" a stranger to it.
ACTORS = ("anonymous", "owner", "co_author", "other", "shared", "moderator", "admin", "banned")
MEMBERS = ("owner", "co_author", "shared")


def open_route(actor: str, public: bool, ok: int) -> int:
    """No auth at all: a token, even a banned one, is ignored."""
    return ok


def any_caller(actor: str, public: bool, ok: int) -> int:
    """Optional auth, not tied to a world: a bad (banned) token is rejected."""
    return 401 if actor == "banned" else ok


def logged_in(actor: str, public: bool, ok: int) -> int:
    return 401 if actor in ("anonymous", "banned") else ok


def reader(actor: str, public: bool, ok: int) -> int:
    """Inside a world: its members (owner, co-authors, readers) and admins see it; others only when public."""
    if actor == "banned":
        return 401
    if actor in (*MEMBERS, "admin") or public:
        return ok
    return 404


def owner_only(actor: str, public: bool, ok: int) -> int:
    """Managing a world (settings, visibility, delete, sharing, members, invitations): owner or
    admin; its members see it but may not (403)."""
    if actor in ("anonymous", "banned"):
        return 401
    if actor in ("owner", "admin"):
        return ok
    if actor in MEMBERS or public:
        return 403
    return 404


def writer(actor: str, public: bool, ok: int) -> int:
    """Changing a world's content: owner, co-authors or admins; readers read but never write."""
    if actor in ("anonymous", "banned"):
        return 401
    if actor in ("owner", "co_author", "admin"):
        return ok
    if actor == "shared" or public:
        return 403
    return 404


def members_only(actor: str, public: bool, ok: int) -> int:
    """Who is in a world: its members and admins; anyone else 404, even for a public world."""
    if actor == "banned":
        return 401
    return ok if actor in (*MEMBERS, "admin") else 404


def invitee(actor: str, public: bool, ok: int) -> int:
    """An invitation is answered by the one invited (the scene invites "other"); anyone else 404."""
    if actor in ("anonymous", "banned"):
        return 401
    return ok if actor == "other" else 404


def staff(actor: str, public: bool, ok: int) -> int:
    """Moderators and admins (view_users, ban_users)."""
    if actor in ("anonymous", "banned"):
        return 401
    return ok if actor in ("moderator", "admin") else 403


def admin_only(actor: str, public: bool, ok: int) -> int:
    if actor in ("anonymous", "banned"):
        return 401
    return ok if actor == "admin" else 403


def member_reader(actor: str, public: bool, ok: int) -> int:
    """Needs a login, and reads a world (AI jobs that borrow a world's cast)."""
    return 401 if actor == "anonymous" else reader(actor, public, ok)


def task_owner(actor: str, public: bool, ok: int) -> int:
    """An AI job is its owner's alone: anyone else, admins too, gets 404."""
    if actor in ("anonymous", "banned"):
        return 401
    return ok if actor == "owner" else 404


def editor_only(actor: str, public: bool, ok: int) -> int:
    """A document's history: only those who may change it (owner, co-authors, admin); anyone
    else, readers and public alike, gets 404 as for a missing document."""
    if actor in ("anonymous", "banned"):
        return 401
    return ok if actor in ("owner", "co_author", "admin") else 404


def manager_only(actor: str, public: bool, ok: int) -> int:
    """A world's own history: only those who may change the world (owner, admin); anyone else,
    co-authors too, gets 404 as for a missing document."""
    if actor in ("anonymous", "banned"):
        return 401
    return ok if actor in ("owner", "admin") else 404


def deleted_item_owner(actor: str, public: bool, ok: int) -> int:
    """A trash entry (the scene's: the owner deleted a character): the owner of what was deleted,
    or an admin; anyone else (a co-author who did not delete it too) 404."""
    return manager_only(actor, public, ok)


def leaving(actor: str, public: bool, ok: int) -> int:
    """DELETE /auth/me without world choices: the scene's owner owns a world (400
    ``worlds_unresolved``); anyone else owns none and is deleted."""
    if actor in ("anonymous", "banned"):
        return 401
    return 400 if actor == "owner" else ok


def world_member(actor: str, public: bool, ok: int) -> int:
    """Who works on a world (owner, members) and admins; anyone else 404, public or not
    (a public world's visitors do not see its activity)."""
    if actor in ("anonymous", "banned"):
        return 401
    return ok if actor in (*MEMBERS, "admin") else 404


def chapter_reader(actor: str, public: tuple[bool, bool], ok: int) -> int:
    """A reading position on the scene's chapter (``scope="chapter"``: world and story public?):
    needs a login and the book's world; a chapter the caller may not see is refused (400)
    exactly like a story that is no chapter."""
    world_public, story_public = public
    if actor in ("anonymous", "banned"):
        return 401
    if actor in (*MEMBERS, "admin") or story_public:
        return ok
    return 400 if world_public else 404


def login_as(actor: str, public: bool, ok: int) -> int:
    """POST /auth/login with the actor's own credentials (anonymous: wrong ones)."""
    return {"anonymous": 401, "banned": 403}.get(actor, ok)


@dataclass(frozen=True)
class Entry:
    policy: Callable[[str, bool], int]
    ok: int = 200
    scope: str = "world"               # what "public" refers to: the world, the story or both ("chapter")
    body: Callable[[dict], dict] | None = None
    query: Callable[[dict], dict] | None = None   # the query string, if the route needs one
    upload: Callable[[dict], bytes] | None = None   # a multipart body: this file in the field ``file``
    fresh_actors: bool = False   # the route may end the actor's account: new actors for every call

    def expected(self, actor: str, scene: dict) -> int:
        return self.policy(actor, scene[f"{self.scope}_public"], self.ok)


def _named(prefix: str) -> Callable[[dict], dict]:
    return lambda s: {"name": f"{prefix} {s['serial']}"}


def _describe(s: dict) -> dict:
    return {"description": f"changed {s['serial']}"}


def _share(s: dict) -> dict:
    return {"user_ids": [s["users"]["other"]]}


def _relation_types(s: dict) -> dict:
    """The default vocabulary (scenes use ``located_in``), relabelled, plus a type."""
    return {"types": [{"key": k, "label": f"{label} {s['serial']}", "inverse_label": inverse, "mutual": mutual}
                      for k, label, inverse, mutual in DEFAULT_RELATION_TYPES]
            + [{"key": "mentor_of", "label": "mentor of", "inverse_label": "apprentice of"}]}


STORY = "story"
READ = Entry(reader)
MANAGE = Entry(owner_only, body=_describe)
WRITE = Entry(writer, body=_describe)


def _history(base: str, policy=editor_only) -> dict:
    """The three history routes of a document (scenes edit each document once: version 1 is kept)."""
    return {(f"{base}/versions", "GET"): Entry(policy),
            (f"{base}/versions/<int:version>", "GET"): Entry(policy),
            (f"{base}/versions/<int:version>/restore", "POST"): Entry(policy)}


MATRIX: dict[tuple[str, str], Entry] = {
    # accounts
    ("/api/auth/register", "POST"): Entry(open_route, 201, body=lambda s: {
        "username": f"fresh{s['serial']}", "email": f"fresh{s['serial']}@example.com",
        "password": "password123"}),
    ("/api/auth/login", "POST"): Entry(login_as, body=lambda s: s["credentials"]),
    ("/api/auth/verify", "GET"): Entry(logged_in),
    ("/api/auth/me", "GET"): Entry(logged_in),
    ("/api/auth/change-password", "POST"): Entry(logged_in, body=lambda s: {
        "old_password": s["credentials"]["password"], "new_password": s["credentials"]["password"]}),
    ("/api/auth/me", "PATCH"): Entry(logged_in, body=lambda s: {"display_name": f"Name {s['serial']}"}),
    ("/api/auth/me/avatar", "PUT"): Entry(logged_in, upload=lambda s: s["image_file"]),
    ("/api/auth/me/avatar", "DELETE"): Entry(logged_in),
    ("/api/auth/change-email", "POST"): Entry(logged_in, body=lambda s: {
        "password": s["credentials"]["password"], "new_email": f"moved{s['serial']}@example.com"}),
    ("/api/auth/me/deletion-plan", "GET"): Entry(logged_in),
    ("/api/auth/me", "DELETE"): Entry(leaving, fresh_actors=True, body=lambda s: {
        "password": s["credentials"]["password"], "worlds": []}),
    # people (the scene's target user has an avatar)
    ("/api/users/<user_id>/avatar", "GET"): Entry(any_caller),
    ("/api/users/by-name/<username>", "GET"): Entry(any_caller),
    # worlds
    ("/api/worlds", "GET"): Entry(any_caller),
    ("/api/worlds", "POST"): Entry(logged_in, 201, body=_named("World")),
    ("/api/worlds/<world_id>", "GET"): READ,
    ("/api/worlds/<world_id>", "PUT"): MANAGE,
    ("/api/worlds/<world_id>", "PATCH"): MANAGE,
    ("/api/worlds/<world_id>", "DELETE"): Entry(owner_only),
    ("/api/worlds/<world_id>/share", "POST"): Entry(owner_only, body=_share),
    ("/api/worlds/<world_id>/unshare", "POST"): Entry(owner_only, body=_share),
    ("/api/worlds/<world_id>/auto-link-stories", "POST"): Entry(writer),
    ("/api/worlds/<world_id>/relationships", "GET"): READ,
    ("/api/worlds/<world_id>/stories", "GET"): READ,
    # characters and locations
    ("/api/worlds/<world_id>/characters", "GET"): READ,
    ("/api/worlds/<world_id>/entities", "POST"): Entry(writer, 201, body=_named("Hero")),
    ("/api/worlds/<world_id>/entities/<entity_id>", "GET"): READ,
    ("/api/worlds/<world_id>/entities/<entity_id>", "PUT"): WRITE,
    ("/api/worlds/<world_id>/entities/<entity_id>", "PATCH"): WRITE,
    ("/api/worlds/<world_id>/entities/<entity_id>", "DELETE"): Entry(writer),
    ("/api/worlds/<world_id>/locations", "GET"): READ,
    ("/api/worlds/<world_id>/locations", "POST"): Entry(writer, 201, body=_named("Place")),
    ("/api/worlds/<world_id>/locations/<location_id>", "GET"): READ,
    ("/api/worlds/<world_id>/locations/<location_id>", "PUT"): WRITE,
    ("/api/worlds/<world_id>/locations/<location_id>", "PATCH"): WRITE,
    ("/api/worlds/<world_id>/locations/<location_id>", "DELETE"): Entry(writer),
    # the codex: entries, an entry's page, the tree of locations, field templates
    ("/api/worlds/<world_id>/entries", "GET"): READ,
    ("/api/worlds/<world_id>/entries/<entry_id>", "GET"): READ,
    ("/api/worlds/<world_id>/locations/tree", "GET"): READ,
    ("/api/worlds/<world_id>/field-templates", "GET"): READ,
    ("/api/worlds/<world_id>/field-templates", "POST"): Entry(writer, 201, body=lambda s: {
        "kind": "character", "label": f"Field {s['serial']}", "field_type": "number"}),
    ("/api/worlds/<world_id>/field-templates/<template_id>", "PATCH"): Entry(writer, body=lambda s: {
        "label": f"Renamed {s['serial']}"}),
    ("/api/worlds/<world_id>/field-templates/<template_id>", "DELETE"): Entry(writer),
    # typed relations, relation types, the codex graph, family trees (scenes: Ana located_in Port)
    ("/api/worlds/<world_id>/relation-types", "GET"): READ,
    ("/api/worlds/<world_id>/relation-types", "PUT"): Entry(writer, body=_relation_types),
    ("/api/worlds/<world_id>/relations", "GET"): READ,
    ("/api/worlds/<world_id>/relations", "POST"): Entry(writer, 201, body=lambda s: {
        "source_id": s["entity_id"], "target_id": s["location_id"], "type": "owns", "attitude": 1}),
    ("/api/worlds/<world_id>/relations/<relation_id>", "GET"): READ,
    ("/api/worlds/<world_id>/relations/<relation_id>", "PATCH"): Entry(writer, body=lambda s: {
        "note": f"changed {s['serial']}"}),
    ("/api/worlds/<world_id>/relations/<relation_id>", "DELETE"): Entry(writer),
    ("/api/worlds/<world_id>/graph", "GET"): READ,
    ("/api/worlds/<world_id>/entries/<entry_id>/family-tree", "GET"): READ,
    # mentions (an entry's sources: only stories the caller may see)
    ("/api/worlds/<world_id>/entries/<entry_id>/mentions", "GET"): READ,
    ("/api/worlds/<world_id>/mentions/resolve", "GET"): READ,
    ("/api/worlds/<world_id>/mentions/unresolved", "GET"): READ,
    # the canon an AI job would send (writers; the scene's world only)
    ("/api/worlds/<world_id>/context", "POST"): Entry(writer, body=lambda s: {
        "text": f"Hero and [[Place]] in story {s['serial']}"}),
    # images (the scene's world holds one, shown nowhere)
    ("/api/worlds/<world_id>/images", "GET"): READ,
    ("/api/worlds/<world_id>/images", "POST"): Entry(writer, 201, upload=lambda s: s["image_file"]),
    ("/api/worlds/<world_id>/images/<image_id>", "DELETE"): Entry(writer),
    ("/api/images/<image_id>", "GET"): READ,
    ("/api/images/<image_id>/thumbnail", "GET"): READ,
    # stories
    ("/api/stories", "GET"): Entry(any_caller),
    ("/api/stories", "POST"): Entry(writer, 201, body=lambda s: {
        "world_id": s["world_id"], "title": f"Tale {s['serial']}"}),
    ("/api/stories/<story_id>", "GET"): Entry(reader, scope=STORY),
    ("/api/stories/<story_id>", "PUT"): Entry(writer, scope=STORY, body=_describe),
    ("/api/stories/<story_id>", "PATCH"): Entry(writer, scope=STORY, body=_describe),
    ("/api/stories/<story_id>", "DELETE"): Entry(writer, scope=STORY),
    ("/api/stories/<story_id>/link-entities", "POST"): Entry(
        writer, scope=STORY, body=lambda s: {"characters": ["Ana"], "locations": ["Port"]}),
    ("/api/stories/<story_id>/clear-links", "POST"): Entry(writer, scope=STORY),
    # reviews of analyses (the story's editors only)
    ("/api/stories/<story_id>/analyses", "POST"): Entry(writer, 202, scope=STORY),
    ("/api/stories/<story_id>/review", "GET"): Entry(writer, scope=STORY),
    ("/api/reviews/<review_id>/decisions", "POST"): Entry(writer, scope=STORY, body=lambda s: {
        "decisions": [{"proposal_id": s["proposal_id"], "action": "accept"}]}),
    ("/api/reviews/<review_id>/undo", "POST"): Entry(writer, scope=STORY),
    ("/api/worlds/<world_id>/ignored-names", "GET"): Entry(writer),
    ("/api/worlds/<world_id>/ignored-names/<key>", "DELETE"): Entry(writer),
    # events and the timeline (an event is as visible as its story)
    ("/api/worlds/<world_id>/events", "GET"): READ,
    ("/api/worlds/<world_id>/events/extract", "POST"): Entry(writer, 202),
    ("/api/worlds/<world_id>/events/plan", "GET"): Entry(writer),
    ("/api/stories/<story_id>/events/extract", "POST"): Entry(writer, 202, scope=STORY),
    ("/api/stories/<story_id>/events/plan", "GET"): Entry(writer, scope=STORY),
    ("/api/stories/<story_id>/events/cache", "DELETE"): Entry(writer, scope=STORY),
    ("/api/events/<event_id>", "GET"): Entry(reader, scope=STORY),
    ("/api/events/<event_id>", "PUT"): Entry(writer, scope=STORY, body=_describe),
    ("/api/events/<event_id>", "PATCH"): Entry(writer, scope=STORY, body=_describe),
    ("/api/events/<event_id>", "DELETE"): Entry(writer, scope=STORY),
    ("/api/events/<event_id>/connections", "POST"): Entry(writer, 201, scope=STORY, body=lambda s: {
        "target_event_id": s["other_event_id"], "relation_type": "causes"}),
    # history of documents (owner and admins; readers and strangers 404)
    **_history("/api/worlds/<world_id>", manager_only),
    **_history("/api/stories/<story_id>"),
    **_history("/api/worlds/<world_id>/entities/<entity_id>"),
    **_history("/api/worlds/<world_id>/locations/<location_id>"),
    **_history("/api/events/<event_id>"),
    **_history("/api/books/<book_id>"),
    # books (scenes hold a book whose one chapter is the scene's story; its text has a scene break)
    ("/api/worlds/<world_id>/books", "GET"): READ,
    ("/api/worlds/<world_id>/books", "POST"): Entry(writer, 201, body=lambda s: {"title": f"Book {s['serial']}"}),
    ("/api/books/<book_id>", "GET"): READ,
    ("/api/books/<book_id>", "PATCH"): Entry(writer, body=lambda s: {"title": f"Renamed {s['serial']}"}),
    ("/api/books/<book_id>", "DELETE"): Entry(writer),
    ("/api/books/<book_id>/chapters", "PUT"): Entry(writer, body=lambda s: {"chapter_ids": [s["story_id"]]}),
    ("/api/books/<book_id>/chapters", "POST"): Entry(writer, 201, body=lambda s: {
        "title": f"Chapter {s['serial']}", "content": "Once."}),
    ("/api/books/<book_id>/chapters/<story_id>", "DELETE"): Entry(writer),
    ("/api/books/<book_id>/position", "GET"): Entry(member_reader),
    ("/api/books/<book_id>/position", "PUT"): Entry(chapter_reader, scope="chapter", body=lambda s: {
        "story_id": s["story_id"], "progress": 0.5}),
    ("/api/stories/<story_id>/scenes", "GET"): Entry(reader, scope=STORY),
    ("/api/stories/<story_id>/split", "POST"): Entry(writer, scope=STORY),
    # the trash (scenes hold a deleted character of the owner)
    ("/api/trash", "GET"): Entry(logged_in),
    ("/api/trash/<trash_id>/restore", "POST"): Entry(deleted_item_owner),
    ("/api/trash/<trash_id>", "DELETE"): Entry(deleted_item_owner),
    # AI jobs
    ("/api/gpt/generate-description", "POST"): Entry(member_reader, 202, body=lambda s: {
        "type": "world", "world_name": "Eld", "world_id": s["world_id"]}),
    ("/api/gpt/analyze", "POST"): Entry(member_reader, 202, body=lambda s: {
        "story_description": "Ana sails from Port.", "world_id": s["world_id"]}),
    ("/api/gpt/batch-analyze-stories", "POST"): Entry(writer, 202, body=lambda s: {
        "world_id": s["world_id"]}),
    ("/api/gpt/results/<task_id>", "GET"): Entry(task_owner),
    ("/api/gpt/tasks", "GET"): Entry(logged_in),
    ("/api/gpt/tasks/<task_id>", "DELETE"): Entry(task_owner),
    # search (everything the caller may see; the scene's world by name)
    ("/api/search", "GET"): Entry(any_caller, query=lambda s: {"q": f"World {s['serial']}"}),
    # stats and health
    ("/api/stats", "GET"): Entry(any_caller),
    ("/api/health", "GET"): Entry(open_route),
    ("/api/health/ready", "GET"): Entry(open_route),
    # staff
    ("/api/admin/users", "GET"): Entry(staff),
    ("/api/admin/users/<user_id>", "GET"): Entry(staff),
    ("/api/admin/users/<user_id>/ban", "POST"): Entry(staff, body=lambda s: {
        "banned": True, "reason": "spam"}),
    ("/api/admin/users/<user_id>/role", "PUT"): Entry(admin_only, body=lambda s: {"role": "premium"}),
    ("/api/admin/roles", "GET"): Entry(staff),
    ("/api/admin/stats", "GET"): Entry(admin_only),
    ("/api/admin/ai", "GET"): Entry(admin_only),
    ("/api/admin/ai/test", "POST"): Entry(admin_only, body=lambda s: {}),
    # AI models and usage (a world's usage: its owner and admins)
    ("/api/ai/models", "GET"): Entry(logged_in),
    ("/api/usage", "GET"): Entry(logged_in, query=lambda s: {"days": 7}),
    ("/api/worlds/<world_id>/usage", "GET"): Entry(owner_only),
    # members and invitations (scenes: a pending invitation of "other" as a reader; the target
    # user of ``<user_id>`` is a reader of the world)
    ("/api/worlds/<world_id>/members", "GET"): Entry(members_only),
    ("/api/worlds/<world_id>/members/<user_id>", "PATCH"): Entry(owner_only, body=lambda s: {"role": "co_author"}),
    ("/api/worlds/<world_id>/members/<user_id>", "DELETE"): Entry(owner_only),
    ("/api/worlds/<world_id>/invitations", "GET"): Entry(owner_only),
    ("/api/worlds/<world_id>/invitations", "POST"): Entry(owner_only, 201, body=lambda s: {
        "invitee": f"invitee{s['serial']}@example.com", "role": "co_author"}),
    ("/api/worlds/<world_id>/invitations/<invitation_id>", "DELETE"): Entry(owner_only),
    ("/api/invitations", "GET"): Entry(logged_in),
    ("/api/invitations/<invitation_id>/accept", "POST"): Entry(invitee),
    ("/api/invitations/<invitation_id>/decline", "POST"): Entry(invitee),
    ("/api/users/lookup", "GET"): Entry(logged_in, query=lambda s: {"username": s["owner_name"]}),
    # activity and live streams (the stream's ticket is the actor's, from the scene)
    ("/api/worlds/<world_id>/activity", "GET"): Entry(world_member),
    ("/api/activity", "GET"): Entry(logged_in),
    ("/api/worlds/<world_id>/live/ticket", "POST"): Entry(world_member),
    ("/api/worlds/<world_id>/live", "GET"): Entry(world_member, query=lambda s: {"ticket": s["live_ticket"]}),
    # API docs
    ("/apispec.json", "GET"): Entry(open_route),
    ("/apidocs/", "GET"): Entry(open_route),
    ("/apidocs/index.html", "GET"): Entry(open_route, 302),   # redirects to /apidocs/
    ("/oauth2-redirect.html", "GET"): Entry(open_route),
    ("/flasgger_static/<path:filename>", "GET"): Entry(open_route),
    # consistency checks (members who write in the world, and see the story)
    ("/api/stories/<story_id>/checks", "POST"): Entry(writer, 202, scope=STORY),
    ("/api/stories/<story_id>/findings", "GET"): Entry(writer, scope=STORY),
    ("/api/findings/<finding_id>", "PATCH"): Entry(writer, scope=STORY, body=lambda s: {"status": "dismissed"}),
}

