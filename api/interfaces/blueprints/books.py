"""Books: chapters in order, scenes of a story, splitting at scene breaks, reading positions."""
from flask import jsonify

from core.errors import InvalidInput
from interfaces.auth import current_user, optional_auth, token_required
from interfaces.pagination import PageQuery, page_response, paged
from interfaces.resource import resource_blueprint
from interfaces.schemas.books import (BookBody, BookDeletedOut, BookOut, BookSummaryOut, BookUpdateBody,
                                      ChapterAddBody, ChapterAddedOut, ChapterOrderBody, PositionBody,
                                      PositionOut, ScenesOut, SplitOut)
from interfaces.validation import body, changes, errors, query, responds
from interfaces.versioning import ETAG_HEADER, require_version, with_etag
from services import access

NO_POSITION = {"story_id": None, "progress": None, "updated_at": None}


def create_books_blueprint(services):
    store, books, stories, scenes = services.store, services.books, services.stories, services.scenes
    bp = resource_blueprint("books", __name__, store)

    @bp.get("/worlds/<world_id>/books")
    @optional_auth
    @query(PageQuery)
    @paged(BookSummaryOut, "One page of books, a bare array")
    def list_books(world_id, query: PageQuery):
        """The world's books, oldest first, each with the ids of the chapters you may see."""
        user = current_user()
        world = access.visible_world(store, user, world_id)
        found = books.list(user, world, query.offset, query.per_page)
        return page_response(found.items, found.total, query)

    @bp.post("/worlds/<world_id>/books")
    @token_required
    @errors(409)
    @body(BookBody)
    @responds(201, "Book created (no chapters yet)", schema=BookOut, headers=ETAG_HEADER)
    def create_book(world_id, body: BookBody):
        """Create a book in a world whose content you may write (owner, co-author)."""
        user = current_user()
        world = access.writable_world(store, user, world_id)
        book = books.create(user, world, body.model_dump())
        return with_etag(books.present(book, world, user), book.version, 201)

    @bp.get("/books/<book_id>")
    @optional_auth
    @responds(200, "The book", schema=BookOut, headers=ETAG_HEADER)
    def get_book(book_id):
        """One book: its chapters you may see, in order, with words and scenes, and its `ETag`."""
        user = current_user()
        book, world = books.visible(user, book_id)
        return with_etag(books.present(book, world, user), book.version)

    @bp.patch("/books/<book_id>")
    @token_required
    @errors(412)
    @body(BookUpdateBody)
    @responds(200, "The changed book", schema=BookOut, headers=ETAG_HEADER)
    def update_book(book_id, body: BookUpdateBody):
        """Change a book's title or description (owner, co-author).

        Honours `If-Match` (412 with the current book when stale); the previous version
        is kept in the book's history.
        """
        user = current_user()
        book, world = books.writable(user, book_id)
        require_version(book.version, lambda: books.present(book, world, user))
        book = books.update(user, book, changes(body))
        return with_etag(books.present(book, world, user), book.version)

    @bp.delete("/books/<book_id>")
    @token_required
    @errors(412)
    @responds(200, "Book deleted", schema=BookDeletedOut)
    def delete_book(book_id):
        """Delete a book to the trash; its chapters stay, as stories in no book.

        `trash_id` restores it with the chapters that are in no other book by then.
        Honours `If-Match` (412, nothing deleted, when stale).
        """
        user = current_user()
        book, world = books.writable(user, book_id)
        require_version(book.version, lambda: books.present(book, world, user))
        trashed = books.delete(user, world, book)
        return jsonify(message="Book deleted", book_id=book_id, trash_id=trashed.trash_id)

    @bp.put("/books/<book_id>/chapters")
    @token_required
    @errors(409, 412)
    @body(ChapterOrderBody)
    @responds(200, "The book, its chapters reordered", schema=BookOut, headers=ETAG_HEADER)
    def reorder_chapters(book_id, body: ChapterOrderBody):
        """Reorder the chapters: `chapter_ids` must be exactly the book's chapters.

        Anything else (a chapter added or removed since you read them) is 409
        `chapters_changed`. Honours `If-Match` (412 with the current book when stale).
        """
        user = current_user()
        book, world = books.writable(user, book_id)
        require_version(book.version, lambda: books.present(book, world, user))
        book = books.reorder(user, book, body.chapter_ids)
        return with_etag(books.present(book, world, user), book.version)

    @bp.post("/books/<book_id>/chapters")
    @token_required
    @errors(409, 412, 429)
    @body(ChapterAddBody)
    @responds(201, "The chapter added last, and the book", schema=ChapterAddedOut, headers=ETAG_HEADER)
    def add_chapter(book_id, body: ChapterAddBody):
        """Add a last chapter: an existing story of the world (`story_id`, in no book yet),
        or a new story (`title`, `content`, `visibility`).

        409 `story_in_book` for a story in a book already, `chapter_limit` for a full
        book; a new public story must fit your quota (429). Honours `If-Match` with the book's version. Answers the book's new `ETag`.
        """
        user = current_user()
        book, world = books.writable(user, book_id)
        require_version(book.version, lambda: books.present(book, world, user))
        if (body.story_id is None) == (body.title is None):
            raise InvalidInput("Send either story_id or title", {"story_id": "either this or title"},
                               code="story_or_title")
        if body.story_id is not None:
            story = books.add_chapter(user, world, book, body.story_id)
        else:
            story = books.create_chapter(user, world, book, body.model_dump())
        return with_etag({"book": books.present(book, world, user),
                          "story": stories.present(story, world, user)}, book.version, 201)

    @bp.delete("/books/<book_id>/chapters/<story_id>")
    @token_required
    @errors(412)
    @responds(200, "The book without that chapter", schema=BookOut, headers=ETAG_HEADER)
    def remove_chapter(book_id, story_id):
        """Take a chapter out of the book; the story stays, in no book.
        Honours `If-Match` with the book's version."""
        user = current_user()
        book, world = books.writable(user, book_id)
        require_version(book.version, lambda: books.present(book, world, user))
        book = books.remove_chapter(user, book, story_id)
        return with_etag(books.present(book, world, user), book.version)

    @bp.get("/books/<book_id>/position")
    @token_required
    @responds(200, "Where you stopped (all null when you have not read it)", schema=PositionOut)
    def get_position(book_id):
        """Your reading position in the book: a chapter you may see and how far into it."""
        user = current_user()
        book, world = books.visible(user, book_id)
        return jsonify(books.position(user, book, world) or NO_POSITION)

    @bp.put("/books/<book_id>/position")
    @token_required
    @body(PositionBody)
    @responds(200, "Your reading position", schema=PositionOut)
    def set_position(book_id, body: PositionBody):
        """Remember where you stopped: a chapter of the book you may see, `progress` 0..1.
        400 `not_a_chapter` for any other story."""
        user = current_user()
        book, world = books.visible(user, book_id)
        return jsonify(books.set_position(user, book, world, body.story_id, body.progress))

    @bp.get("/stories/<story_id>/scenes")
    @optional_auth
    @responds(200, "The story's scenes", schema=ScenesOut)
    def story_scenes(story_id):
        """The scenes of a story: stretches between lines of only `***`, `* * *` or `⁂`
        (a Markdown rule `---` is no break), each with a title and a word count."""
        story, _ = access.visible_story(store, current_user(), story_id)
        return jsonify(story_id=story_id, scenes=scenes.scenes(story))

    @bp.post("/stories/<story_id>/split")
    @token_required
    @errors(409, 412, 429)
    @responds(200, "The story and the new stories, and their book", schema=SplitOut)
    def split_story(story_id):
        """Split a story at its scene breaks into consecutive stories (one unit of work).

        The first scene stays in this story (its history keeps the whole text); each
        other scene becomes a new story, placed right after it in its book. 409
        `no_scene_breaks` for a story of one scene. Honours `If-Match` (the story's).
        """
        user = current_user()
        story, world = access.editable_story(store, user, story_id)
        require_version(story.version, lambda: stories.present(story, world, user))
        parts, book = scenes.split(user, story, world)
        return jsonify(stories=stories.present_many(parts, user, {world.world_id: world}),
                       book=books.present(book, world, user) if book else None)

    return bp
