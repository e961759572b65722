"""Answer schemas: what the routes send back, for the spec (``@responds``).

They describe, field for field, what the presenters return today (the
services' ``present()``, the models' ``to_dict()``/``public_dict()`` and the
views' ``jsonify`` calls); nothing is serialised through them, so they cannot
change an answer. A field without a default is always present; ``Optional``
marks a field that may be ``null``; a field with a default is sometimes left
out. Extra fields are allowed (a client must ignore fields it does not know).
"""
from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from core.language import Language
from core.vocabulary import (CheckSource, FindingKind, FindingSeverity, FindingStatus, Origin, Role, TaskStatus,
                             Visibility, WorldRole, WorldType)
from interfaces.schemas.calendar_out import DateOut, EraOut, LeapOut, MonthOut
from services.ai_service import JOBS

Timestamp = str   # ISO 8601 UTC, millisecond precision, ``Z`` suffix
TaskType = Literal[tuple(JOBS)]


def _no_default(schema: dict) -> None:
    schema.pop("default", None)


def absent(description: str):
    """A field that is sometimes left out (never ``null``)."""
    return Field(None, description=description, json_schema_extra=_no_default)


class Out(BaseModel):
    model_config = ConfigDict(defer_build=True)


class Success(Out):
    success: Literal[True]


class MessageOut(Out):
    message: str


# -- accounts ------------------------------------------------------------------

class UserOut(Out):
    """An account as the API shows it: never a password hash or a token version."""

    user_id: str
    username: str
    email: str
    role: Role
    banned: bool
    created_at: Timestamp
    metadata: dict = Field(description="Display fields and quota counters")
    display_name: str = Field(description="Shown instead of the username where set (at most 80 characters)")
    bio: str = Field(description="At most 2000 characters")
    avatar_url: Optional[str] = Field(description="`/api/users/{user_id}/avatar`, or null without an avatar")


class RegisteredOut(Success):
    message: str
    user: UserOut
    token: str


class LoggedInOut(Success):
    user: UserOut
    token: str


class CurrentUserOut(Success):
    user: UserOut


class PasswordChangedOut(Success):
    message: str
    token: str = Field(description="A new token: tokens issued before the change stop working")


# -- worlds, characters, locations -------------------------------------------

class CalendarOut(Out):
    current_year: int
    current_era: str = Field(description="With eras: the name of the current year's era")
    year_name: str = Field(description="With eras: the abbreviation of the current year's era")
    span_years: int = Field(description="Years from time_index 0 to time_index 100 (at least 100)")
    months: list[MonthOut] = Field(description="The Gregorian months unless the world defines its own")
    weekdays: list[str] = Field(description="The first day of year 0 is the first weekday")
    eras: list[EraOut] = Field(description="By start year; empty: years show with `year_name`")
    leap: Optional[LeapOut] = Field(description="`days` more in `month` of every year divisible by `every`; "
                                                "null: no leap years")
    current_date: DateOut = Field(description="Its year is always `current_year`")


class WorldMetadataOut(Out):
    calendar: CalendarOut
    themes: Optional[list[str]]


class WorldOut(Out):
    world_id: str
    name: str
    description: str
    world_type: WorldType
    visibility: Visibility
    owner_id: str
    shared_with: list[str] = Field(description="Readers' user ids; empty unless you read the world as its "
                                               "owner, a member or an admin")
    co_authors: list[str] = Field(description="Co-authors' user ids (they write the world's content); empty "
                                              "unless you read the world as its owner, a member or an admin")
    my_role: Optional[WorldRole] = Field(description="What you are to the world: `owner`, `co_author`, "
                                                     "`reader`, or null")
    stories: list[str] = Field(description="Ids of the world's stories you may see")
    entities: list[str] = Field(description="Ids of the world's characters")
    locations: list[str] = Field(description="Ids of the world's locations")
    metadata: WorldMetadataOut
    language: Language = Field(description="Language of the world's texts, casts and AI answers "
                                           "(stored, or detected from the name and description)")
    image_id: str = Field(description="The world's image (`GET /api/worlds/{world_id}/images` gives its "
                                      "URL); \"\" for none")
    ai_model: str = Field(description="The model its AI jobs use (one of `GET /api/ai/models`); \"\": the "
                                      "site's default")
    created_at: Timestamp
    updated_at: Timestamp
    version: int = Field(ge=1, description="1 at creation, +1 on every update; sent as `ETag`")


