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
# Members of a world besides its owner: co-authors write its content, readers read it.
# Readers are the world's ``shared_with`` (the share/unshare contract); co-authors its ``co_authors``.
MemberRole = Literal["co_author", "reader"]
WorldRole = Literal["owner", "co_author", "reader"]        # what a caller is to a world
InvitationStatus = Literal["pending", "accepted", "declined", "revoked", "expired"]
# The activity feed: what happened to which kind of thing.
ActivityAction = Literal["created", "edited", "deleted", "restored"]
ActivityKind = Literal["world", "story", "book", "entry", "relation", "event", "image", "member"]

VISIBILITIES: tuple[str, ...] = get_args(Visibility)
WORLD_TYPES: tuple[str, ...] = get_args(WorldType)
ROLES: tuple[str, ...] = get_args(Role)
TASK_STATUSES: tuple[str, ...] = get_args(TaskStatus)
MEMBER_ROLES: tuple[str, ...] = get_args(MemberRole)
WORLD_ROLES: tuple[str, ...] = get_args(WorldRole)
INVITATION_STATUSES: tuple[str, ...] = get_args(InvitationStatus)
ACTIVITY_ACTIONS: tuple[str, ...] = get_args(ActivityAction)
ACTIVITY_KINDS: tuple[str, ...] = get_args(ActivityKind)
# Canon-aware AI (issue 14). Writing tools the editor offers; what a consistency
# finding is about and how bad it is; why the context builder left canon out.
WritingTool = Literal["continue", "expand", "rephrase", "summarise", "titles", "describe_entry"]
FindingKind = Literal["field", "relation", "date", "death", "name_variant", "unknown_name"]
FindingSeverity = Literal["info", "warning", "error"]              # mildest first
FindingStatus = Literal["open", "dismissed", "fixed"]
ContextSkipReason = Literal["budget", "rank", "visibility"]
CheckSource = Literal["rules", "llm"]
# What a context report lists, and why the context builder took it (services/context_builder.py).
ContextItemKind = Literal["entry", "relation", "event"]
ContextWhy = Literal["named", "mention", "search", "relation", "recent_event"]
WRITING_TOOLS: tuple[str, ...] = get_args(WritingTool)
FINDING_KINDS: tuple[str, ...] = get_args(FindingKind)
FINDING_SEVERITIES: tuple[str, ...] = get_args(FindingSeverity)
FINDING_STATUSES: tuple[str, ...] = get_args(FindingStatus)
CONTEXT_SKIP_REASONS: tuple[str, ...] = get_args(ContextSkipReason)
CHECK_SOURCES: tuple[str, ...] = get_args(CheckSource)
CONTEXT_ITEM_KINDS: tuple[str, ...] = get_args(ContextItemKind)
CONTEXT_WHYS: tuple[str, ...] = get_args(ContextWhy)
SELECTION_MAX = 20_000    # characters of a selection a writing tool or a check reads
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
ENTITY_KINDS = ("character", "creature", "faction")   # what extraction proposes as entities

# The codex: every entry has a kind. All but "location" are ``Entity`` documents
# (``Entity.entity_type``); locations are ``Location`` documents.
EntryKind = Literal["character", "creature", "faction", "item", "lore", "location"]
ENTRY_KINDS: tuple[str, ...] = get_args(EntryKind)
ENTITY_ENTRY_KINDS: tuple[str, ...] = tuple(k for k in ENTRY_KINDS if k != "location")
# Suggested location types (the field stays free text: old data holds others).
LOCATION_TYPES = ("place", "continent", "region", "country", "city", "town", "village", "district",
                  "street", "building", "room", "landmark", "natural")
# Custom fields: a world's templates per kind, values validated by type.
FieldType = Literal["text", "number", "date", "entry", "list"]
FIELD_TYPES: tuple[str, ...] = get_args(FieldType)
TAG_MAX = 50              # characters in one tag
TAGS_MAX = 30             # tags on one entry or story
# Typed relations: a world's vocabulary starts from these (key, label, inverse label, mutual).
DEFAULT_RELATION_TYPES = (
    ("parent_of", "parent of", "child of", False),
    ("sibling_of", "sibling of", "sibling of", True),
    ("spouse_of", "spouse of", "spouse of", True),
    ("loves", "loves", "loved by", False),
    ("ally_of", "ally of", "ally of", True),
    ("enemy_of", "enemy of", "enemy of", True),
    ("member_of", "member of", "has member", False),
    ("serves", "serves", "served by", False),
    ("rules", "rules", "ruled by", False),
    ("located_in", "located in", "contains", False),
    ("owns", "owns", "owned by", False),
    ("related_to", "related to", "related to", True),
)
ATTITUDE_MIN, ATTITUDE_MAX = -3, 3
# Search: what one search covers (an entry is any entity or location).
SearchType = Literal["story", "entry", "event", "world"]
SEARCH_TYPES: tuple[str, ...] = get_args(SearchType)
SEARCH_QUERY_MAX = 200    # characters of a search query
# How an era of a world calendar counts its years: up from its start, or down to the next era.
EraDirection = Literal["forward", "backward"]
ERA_DIRECTIONS: tuple[str, ...] = get_args(EraDirection)
# Mentions (``[[Name]]`` in prose): what holds them, and how many one text may index.
MentionSource = Literal["story", "entity", "location"]
MENTION_SOURCES: tuple[str, ...] = get_args(MentionSource)
MENTIONS_MAX = 2_000      # mentions indexed per text; the rest stay text
# Images: the types accepted (decided by decoding; each is stored re-encoded in its own type).
ImageType = Literal["image/png", "image/jpeg", "image/webp", "image/gif"]
IMAGE_TYPES: tuple[str, ...] = get_args(ImageType)
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
