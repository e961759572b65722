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

# What the extraction finds and a writer reviews: the kind of a name found in prose.
# Characters, creatures and factions are entities (``Entity.entity_type``); places are locations.
FoundKind = Literal["character", "creature", "faction", "place"]
FOUND_KINDS: tuple[str, ...] = get_args(FoundKind)
ENTITY_KINDS = ("character", "creature", "faction")
# Where a proposal stands, and what a writer may decide about one.
ProposalAction = Literal["create", "link", "alias"]      # what the analysis suggests
ProposalStatus = Literal["pending", "accepted", "ignored"]
Decision = Literal["accept", "ignore", "merge"]
PROPOSAL_ACTIONS: tuple[str, ...] = get_args(ProposalAction)
PROPOSAL_STATUSES: tuple[str, ...] = get_args(ProposalStatus)
DECISIONS: tuple[str, ...] = get_args(Decision)
CONFIDENT = 0.8   # "accept all confident ones" takes proposals at or above this
# Who made an event or a connection: re-extraction replaces only the machine's.
Origin = Literal["machine", "person"]
ORIGINS: tuple[str, ...] = get_args(Origin)