class WorldDeletedOut(MessageOut):
    world_id: str
    trash_id: str = Field(description="Restores it: `POST /api/trash/{trash_id}/restore`")


class EntityOut(Out):
    """A character (or other named being) of a world."""

    entity_id: str
    world_id: str
    name: str
    entity_type: str
    description: str
    role: str
    aliases: list[str]
    attributes: dict
    tags: list[str]
    fields: dict = Field(description="Custom field key -> value (keys with no template: unlisted fields)")
    image_id: str = Field(description='Id of its image, or "" for none')
    created_at: Timestamp
    updated_at: Timestamp
    version: int = Field(ge=1, description="1 at creation, +1 on every update; sent as `ETag`")


class EntityDeletedOut(MessageOut):
    entity_id: str
    trash_id: str = Field(description="Restores it: `POST /api/trash/{trash_id}/restore`")


class LocationOut(Out):
    location_id: str
    world_id: str
    name: str
    description: str
    location_type: str
    aliases: list[str]
    coordinates: dict
    parent_id: str = Field(description='Id of the location it lies in, or "" at the top')
    tags: list[str]
    fields: dict = Field(description="Custom field key -> value (keys with no template: unlisted fields)")
    image_id: str = Field(description='Id of its image, or "" for none')
    created_at: Timestamp
    updated_at: Timestamp
    version: int = Field(ge=1, description="1 at creation, +1 on every update; sent as `ETag`")


class LocationDeletedOut(MessageOut):
    location_id: str
    trash_id: str = Field(description="Restores it: `POST /api/trash/{trash_id}/restore`")


class StoryLinkOut(Out):
    from_id: str
    from_title: str
    to_id: str
    to_title: str


class UnlinkedStoryOut(Out):
    story_id: str
    title: str
    time_index: int
    description: str


class AutoLinkOut(MessageOut):
    linked_count: int
    links: list[StoryLinkOut] = Field(description="One page of the links (`?page=&per_page=`)")
    links_total: int
    unlinked_stories: list[UnlinkedStoryOut] = Field(description="The first stories left unlinked")
    unlinked_total: int


class GraphNodeOut(Out):
    id: str
    kind: Literal["character", "location", "story"]
    name: str


class GraphEdgeOut(Out):
    source: str
    target: str
    kind: Literal["appears_in", "set_in", "co_appears", "visits", "linked"]
    weight: int = Field(description="How many stories make the edge")
    story_ids: list[str] = Field(description="Those stories (at most `limits.story_ids_per_edge`)")


class GraphTotalsOut(Out):
    nodes: int
    edges: int


class GraphLimitsOut(Out):
    nodes: int
    edges: int
    story_ids_per_edge: int
    pairs_per_story: int


class GraphOut(Out):
    """The relationship graph, bounded by ``limits``; ``truncated`` says whether anything was cut."""

    nodes: list[GraphNodeOut]
    edges: list[GraphEdgeOut]
    truncated: bool
    totals: GraphTotalsOut = Field(description="Nodes and edges before the limits")
    skipped_stories: int = Field(description="Stories whose cast was too large to pair up")
    limits: GraphLimitsOut


# -- stories ------------------------------------------------------------------

class WorldTimeOut(Out):
    year: int
    era: str = Field(description="The era of `year` (the calendar's `current_era` when it has no eras)")
    year_name: str
    description: str
    date: DateOut = Field(description="The story's `date`")
    label: str = Field(description="The date as the calendar writes it: \"3 Frostfall 1024 TA\"")


class StoryMetadataOut(Out):
    world_time: WorldTimeOut = Field(description="The story's time_index on its world's calendar")


