"""Answers of the AI job routes: a started job, a task as polled, and each job's result
(descriptions, analyses, events, reviews, writing tools, consistency checks)."""
from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import Field

from core.language import Language
from core.vocabulary import CheckSource, FindingKind, FindingSeverity, FindingStatus, TaskStatus, WritingTool
from interfaces.schemas.context_out import ContextReportOut
from interfaces.schemas.responses import EventOut, MessageOut, Out, Timestamp, absent
from services.ai_service import JOBS
from services.writing_service import TASK_TYPE as WRITING

TaskType = Literal[tuple(JOBS) + (WRITING,)]


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


# -- writing tools (issue 14) ------------------------------------------------------------

class WritingResult(Out):
    tool: WritingTool
    text: str = Field(description="The text written (empty when the offline provider cannot write it)")
    titles: list[str] = absent("`titles`: the titles suggested, one per line of `text`")
    notice: str = absent("Offline provider: what it can and cannot do, in the world's language")
    model: Optional[str] = Field(description="The model that wrote it (`offline` without one)")
    language: Language


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
                   BatchAnalysisResult, StoryEventsResult, WorldEventsResult, StoryReviewResult, WritingResult,
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
        "`{world_id, message, stories, total_events}`, writing `{tool, text, titles?, notice?, model, "
        "language}`. Error or cancelled: a message."))
    progress: ProgressOut
    provider: str = Field(description="`offline` when no AI provider is configured")
    model: str = Field(description="The model the job runs with (its world's choice, else the site's "
                                   "default); `offline` for the offline provider; \"\" for older tasks")
    usage: UsageOut
    created_at: Timestamp
    updated_at: Timestamp
    partial: str = absent("Streaming jobs (`writing`): the text written so far, saved every ~0.3 s; kept "
                          "when the stream was cut mid-way")
    context: "ContextReportOut" = absent("Jobs that send canon: what was included and what was left out, and why")
