from __future__ import annotations

from dataclasses import dataclass, field

from core.models.base import Model, id_factory

MAX_CHAPTERS = 1_000   # a book has no length cap but this (each chapter is a story, capped in length)


@dataclass
class Book(Model):
    """An ordered set of a world's stories, its chapters (``chapter_ids``). A story is a
    chapter of at most one book (``Story.book_id``)."""

    collection = "books"
    id_field = "book_id"
    indexed_fields = ("world_id", "owner_id")

    world_id: str
    owner_id: str
    title: str
    description: str = ""
    chapter_ids: list[str] = field(default_factory=list)
    book_id: str = id_factory()
    version: int = 1   # +1 on every change of the title, description or chapters


@dataclass
class ReadingPosition(Model):
    """Where one user stopped reading a book: a chapter and how far into it (0..1).
    One per user and book: its id is derived from both (``position_id_of``)."""

    collection = "reading_positions"
    id_field = "position_id"
    indexed_fields = ("world_id", "book_id", "user_id")

    world_id: str
    book_id: str
    user_id: str
    story_id: str
    progress: float = 0.0
    position_id: str = ""

    def __post_init__(self):
        self.position_id = self.position_id or position_id_of(self.user_id, self.book_id)


def position_id_of(user_id: str, book_id: str) -> str:
    return f"{user_id}:{book_id}"