class StoryOut(Out):
    story_id: str
    world_id: str
    title: str
    description: str
    content: str
    genre: str
    visibility: Visibility
    owner_id: str
    time_index: int = Field(ge=0, le=100, description="Derived from `date` when the story has one")
    date: DateOut = Field(description="The in-world date; for a story placed only by `time_index`, "
                                      "`{year}` of that index")
    entities: list[str] = Field(description="Ids of linked characters")
    locations: list[str] = Field(description="Ids of linked locations")
    time_cones: list[str]
    linked_stories: list[str] = Field(description="Ids of linked stories you may see")
    metadata: StoryMetadataOut
    tags: list[str]
    book_id: str = Field(description='The book it is a chapter of ("" when none)')
    word_count: int = Field(ge=0, description="Words of its text (Unicode-aware: letters and digits, "
                                              "each CJK character one word)")
    scene_count: int = Field(ge=0, description="Scenes of its text (split by lines of `***`, `* * *` or `⁂`)")
    created_at: Timestamp
    updated_at: Timestamp
    version: int = Field(ge=1, description="1 at creation, +1 on every update; sent as `ETag`")


class TimeConeOut(Out):
    time_cone_id: str
    world_id: str
    story_id: str
    time_index: int
    label: str
    created_at: Timestamp
    updated_at: Timestamp


class StoryCreatedOut(Out):
    story: StoryOut
    time_cone: TimeConeOut


class StoryDeletedOut(MessageOut):
    story_id: str
    trash_id: str = Field(description="Restores it: `POST /api/trash/{trash_id}/restore`")


class LinkedEntitiesOut(MessageOut):
    linked_entities: list[EntityOut]
    linked_locations: list[LocationOut]
    created_entities: list[EntityOut]
    created_locations: list[LocationOut]
    story: StoryOut


class LinksClearedOut(MessageOut):
    story: StoryOut


# -- events -------------------------------------------------------------------

class ConnectionOut(Out):
    to_event_id: str
    relation_type: str
    relation_label: str
    origin: Origin = Field(description="`person` when drawn through the API (connections stored without one "
                                       "count as `person`); a re-extraction keeps the events at both ends")


class EventOut(Out):
    event_id: str
    world_id: str
    story_id: str
    title: str
    description: str
    time_index: int = Field(description="Derived from `date` (or `year`) when the event has one")
    order: int
    entities: list[str]
    locations: list[str]
    connections: list[ConnectionOut]
    source_hash: str = Field(description="Hash of the story text the event was extracted from")
    origin: Origin = Field(description="`machine` (extracted) or `person`")
    edited: bool = Field(description="Whether a person changed it; a re-extraction keeps edited events")
    year: Optional[int] = Field(description="In-world year the text gives (`date_text`); null: the story's time")
    date_text: str = Field(description="The words that dated it (\"năm 1946\", \"three winters later\"), or empty")
    date: DateOut = Field(description="The in-world date: the one given, else `{year}` of `year`, else of "
                                      "`time_index`")
    date_label: str = Field(description="`date` as the calendar writes it: \"3 Frostfall 1024 TA\"")
    created_at: Timestamp
    updated_at: Timestamp
    version: int = Field(ge=1, description="1 at creation, +1 on every update; sent as `ETag`")


class CharacterDetailOut(Out):
    entity_id: str
    name: str


class LocationDetailOut(Out):
    location_id: str
    name: str


class TimelineEventOut(EventOut):
    story_title: str
    character_details: list[CharacterDetailOut]
    location_details: list[LocationDetailOut]


class TimelineYearOut(Out):
    year: int = Field(description="The year of the events' `date`")
    era: str = Field(description="The era the year falls in (the calendar's `current_era` when it has no eras)")
    label: str = Field(description="The year as the calendar writes it: \"1024 TA\"")
    events: list[TimelineEventOut]


class TimelineConnectionOut(Out):
    from_event_id: str
    to_event_id: str
    relation_type: str
    relation_label: str
    origin: Origin


class TimelineBodyOut(Out):
    years: list[TimelineYearOut]
    connections: list[TimelineConnectionOut]


class TimelineOut(Out):
    world_id: str
    world_name: str
    timeline: TimelineBodyOut


class EventDeletedOut(MessageOut):
    event_id: str


class CacheDroppedOut(MessageOut):
    story_id: str
    cleared: bool = Field(description="Whether there was a cached extraction")


# -- AI jobs --------------------------------------------------------------------

class TaskStartedOut(Out):
    task_id: str
    status: TaskStatus = Field(description="`pending`; on inline (serverless) hosts the job has "
                                           "already run, and this is its outcome")


class TruncationOut(Out):
    analysed_chars: int
    total_chars: int


class WorldDescriptionResult(Out):
    description: str


class StoryDescriptionResult(Out):
    story_description: str


