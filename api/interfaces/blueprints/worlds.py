"""Worlds: list, create, read, update, delete, share, auto-link and the graph."""
from flask import jsonify

from interfaces.auth import current_user, optional_auth, token_required
from interfaces.pagination import PageQuery, page_response, paged
from interfaces.read_cache import ReadCache
from interfaces.resource import resource_blueprint
from interfaces.schemas.common import IdList
from interfaces.schemas.responses import AutoLinkOut, GraphOut, StoryOut, WorldDeletedOut, WorldOut
from interfaces.schemas.stories import WorldStoryQuery
from interfaces.schemas.worlds import AutoLinkQuery, WorldCreateBody, WorldListQuery, WorldUpdateBody
from interfaces.validation import body, changes, errors, query, responds
from interfaces.versioning import ETAG_HEADER, require_version, with_etag
from services import access


def create_worlds_blueprint(services):
    store, worlds, links, stories = services.store, services.worlds, services.links, services.stories
    bp = resource_blueprint("worlds", __name__, store)
    reads = ReadCache(bp, store)  # list pages, until the next commit

    @bp.get("/worlds")
    @optional_auth
    @reads.cached
    @query(WorldListQuery)
    @paged(WorldOut, "One page of worlds, a bare array")
    def list_worlds(query: WorldListQuery):
        """Worlds the caller may see, newest first. Filters: q, world_type, visibility, mine.

        With `q`, a bounded number of the newest visible worlds is searched; when
        there are more, `X-Total-Count-Exact: false` is sent.
        """
        user = current_user()
        page = PageQuery(page=query.page, per_page=query.per_page)
        found = worlds.list(user, query.model_dump(), page.offset, page.per_page)
        return page_response(worlds.present_many(found.items, user), found.total, page, found.complete)

    @bp.post("/worlds")
    @token_required
    @responds(201, "World created", schema=WorldOut, headers=ETAG_HEADER)
    @body(WorldCreateBody)
    def create_world(body: WorldCreateBody):
        """Create a world, optionally with a starter cast or an analysis's entities."""
        user = current_user()
        world = worlds.create(user, body.model_dump(exclude_none=True))
        return with_etag(worlds.present(world, user), world.version, 201)

    @bp.get("/worlds/<world_id>")
    @optional_auth
    @responds(200, "The world", schema=WorldOut, headers=ETAG_HEADER)
    def get_world(world_id):
        """One world, with its version as `ETag`."""
        user = current_user()
        world = access.visible_world(store, user, world_id)
        return with_etag(worlds.present(world, user), world.version)

    @bp.route("/worlds/<world_id>", methods=["PUT", "PATCH"])
    @token_required
    @errors(412)
    @body(WorldUpdateBody)
    @responds(200, "The changed world", schema=WorldOut, headers=ETAG_HEADER)
    def update_world(world_id, body: WorldUpdateBody):
        """Change a world's name, description, type, visibility, calendar or AI model (owner).

        Honours `If-Match` (412 with the current world when stale); the previous
        version is kept in the world's history. Answers the new `ETag`.
        """
        user = current_user()
        world = access.editable_world(store, user, world_id)
        require_version(world.version, lambda: worlds.present(world, user))
        world = worlds.update(user, world, changes(body))
        return with_etag(worlds.present(world, user), world.version)

    @bp.delete("/worlds/<world_id>")
    @token_required
    @errors(412)
    @responds(200, "World deleted", schema=WorldDeletedOut)
    def delete_world(world_id):
        """Delete a world and everything in it (owner): it all moves to the trash.

        `trash_id` restores it (`POST /api/trash/{trash_id}/restore`) until it
        expires. Honours `If-Match` (412, nothing deleted, when stale).
        """
        user = current_user()
        world = access.editable_world(store, user, world_id)
        require_version(world.version, lambda: worlds.present(world, user))
        trashed = worlds.delete(user, world)
        return jsonify(message="World deleted", world_id=world_id, trash_id=trashed.trash_id)

    @bp.post("/worlds/<world_id>/share")
    @token_required
    @body(IdList)
    @responds(200, "The world", schema=WorldOut)
    def share_world(world_id, body: IdList):
        """Let users read this world (never write)."""
        user = current_user()
        world = access.editable_world(store, user, world_id)
        return jsonify(worlds.present(worlds.share(world, body.user_ids, share=True), user))

    @bp.post("/worlds/<world_id>/unshare")
    @token_required
    @body(IdList)
    @responds(200, "The world", schema=WorldOut)
    def unshare_world(world_id, body: IdList):
        """Stop sharing this world with users."""
        user = current_user()
        world = access.editable_world(store, user, world_id)
        return jsonify(worlds.present(worlds.share(world, body.user_ids, share=False), user))

    @bp.post("/worlds/<world_id>/auto-link-stories")
    @token_required
    @query(AutoLinkQuery)
    @responds(200, "The links made and the stories left unlinked", schema=AutoLinkOut)
    def auto_link_stories(world_id, query: AutoLinkQuery):
        """Link stories that share a character or location; drop stale links.

        Each story keeps its best-sharing partners, up to a fixed number. The
        answer lists one page of the links (`?page=&per_page=`, `links_total`)
        and the first unlinked stories (`unlinked_total`).
        """
        world = access.writable_world(store, current_user(), world_id)
        return jsonify(links.auto_link(world, query.offset, query.per_page))

    @bp.get("/worlds/<world_id>/relationships")
    @optional_auth
    @responds(200, "The graph", schema=GraphOut)
    def relationships(world_id):
        """Graph of characters, locations and visible stories."""
        user = current_user()
        return jsonify(links.relationships(access.visible_world(store, user, world_id), user))

    @bp.get("/worlds/<world_id>/stories")
    @optional_auth
    @query(WorldStoryQuery)
    @paged(StoryOut, "One page of the world's stories, a bare array")
    def world_stories(world_id, query: WorldStoryQuery):
        """Stories of the world that the caller may see, newest first. Filter: tag (ignoring case).

        With `tag`, a bounded number of the newest visible stories is searched; when
        there are more, `X-Total-Count-Exact: false` is sent.
        """
        user = current_user()
        world = access.visible_world(store, user, world_id)
        found = stories.list(user, {"world_id": world_id, "tag": query.tag}, query.offset, query.per_page)
        return page_response(stories.present_many(found.items, user, {world_id: world}), found.total, query,
                             found.complete)

    return bp
