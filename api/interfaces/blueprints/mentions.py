"""Mentions: where entries are named with `[[Name]]`, what names link to, and names that link nowhere."""
from flask import jsonify

from interfaces.auth import current_user, optional_auth
from interfaces.pagination import PageQuery, page_response, paged
from interfaces.resource import resource_blueprint
from interfaces.schemas.mentions import ResolveQuery
from interfaces.schemas.mentions_out import MentionSourceOut, ResolvedOut, UnresolvedNameOut
from interfaces.validation import query, responds
from services import access


def create_mentions_blueprint(services):
    store, mentions = services.store, services.mentions
    bp = resource_blueprint("mentions", __name__, store)

    @bp.get("/worlds/<world_id>/entries/<entry_id>/mentions")
    @optional_auth
    @query(PageQuery)
    @paged(MentionSourceOut, "One page of the texts mentioning the entry, a bare array")
    def list_mentions(world_id, entry_id, query: PageQuery):
        """Where an entry (character, place...) is mentioned with `[[Name]]`, newest first.

        Stories and entry descriptions of the world; only stories the caller may see.
        """
        user = current_user()
        world = access.visible_world(store, user, world_id)
        found = mentions.mentions_of(user, world, entry_id, query.offset, query.per_page)
        return page_response(found.items, found.total, query, found.complete)

    @bp.get("/worlds/<world_id>/mentions/resolve")
    @optional_auth
    @query(ResolveQuery)
    @responds(200, "Each name -> its entry, or null", schema=ResolvedOut)
    def resolve_mentions(world_id, query: ResolveQuery):
        """What `[[Name]]` links to, for each name asked (for rendering).

        Names match an entry's name or alias as the codex matches them: case and
        spacing folded, titles stripped; Vietnamese tone marks count.
        """
        world = access.visible_world(store, current_user(), world_id)
        return jsonify(mentions.resolve(world, query.names))

    @bp.get("/worlds/<world_id>/mentions/unresolved")
    @optional_auth
    @query(PageQuery)
    @paged(UnresolvedNameOut, "One page of names that match no entry, a bare array")
    def unresolved_mentions(world_id, query: PageQuery):
        """Names mentioned with `[[Name]]` that match no entry, most mentioned first, with where.

        Creating an entry with such a name (or alias) links them. Only mentions in
        texts the caller may see are listed.
        """
        user = current_user()
        world = access.visible_world(store, user, world_id)
        found = mentions.unresolved(user, world, query.offset, query.per_page)
        return page_response(found.items, found.total, query, found.complete)

    return bp
