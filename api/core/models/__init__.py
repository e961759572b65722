"""Stored models. Models know nothing of services, routes or storage."""
from core.models.activity import Activity
from core.models.book import Book, ReadingPosition
from core.models.entity import Entity
from core.models.event import Event
from core.models.event_cache import EventCache
from core.models.field_template import FieldTemplate
from core.models.finding import Finding
from core.models.ignored_name import IgnoredName
from core.models.image import Image
from core.models.invitation import Invitation
from core.models.location import Location
from core.models.relation import Relation, RelationTypes
from core.models.mention import Mention
from core.models.review import Review
from core.models.revision import Revision
from core.models.story import Story
from core.models.task import TASK_STATUSES, Task
from core.models.time_cone import TimeCone
from core.models.trash_item import TrashItem
from core.models.usage import UsageRecord
from core.models.user import ROLES, User
from core.models.world import VISIBILITIES, WORLD_TYPES, World

MODELS = (User, World, Story, Entity, Location, TimeCone, Event, EventCache, Task, Revision, TrashItem,
          Review, IgnoredName, FieldTemplate, Relation, RelationTypes, Mention, Image, Invitation, Activity,
          Book, ReadingPosition, Finding, UsageRecord)
# collection -> model: what the stores are built from (collections, ids, indexes).
REGISTRY = {model.collection: model for model in MODELS}

__all__ = ["Activity", "Book", "Entity", "Event", "EventCache", "FieldTemplate", "Finding", "IgnoredName", "Image",
           "Invitation", "Location", "Mention", "ReadingPosition", "Relation", "RelationTypes", "Review", "Revision",
           "Story", "Task", "TimeCone", "TrashItem", "UsageRecord", "User", "World",
           "MODELS", "REGISTRY", "ROLES", "TASK_STATUSES", "VISIBILITIES", "WORLD_TYPES"]
