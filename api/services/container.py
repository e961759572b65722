"""Every service of the app, built once by the app factory (the composition root).

Blueprints receive this object and take the services they need from it; no
view builds a service of its own.
"""
from __future__ import annotations

from dataclasses import dataclass

from services.account_service import AccountService
from services.activity_service import ActivityService
from services.admin_service import AdminService
from services.ai_service import AIService
from services.auth_service import AuthService
from services.book_service import BookService
from services.cast_service import CastService
from services.consistency.service import ConsistencyService
from services.context_builder import ContextBuilder
from services.entry_service import EntryService
from services.event_service import EventService
from services.field_service import FieldService
from services.graph_service import GraphService
from services.history_service import HistoryService
from services.image_service import ImageService
from services.invitation_service import InvitationService
from services.link_service import LinkService
from services.member_service import MemberService
from services.live import LiveBus
from services.relation_service import RelationService
from services.mention_service import MentionService
from services.review_service import ReviewService
from services.scene_service import SceneService
from services.search_service import SearchService
from services.stats_service import StatsService
from services.story_service import StoryService
from services.task_service import TaskService
from services.trash_service import TrashService
from services.world_service import WorldService
from services.ai_settings import AISettings
from services.usage_service import UsageService
from storage import DocumentStore


@dataclass(frozen=True)
class Services:
    store: DocumentStore
    auth: AuthService
    worlds: WorldService
    stories: StoryService
    cast: CastService
    links: LinkService
    events: EventService
    tasks: TaskService
    ai: AIService
    admin: AdminService
    stats: StatsService
    history: HistoryService
    trash: TrashService
    reviews: ReviewService
    fields: FieldService
    entries: EntryService
    relations: RelationService
    graphs: GraphService
    mentions: MentionService
    images: ImageService
    search: SearchService
    members: MemberService
    invitations: InvitationService
    accounts: AccountService
    activity: ActivityService
    bus: LiveBus
    books: BookService
    scenes: SceneService
    checks: ConsistencyService
    ai_settings: AISettings
    usage: UsageService
    context: ContextBuilder   # the canon an AI job sends (issue 14)

    @property
    def gpt_provider(self) -> str:
        return self.ai.provider_name
