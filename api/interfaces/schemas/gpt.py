from typing import Annotated, Literal, Optional, Union

from pydantic import Field, StringConstraints, model_validator

from core.language import Language
from core.vocabulary import SHORT_MAX, TaskStatus
from interfaces.schemas.common import Id, LongText, Name, Schema, Text, WorldType
from interfaces.schemas.stories import CharacterRef, Genre
from services.ai_service import MAX_BATCH_STORIES

Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_MAX)]


class DescriptionBody(Schema):
    """``type: world`` needs ``world_name``; ``type: story`` needs ``story_title``.
    ``world_id`` (optional) lends the world's themes, cast and description."""

    type: Literal["world", "story"]
    world_name: Optional[Name] = None
    world_type: WorldType = "fantasy"
    themes: list[Short] = Field(default_factory=list, max_length=20)
    story_title: Optional[Name] = None
    story_genre: Genre = "adventure"
    world_description: Text = ""
    characters: list[Union[CharacterRef, Name]] = Field(default_factory=list, max_length=50)
    world_id: Optional[Id] = None
    language: Optional[Language] = Field(None, description="Language to write in; default: the world's "
                                                           "(with `world_id`), else detected from the inputs")

    @model_validator(mode="after")
    def _names_present(self):
        needed = "world_name" if self.type == "world" else "story_title"
        if not getattr(self, needed):
            raise ValueError(f"{needed} is required when type is '{self.type}'")
        return self

    def character_names(self) -> list[str]:
        return [c if isinstance(c, str) else c.name for c in self.characters]


class AnalyzeBody(Schema):
    """A world (``world_description`` + ``world_type``) or a story (``story_description`` +
    ``story_title`` + ``story_genre``; ``world_id`` lets it reuse the world's known names)."""

    world_description: Optional[LongText] = None
    world_type: WorldType = "fantasy"
    story_description: Optional[LongText] = None
    story_title: Name = "Untitled"
    story_genre: Genre = "adventure"
    world_id: Optional[Id] = None

    @model_validator(mode="after")
    def _text_present(self):
        if not (self.story_description or "").strip() and not (self.world_description or "").strip():
            raise ValueError("give story_description (a story) or world_description (a world)")
        return self

    @property
    def is_story(self) -> bool:
        return bool((self.story_description or "").strip())


class BatchAnalyzeBody(Schema):
    """``story_ids`` empty: the world's oldest stories not linked to another story,
    as many as one batch holds."""

    world_id: Id
    story_ids: list[Id] = Field(default_factory=list, max_length=MAX_BATCH_STORIES)


class TaskListQuery(Schema):
    status: Optional[TaskStatus] = None
    page: int = Field(1, ge=1, le=1_000_000)
    per_page: int = Field(50, ge=1, le=200)
