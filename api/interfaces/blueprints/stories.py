"""Stories: list, create, read, update, delete, link characters and places."""
from flask import jsonify

from interfaces.auth import current_user, optional_auth, token_required
from interfaces.pagination import PageQuery, page_response, paged
from interfaces.resource import resource_blueprint
from interfaces.schemas.stories import LinkEntitiesBody, StoryCreateBody, StoryListQuery, StoryUpdateBody
from interfaces.schemas.responses import LinkedEntitiesOut, LinksClearedOut, StoryCreatedOut, StoryDeletedOut, StoryOut
from interfaces.validation import body, changes, errors, query, responds
from interfaces.versioning import ETAG_HEADER, require_version, with_etag
from services import access


def create_stories_blueprint(services):
    store, stories, links = services.store, services.stories, services.links
    bp = resource_blueprint("stories", __name__, store)

    @bp.get("/stories")
    @optional_auth
    @query(StoryListQuery)
    @paged(StoryOut, "One page of stories, a bare array")
    def list_stories(query: StoryListQuery):
        """Stories the caller may see, newest first. Filters: world_id, genre, q, tag.

        With `genre`, `q` or `tag`, a bounded number of the newest visible stories is
        searched; when there are more, `X-Total-Count` counts the matches among
        those and `X-Total-Count-Exact: false` is sent.
        """
        user = current_user()
        page = PageQuery(page=query.page, per_page=query.per_page)
        found = stories.list(user, query.model_dump(), page.offset, page.per_page)
        return page_response(stories.present_many(found.items, user), found.total, page, found.complete)

    @bp.post("/stories")
    @token_required
    @responds(201, "Story created with its time cone (`ETag`: the story's)", schema=StoryCreatedOut, headers=ETAG_HEADER)
    @body(StoryCreateBody)
    def create_story(body: StoryCreateBody):
        """Create a story in a world the caller may write to."""
        user = current_user()
        world = access.writable_world(store, user, body.world_id)
        story, cone = stories.create(user, world, body.model_dump())
        return with_etag({"story": stories.present(story, world, user), "time_cone": cone.to_dict()},
                         story.version, 201)

    @bp.get("/stories/<story_id>")
    @optional_auth
    @responds(200, "The story", schema=StoryOut, headers=ETAG_HEADER)
    def get_story(story_id):
        """One story, with its version as `ETag`."""
        user = current_user()
        story, world = access.visible_story(store, user, story_id)
        return with_etag(stories.present(story, world, user), story.version)

    @bp.route("/stories/<story_id>", methods=["PUT", "PATCH"])
    @token_required
    @errors(412)
    @body(StoryUpdateBody)
    @responds(200, "The changed story", schema=StoryOut, headers=ETAG_HEADER)
    def update_story(story_id, body: StoryUpdateBody):
        """Change a story (owner or co-author).

        Honours `If-Match` (412 with the current story when stale); the previous
        version is kept in the story's history. Answers the new `ETag`.
        """
        user = current_user()
        story, world = access.editable_story(store, user, story_id)
        require_version(story.version, lambda: stories.present(story, world, user))
        story = stories.update(user, story, changes(body))
        return with_etag(stories.present(story, world, user), story.version)

    @bp.delete("/stories/<story_id>")
    @token_required
    @errors(412)
    @responds(200, "Story deleted", schema=StoryDeletedOut)
    def delete_story(story_id):
        """Delete a story, its events and time cone, and links to it (owner or co-author): to the trash.

        `trash_id` restores it, links included, until it expires. Honours
        `If-Match` (412, nothing deleted, when stale).
        """
        user = current_user()
        story, world = access.editable_story(store, user, story_id)
        require_version(story.version, lambda: stories.present(story, world, user))
        trashed = stories.delete(user, story)
        return jsonify(message="Story deleted", story_id=story_id, trash_id=trashed.trash_id)

    @bp.post("/stories/<story_id>/link-entities")
    @token_required
    @body(LinkEntitiesBody)
    @responds(200, "What was linked and created, and the story", schema=LinkedEntitiesOut)
    def link_entities(story_id, body: LinkEntitiesBody):
        """Link characters and locations by name or alias (case/accent-insensitive); create the rest."""
        user = current_user()
        story, world = access.editable_story(store, user, story_id)
        result = links.link_entities(story, world, body.character_specs(), body.location_specs(),
                                     body.auto_create)
        return jsonify(**result, story=stories.present(story, world, user))

    @bp.post("/stories/<story_id>/clear-links")
    @token_required
    @responds(200, "The story, unlinked", schema=LinksClearedOut)
    def clear_links(story_id):
        """Unlink every character and location from the story (owner or co-author)."""
        user = current_user()
        story, world = access.editable_story(store, user, story_id)
        links.clear_links(story)
        return jsonify(message="Links cleared", story=stories.present(story, world, user))

    return bp
