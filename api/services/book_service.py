"""Books: ordered chapters (stories of one world), and where each reader stopped.

A book is as visible as its world; writing it takes ``access.writable_world``
(owner, co-authors, admins). Its answer lists only the chapters the caller may
see, and its word count sums those. A story is a chapter of at most one book
(``Story.book_id``); a book holds at most ``MAX_CHAPTERS``. Changes of the
title, description or chapter order are kept in the book's history
(``Revisions``); a delete moves it to the trash, its chapters staying stories.
"""
from __future__ import annotations

from core import permissions
from core.errors import Conflict, InvalidInput, NotFound
from core.models import Book, ReadingPosition, Story, TrashItem, User, World
from core.models.book import MAX_CHAPTERS, position_id_of
from services import access
from services.listing import Page
from services.revisions import Revisions
from services.story_service import StoryService, counts
from services.trash_service import TrashService
from storage import DocumentStore

MAX_BOOKS_PER_WORLD = 500


class BookService:
    def __init__(self, store: DocumentStore, stories: StoryService, revisions: Revisions | None = None,
                 trash: TrashService | None = None):
        self.store = store
        self.stories = stories
        self.revisions = revisions or Revisions(store)
        self.trash = trash or TrashService(store)

    # -- loading on behalf of a caller ------------------------------------------------

    def visible(self, user: User | None, book_id: str) -> tuple[Book, World]:
        """The book, if the caller sees its world; else 404 as for a missing book."""
        doc = self.store.get(Book.collection, book_id)
        world = access.load_world(self.store, doc["world_id"]) if doc else None
        if world is None or not permissions.can_view_world(user, world):
            raise NotFound("Book not found")
        return Book.from_dict(doc), world

    def writable(self, user: User | None, book_id: str) -> tuple[Book, World]:
        """The book, if the caller may write its world's content (403 for readers)."""
        book, world = self.visible(user, book_id)
        return book, access.writable_world(self.store, user, world.world_id)

    # -- reading ------------------------------------------------------------------------

    def list(self, user: User | None, world: World, offset: int, limit: int) -> Page:
        """The world's books, oldest first, each with the chapters the caller may see (ids)."""
        where = {"world_id": world.world_id}
        docs = self.store.find(Book.collection, where=where, offset=offset, limit=limit, newest_first=False)
        seen = set(access.visible_story_ids(self.store, user, world)) if docs else set()
        items = [self._summary(Book.from_dict(d), seen) for d in docs]
        return Page(items, self.store.count(Book.collection, where=where))

    def _summary(self, book: Book, seen: set[str]) -> dict:
        data = book.to_dict()
        data["chapter_ids"] = [c for c in book.chapter_ids if c in seen]
        data["chapter_count"] = len(data["chapter_ids"])
        return data

    def present(self, book: Book, world: World, user: User | None) -> dict:
        """The book with its visible chapters: title, words, scenes and visibility of each."""
        seen = set(access.visible_story_ids(self.store, user, world))
        data = self._summary(book, seen)
        docs = self.store.get_many(Story.collection, data["chapter_ids"])
        chapters = []
        for story in (Story.from_dict(docs[c]) for c in data["chapter_ids"] if c in docs):
            words, scene_count = counts(story)
            chapters.append({"story_id": story.story_id, "title": story.title, "visibility": story.visibility,
                             "word_count": words, "scene_count": scene_count})
        data.update(chapter_ids=[c["story_id"] for c in chapters], chapter_count=len(chapters),
                    chapters=chapters, word_count=sum(c["word_count"] for c in chapters))
        return data

    # -- writing ------------------------------------------------------------------------

    def create(self, user: User, world: World, data: dict) -> Book:
        with self.store.unit_of_work():
            if self.store.count(Book.collection, where={"world_id": world.world_id}) >= MAX_BOOKS_PER_WORLD:
                raise Conflict(f"A world holds at most {MAX_BOOKS_PER_WORLD} books",
                               {"world_id": "book limit reached"}, code="book_limit")
            book = Book(world_id=world.world_id, owner_id=user.user_id, title=data["title"],
                        description=data.get("description") or "")
            self.store.put(Book.collection, book.book_id, book.to_dict())
        return book

    def update(self, user: User, book: Book, changes: dict, restored_version: int | None = None) -> Book:
        """Apply the changes; the book as it was is kept in its history."""
        with self.store.unit_of_work():
            before = book.to_dict()
            for key, value in changes.items():
                setattr(book, key, value)
            book.touch()
            self.revisions.record(user.user_id, book, before, restored_version)
            self.store.put(Book.collection, book.book_id, book.to_dict())
        return book

    def delete(self, user: User, world: World, book: Book) -> TrashItem:
        return self.trash.trash_book(user, world, book)

    def reorder(self, user: User, book: Book, chapter_ids: list[str]) -> Book:
        """The same chapters in a new order; anything else is 409 ``chapters_changed``."""
        if sorted(chapter_ids) != sorted(book.chapter_ids) or len(set(chapter_ids)) != len(chapter_ids):
            raise Conflict("The book's chapters changed: reload them and order those",
                           {"chapter_ids": "not the book's current chapters"}, code="chapters_changed")
        return self.update(user, book, {"chapter_ids": list(chapter_ids)})

    def add_chapter(self, user: User, world: World, book: Book, story_id: str) -> Story:
        """An existing story of the book's world, in no book yet, as the last chapter."""
        with self.store.unit_of_work():
            doc = self.store.get(Story.collection, story_id)
            if doc is None or doc["world_id"] != world.world_id:
                raise InvalidInput("No such story in this book's world", {"story_id": "not a story of this world"},
                                   code="unknown_story")
            if doc.get("book_id"):
                where = "this book" if doc["book_id"] == book.book_id else "another book"
                raise Conflict(f"The story is a chapter of {where} already", {"story_id": f"in {where}"},
                               code="story_in_book")
            return self._append(user, book, Story.from_dict(doc))

    def create_chapter(self, user: User, world: World, book: Book, data: dict) -> Story:
        """A new story of the book's world, as its last chapter."""
        with self.store.unit_of_work():
            self.check_room(book, 1)
            story, _ = self.stories.create(user, world, {
                "title": data["title"], "content": data.get("content") or "", "description": "",
                "genre": data.get("genre") or "adventure", "visibility": data.get("visibility") or "private",
                "time_index": 50})
            return self._append(user, book, story)

    def _append(self, user: User, book: Book, story: Story) -> Story:
        self.check_room(book, 1)
        story.book_id = book.book_id
        self.store.put(Story.collection, story.story_id, story.to_dict())
        self.update(user, book, {"chapter_ids": [*book.chapter_ids, story.story_id]})
        return story

    def insert_after(self, user: User, book: Book, story_id: str, new: list[Story]) -> Book:
        """``new`` stories as chapters right after ``story_id`` (a split)."""
        self.check_room(book, len(new))
        for story in new:
            story.book_id = book.book_id
            self.store.put(Story.collection, story.story_id, story.to_dict())
        at = book.chapter_ids.index(story_id) + 1
        ids = [*book.chapter_ids[:at], *(s.story_id for s in new), *book.chapter_ids[at:]]
        return self.update(user, book, {"chapter_ids": ids})

    @staticmethod
    def check_room(book: Book, adding: int) -> None:
        if len(book.chapter_ids) + adding > MAX_CHAPTERS:
            raise Conflict(f"A book holds at most {MAX_CHAPTERS} chapters",
                           {"chapter_ids": f"has {len(book.chapter_ids)} chapters"}, code="chapter_limit")

    def remove_chapter(self, user: User, book: Book, story_id: str) -> Book:
        """Take a chapter out of the book; the story stays, in no book."""
        with self.store.unit_of_work():
            if story_id not in book.chapter_ids:
                raise NotFound("No such chapter in this book")
            doc = self.store.get(Story.collection, story_id)
            if doc is not None and doc.get("book_id") == book.book_id:
                self.store.put(Story.collection, story_id, {**doc, "book_id": ""})
            return self.update(user, book, {"chapter_ids": [c for c in book.chapter_ids if c != story_id]})

    # -- reading positions ------------------------------------------------------------------

    def position(self, user: User, book: Book, world: World) -> dict | None:
        """Where the caller stopped in the book; None when never, or when that chapter is
        no longer one they may see."""
        doc = self.store.get(ReadingPosition.collection, position_id_of(user.user_id, book.book_id))
        if doc is None or doc["story_id"] not in self._visible_chapters(user, book, world):
            return None
        return {"story_id": doc["story_id"], "progress": doc["progress"], "updated_at": doc["updated_at"]}

    def set_position(self, user: User, book: Book, world: World, story_id: str, progress: float) -> dict:
        if story_id not in self._visible_chapters(user, book, world):
            raise InvalidInput("Not a chapter of this book", {"story_id": "not a chapter of this book"},
                               code="not_a_chapter")
        position = ReadingPosition(world_id=world.world_id, book_id=book.book_id, user_id=user.user_id,
                                   story_id=story_id, progress=progress)
        self.store.put(ReadingPosition.collection, position.position_id, position.to_dict())
        return {"story_id": story_id, "progress": progress, "updated_at": position.updated_at}

    def _visible_chapters(self, user: User, book: Book, world: World) -> set[str]:
        return set(book.chapter_ids) & set(access.visible_story_ids(self.store, user, world))
