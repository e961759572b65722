"""Each vocabulary and field limit of the domain, defined once.

Models, request and answer schemas, services and the AI layer all take their
closed sets (``Literal`` types, with the tuple of their values) and their
length limits from here, so they can never disagree.
"""
from __future__ import annotations

from typing import Literal, get_args

Visibility = Literal["draft", "private", "public"]
WorldType = Literal["fantasy", "sci-fi", "modern", "historical"]
Role = Literal["admin", "moderator", "premium", "user", "guest"]   # highest rank first
TaskStatus = Literal["pending", "processing", "completed", "error", "cancelled"]

VISIBILITIES: tuple[str, ...] = get_args(Visibility)
WORLD_TYPES: tuple[str, ...] = get_args(WorldType)
ROLES: tuple[str, ...] = get_args(Role)
TASK_STATUSES: tuple[str, ...] = get_args(TaskStatus)
ACTIVE_TASK_STATUSES = ("pending", "processing")
FINAL_TASK_STATUSES = ("completed", "error", "cancelled")

# Characters.
ID_MAX = 64
SHORT_MAX = 100           # a theme, a genre-like label
NAME_MAX = 200            # a name or a title
TEXT_MAX = 20_000         # a description
STORY_TEXT_MAX = 200_000  # a story's text (a novel is split into chapters)