class AnalysedEntityOut(Out):
    name: str
    entity_type: str
    description: str
    attributes: dict


class AnalysedPlaceOut(Out):
    name: str
    description: str
    coordinates: dict


class WorldAnalysisResult(Out):
    entities: list[AnalysedEntityOut]
    locations: list[AnalysedPlaceOut]
    message: str = absent("What was left out, when something was")
    truncated: TruncationOut = absent("When only the start of the text was read")


class StoryCharacterOut(Out):
    name: str
    role: str


class StoryPlaceOut(Out):
    name: str
    description: str


class StoryAnalysisResult(Out):
    characters: list[StoryCharacterOut]
    locations: list[StoryPlaceOut]
    message: str = absent("What was left out, when something was")
    truncated: TruncationOut = absent("When only the start of the text was read")


class AnalysedStoryOut(Out):
    story_id: str
    title: str
    characters: list[str]
    locations: list[str]
    created_entities: list[str]
    created_locations: list[str]
    truncated: TruncationOut = absent("When only the start of the story was read")


class BatchAnalysisResult(MessageOut):
    analyzed_stories: list[AnalysedStoryOut]
    total_characters_found: int
    total_locations_found: int
    linked_count: int
    review_id: str = absent("`POST /api/reviews/{review_id}/undo` undoes what the batch created and linked")


class ReextractionCounts(Out):
    kept: int = Field(description="Events kept although re-extracted: made or edited by a person, or with a "
                                  "connection a person drew")
    replaced: int = Field(description="Untouched machine events removed by the re-extraction")
    added: int = Field(description="New machine events (none whose title matches a kept event's)")


class StoryEventsResult(ReextractionCounts):
    story_id: str
    title: str
    cached: bool
    event_count: int
    events: list[EventOut]


class StoryEventsSummaryOut(ReextractionCounts):
    story_id: str
    title: str
    cached: bool
    event_count: int


class EventPlanOut(Out):
    story_id: str
    title: str
    kept: int = Field(description="Events a forced re-extraction would keep (manual work)")
    replaced: int = Field(description="Untouched machine events it would replace")
    up_to_date: bool = Field(description="Whether the events were extracted from the story's current text "
                                         "(an extraction without `force` would then change nothing)")


class WorldEventPlanOut(Out):
    world_id: str
    kept: int = Field(description="Events re-extracting every story would keep (made, edited or connected "
                                  "by a person)")
    replaced: int = Field(description="Untouched machine events it would replace")
    connections: int = Field(description="Connections people drew (all of them are kept)")


class WorldEventsResult(MessageOut):
    world_id: str
    stories: list[StoryEventsSummaryOut]
    total_events: int


class StoryReviewResult(MessageOut):
    review_id: str = Field(description="`GET /api/stories/{story_id}/review` shows its proposals")
    story_id: str
    proposals: int = Field(description="How many names are proposed")


class CiteOut(Out):
    kind: Literal["entry", "event", "story"]
    id: str
    name: str


class FindingOut(Out):
    finding_id: str
    world_id: str
    story_id: str
    kind: FindingKind
    severity: FindingSeverity
    message: str
    quote: str = Field(description="The span as the story writes it (\"\" when it cannot be placed)")
    start: int = Field(description="Offset of the quote in the story text when checked (-1: not placed)")
    end: int
    cites: list[CiteOut] = Field(description="What it conflicts with: entries, events, the story")
    suggestion: str = Field(description="A replacement for the quote (\"\" when none)")
    source: CheckSource
    status: FindingStatus
    created_at: Timestamp


class FindingCountsOut(Out):
    open: int
    dismissed: int


class ConsistencyCheckResult(Out):
    findings: list[FindingOut] = Field(description="This run's findings as stored (a dismissed one stays dismissed)")
    counts: FindingCountsOut = Field(description="The story's findings by status after the run")
    notice: str = absent("`use_ai` without a configured model: only the offline rules ran")
    dropped: int = absent("Model findings dropped by validation (quote not in the text, unknown ids, bad shape)")
    context: dict = absent("The context report of the model's prompt, when the context builder made it")


TaskResult = Union[WorldDescriptionResult, StoryDescriptionResult, WorldAnalysisResult, StoryAnalysisResult,
                   BatchAnalysisResult, StoryEventsResult, WorldEventsResult, StoryReviewResult,
                   ConsistencyCheckResult, str]


