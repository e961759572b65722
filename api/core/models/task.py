from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model, id_factory

from core.vocabulary import TASK_STATUSES  # noqa: F401  (re-exported)


@dataclass
class Task(Model):
    """An AI job's record: any worker process can answer a poll from it, and it
    survives restarts. ``runner`` names the process that runs it."""

    collection = "tasks"
    id_field = "task_id"
    indexed_fields = ("owner_id", "status")

    owner_id: str
    type: str
    status: str = "pending"
    progress: dict = field(default_factory=dict)
    result: object = None
    usage: dict = field(default_factory=dict)
    provider: str = "offline"
    runner: str = ""
    task_id: str = id_factory()
