"""Requests and answers of the book, chapter, scene and reading-position routes."""
from __future__ import annotations

from typing import Optional

from pydantic import Field

from core.models.book import MAX_CHAPTERS
from interfaces.schemas.common import Id, LongText, Name, Schema, Text, Visibility
from interfaces.schemas.responses import MessageOut, Out, StoryOut, Timestamp


class BookBody(Schema):
    title: Name
    description: Text = ""


class BookUpdateBody(Schema):
    title: Optional[Name] = None
    description: Optional[Text] = None


class ChapterOrderBody(Schema):
    chapter_ids: list[Id] = Field(max_length=MAX_CHAPTERS, description="The book's chapters, all of them, "
                                                                      "in their new order")


class ChapterAddBody(Schema):
    """Either `story_id` (an existing story of the world, in no book) or `title` (a new story)."""

    story_id: Optional[Id] = Field(None, description="Add this story of the book's world as the last chapter")
    title: Optional[Name] = Field(None, description="Create a new story with this title as the last chapter")
    content: LongText = ""
    visibility: Visibility = "private"


class PositionBody(Schema):
    story_id: Id
    progress: float = Field(ge=0, le=1, description="How far into the chapter: 0 (start) to 1 (end)")


class ChapterOut(Out):
    story_id: str
    title: str
    visibility: Visibility
    word_count: int = Field(ge=0)
    scene_count: int = Field(ge=0)


class BookSummaryOut(Out):
    book_id: str
    world_id: str
    owner_id: str
    title: str
    description: str
    chapter_ids: list[str] = Field(description="Its chapters you may see, in order")
    chapter_count: int = Field(ge=0, description="How many of its chapters you may see")
    created_at: Timestamp
    updated_at: Timestamp
    version: int = Field(ge=1, description="1 at creation, +1 on every change of title, description or "
                                          "chapters; sent as `ETag`")


class BookOut(BookSummaryOut):
    chapters: list[ChapterOut] = Field(description="Its chapters you may see, in order")
    word_count: int = Field(ge=0, description="Words of the chapters you may see")


class BookDeletedOut(MessageOut):
    book_id: str
    trash_id: str = Field(description="Restores it: `POST /api/trash/{trash_id}/restore`")


class ChapterAddedOut(Out):
    book: BookOut
    story: StoryOut = Field(description="The chapter added")


class PositionOut(Out):
    story_id: Optional[str] = Field(description="The chapter; null when you have no position in this book")
    progress: Optional[float] = Field(ge=0, le=1)
    updated_at: Optional[Timestamp]


class SceneOut(Out):
    index: int = Field(ge=0)
    title: str = Field(description="Its first heading, else its first words")
    word_count: int = Field(ge=0)
    start: int = Field(ge=0, description="Offset of its first character in the story's text (code points)")
    end: int = Field(ge=0, description="Offset just past its last character")


class ScenesOut(Out):
    story_id: str
    scenes: list[SceneOut]


class SplitOut(Out):
    stories: list[StoryOut] = Field(description="The story (first scene) and the new stories, in order")
    book: Optional[BookOut] = Field(description="The book they are chapters of; null when none")
