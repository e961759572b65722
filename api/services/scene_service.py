"""A story's scenes (``core.scenes``) and splitting a chapter at its scene breaks."""
from __future__ import annotations

from core import scenes
from core.errors import Conflict
from core.models import Book, Story, User, World
from core.vocabulary import NAME_MAX
from services.book_service import BookService
from services.story_service import StoryService
from storage import DocumentStore


class SceneService:
    def __init__(self, store: DocumentStore, stories: StoryService, books: BookService):
        self.store, self.stories, self.books = store, stories, books

    @staticmethod
    def scenes(story: Story) -> list[dict]:
        return [scene.to_dict() for scene in scenes.scenes(story.content)]

    def split(self, user: User, story: Story, world: World) -> tuple[list[Story], Book | None]:
        """Split the story at its scene breaks into consecutive stories, in one unit of work.
        The first scene stays in the story (its history keeps the whole text); each other
        becomes a new story of the same owner, genre, visibility, time, characters, places
        and tags, titled by its first heading or "<title> (n)". A chapter's new stories
        follow it in its book. 409 ``no_scene_breaks`` when there is one scene or none."""
        text = story.content
        spans = scenes.scene_spans(text)
        if len(spans) < 2:
            raise Conflict("The story has no scene breaks to split at (a line of ***, * * * or ⁂)",
                           {"content": "one scene"}, code="no_scene_breaks")
        with self.store.unit_of_work():
            book = None
            if story.book_id:
                doc = self.store.get(Book.collection, story.book_id)
                book = Book.from_dict(doc) if doc and story.story_id in doc["chapter_ids"] else None
            if book is not None:
                self.books.check_room(book, len(spans) - 1)
            owner_doc = self.store.get(User.collection, story.owner_id)
            owner = User.from_dict(owner_doc) if owner_doc else user
            created = []
            for n, (start, end) in enumerate(spans[1:], start=2):
                piece = text[start:end]
                title = scenes.heading(piece) or f"{story.title} ({n})"
                new, _ = self.stories.create(owner, world, {
                    "title": title[:NAME_MAX], "content": piece, "description": "", "genre": story.genre,
                    "visibility": story.visibility, "time_index": story.time_index, "date": story.date,
                    "selected_characters": story.entities, "tags": story.tags})
                if story.locations:
                    new.locations = list(story.locations)
                    self.store.put(Story.collection, new.story_id, new.to_dict())
                created.append(new)
            start, end = spans[0]
            first = self.stories.update(user, story, {"content": text[start:end]})
            if book is not None:
                book = self.books.insert_after(user, book, story.story_id, created)
        return [first, *created], book