class ProgressOut(Out):
    done: int
    total: int
    message: str


class UsageOut(Out):
    prompt_tokens: int
    completion_tokens: int


class TaskOut(Out):
    task_id: str
    type: TaskType
    status: TaskStatus
    result: Optional[TaskResult] = Field(description=(
        "`null` until the job ends. Completed: by `type`, world_description `{description}`, "
        "story_description `{story_description}`, world_analysis `{entities, locations}`, "
        "story_analysis `{characters, locations}`, batch_analysis `{message, analyzed_stories, ...}`, "
        "story_events `{story_id, title, cached, event_count, kept, replaced, added, events}`, "
        "story_review `{review_id, story_id, proposals, message}`, world_events "
        "`{world_id, message, stories, total_events}`, consistency_check `{findings, counts}`. "
        "Error or cancelled: a message."))
    progress: ProgressOut
    provider: str = Field(description="`offline` when no AI provider is configured")
    model: str = Field(description="The model the job runs with (its world's choice, else the site's "
                                   "default); `offline` for the offline provider; \"\" for older tasks")
    usage: UsageOut
    created_at: Timestamp
    updated_at: Timestamp


# -- stats, health ------------------------------------------------------------------

class BreakdownCountsOut(Out):
    public: int
    private: int = absent("Logged in only")
    shared: int = absent("Logged in only: in worlds shared with you")
    draft: int = absent("Logged in only")


class BreakdownOut(Out):
    worlds: BreakdownCountsOut
    stories: BreakdownCountsOut


class QuotaOut(Out):
    current: int
    limit: Optional[int] = Field(description="`null`: no limit")


class UserQuotaOut(Out):
    worlds: QuotaOut = Field(description="Your public worlds")
    stories: QuotaOut = Field(description="Your public stories")


class StatsOut(Out):
    total_worlds: int
    total_stories: int
    total_entities: int
    total_locations: int
    has_gpt: bool
    gpt_provider: str
    storage_type: str
    breakdown: BreakdownOut
    user_quota: UserQuotaOut = absent("Logged in only")


class HealthOut(Out):
    status: Literal["ok"]
    storage: str
    gpt_enabled: bool
    gpt_provider: str
    version: str


class ReadyChecksOut(Out):
    storage: Literal["ok", "unavailable"]
    rate_limit: str = Field(description="`disabled`, or the rate-limit storage and its state")


class ReadyOut(Out):
    status: Literal["ok", "degraded"]
    checks: ReadyChecksOut
    version: str


class NotReadyOut(Out):
    status: Literal["unavailable"]
    checks: ReadyChecksOut
    error: str
    code: Literal["storage_unavailable"]
    details: dict


# -- admin ----------------------------------------------------------------------

class AdminQuotaOut(Out):
    limit: Optional[int] = Field(description="`null`: no limit")


class AdminQuotasOut(Out):
    public_worlds: QuotaOut
    public_stories: QuotaOut
    ai_jobs_per_day: AdminQuotaOut


class AdminUsageOut(Out):
    worlds: int
    stories: int


class AdminUserOut(UserOut):
    """An account as staff see it."""

    ban_reason: str
    permissions: list[str]
    quotas: AdminQuotasOut
    usage: AdminUsageOut


class AdminUserEnvelopeOut(Success):
    user: AdminUserOut


class UserListOut(Success):
    users: list[UserOut]
    total: int
    total_exact: bool = Field(description="`false` when a search stopped at its bound: "
                                          "`total` then counts the matches among the accounts read")


class RoleQuotasOut(Out):
    public_worlds: Optional[int]
    public_stories: Optional[int]
    ai_jobs_per_day: Optional[int]


class RoleOut(Out):
    role: Role
    label: str
    description: str
    permissions: list[str]
    quotas: RoleQuotasOut = Field(description="`null`: no limit")


class RolesOut(Success):
    roles: list[RoleOut]


class AdminCountsOut(Out):
    total_users: int
    role_breakdown: dict[str, int] = Field(description="Accounts per role")
    banned_users: int
    total_worlds: int
    public_worlds: int
    private_worlds: int
    draft_worlds: int
    total_stories: int
    public_stories: int
    private_stories: int
    draft_stories: int


class AdminStatsOut(Success):
    stats: AdminCountsOut
