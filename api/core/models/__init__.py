"""Stored models. Models know nothing of services, routes or storage."""
from core.models.entity import Entity
from core.models.event import Event
from core.models.location import Location
from core.models.story import Story
from core.models.time_cone import TimeCone
from core.models.user import ROLES, User
from core.models.world import VISIBILITIES, WORLD_TYPES, World

__all__ = ["Entity", "Event", "Location", "Story", "TimeCone", "User", "World",
           "ROLES", "VISIBILITIES", "WORLD_TYPES"]
