"""Who may make a world or story public, and how many: the role's quota,
counted from the stored data so it can never drift."""
from __future__ import annotations

from core import permissions
from core.errors import QuotaExceeded
from core.models import Story, User, World
from storage import DocumentStore

_QUOTA_KEYS = {World: ("public_worlds", "public_world_quota"), Story: ("public_stories", "public_story_quota")}


def check_public_quota(store: DocumentStore, user: User, model: type, visibility: str,
                       current_visibility: str | None = None, adding: int = 1) -> None:
    """Raise unless ``user`` may turn ``adding`` more ``model`` public (no-op if it already is)."""
    if visibility != "public" or current_visibility == "public":
        return
    permissions.check_can_publish(user)
    key, code = _QUOTA_KEYS[model]
    limit = permissions.quotas_for(user.role)[key]
    if limit is None:
        return
    current = store.count(model.collection, where={"owner_id": user.user_id, "visibility": "public"})
    if current + adding > limit:
        noun = key.replace("_", " ")
        raise QuotaExceeded(f"Your role allows {limit} {noun}", code=code,
                            details={"visibility": f"limit of {limit} {noun} reached"})
