from __future__ import annotations

from dataclasses import dataclass

from core.models.base import Model, id_factory


@dataclass
class UsageRecord(Model):
    """Tokens one AI job used, kept after its task is pruned: the dashboard's usage and
    cost per user and per world. ``cost`` is in ``AI_PRICE_CURRENCY`` units, priced from
    the operator's table when the job finished (0 for the offline provider or an unpriced model)."""

    collection = "ai_usage"
    id_field = "usage_id"
    indexed_fields = ("user_id", "world_id")

    user_id: str
    task_id: str
    task_type: str
    provider: str
    model: str
    world_id: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    usage_id: str = id_factory()
