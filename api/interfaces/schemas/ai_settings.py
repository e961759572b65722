"""Request and answer schemas of the AI settings, model and usage routes."""
from __future__ import annotations

from typing import Annotated, Optional

from pydantic import Field, StringConstraints

from interfaces.schemas.common import Schema
from interfaces.schemas.responses import Out, Timestamp, absent

ModelName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class AITestBody(Schema):
    model: Optional[ModelName] = Field(None, description="One of the allowed models; by default `OPENAI_MODEL`")


class UsageQuery(Schema):
    days: int = Field(30, ge=1, le=366, description="The last this many days (UTC)")


class PriceOut(Out):
    prompt: float = Field(description="Per million prompt tokens, in `currency`")
    completion: float = Field(description="Per million completion tokens, in `currency`")


class CapabilitiesOut(Out):
    """What the server did when asked; `null`: not known yet (`POST /api/admin/ai/test` finds out)."""

    streaming: Optional[bool]
    json_mode: Optional[bool] = Field(description="`response_format: json_object`; when refused, jobs send "
                                                  "plain prompts and read the JSON from the answer")
    tools: Optional[bool] = Field(description="Tool (function) calls")
    checked_at: Optional[Timestamp]


class ContextBudgetOut(Out):
    default: int = Field(description="Canon tokens sent with a job (`AI_CONTEXT_TOKENS`)")
    per_model: dict[str, int] = Field(description="Per model (`AI_CONTEXT_BUDGETS`)")


class AISettingsOut(Out):
    provider: str = Field(description="`openai`, `openai-compatible` or `offline`")
    base_url_host: str = Field(description="Host of `OPENAI_BASE_URL` (`api.openai.com` for OpenAI; \"\" offline); "
                                           "never the key")
    api_key_set: bool
    model: str = Field(description="`OPENAI_MODEL`: every job's model unless its world chose another")
    allowed_models: list[str] = Field(description="What a world may choose: `OPENAI_MODEL` and `AI_ALLOWED_MODELS`")
    context_budget: ContextBudgetOut
    prices: dict[str, PriceOut] = Field(description="`AI_PRICES`, per model")
    currency: str
    capabilities: CapabilitiesOut = Field(description="Of `model`, as known so far")


class AITestOut(Out):
    ok: bool = Field(description="Whether a real tiny request got an answer")
    provider: str
    latency_ms: int = Field(ge=0, description="Time of that one request")
    model: str
    capabilities: CapabilitiesOut
    error: str = absent("Why it failed, in plain words (never the key); only when not ok")
    message: str = absent("A note (the offline provider needs no server)")


class ModelChoiceOut(Out):
    id: str
    default: bool = Field(description="The site's default (`OPENAI_MODEL`)")
    price: Optional[PriceOut] = Field(description="Per million tokens; null when not priced")


class ModelsOut(Out):
    default: str
    provider: str
    currency: str
    models: list[ModelChoiceOut] = Field(description="What a world's owner may choose as its `ai_model`")


class UsageCountsOut(Out):
    jobs: int = Field(ge=0)
    prompt_tokens: int = Field(ge=0)
    completion_tokens: int = Field(ge=0)
    cost: float = Field(ge=0, description="In `currency`, priced when each job ended")


class WorldUsageOut(UsageCountsOut):
    world_id: str = Field(description="\"\": jobs on no world (or on a world you only read)")
    name: str = Field(description="The world's name; \"\" when gone")


class DayUsageOut(UsageCountsOut):
    day: str = Field(description="YYYY-MM-DD (UTC)")


class MyUsageOut(Out):
    currency: str
    days: int
    totals: UsageCountsOut
    by_world: list[WorldUsageOut]
    by_day: list[DayUsageOut] = Field(description="Days with jobs, oldest first")


class MemberUsageOut(UsageCountsOut):
    user_id: str
    username: str = Field(description="\"\" for a deleted account")
    display_name: str


class WorldMembersUsageOut(Out):
    currency: str
    days: int
    world_id: str
    totals: UsageCountsOut
    members: list[MemberUsageOut] = Field(description="Everyone who ran jobs on the world, highest cost first")
