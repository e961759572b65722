"""The codex: every entry of a world, an entry's page, and the tree of locations."""
from flask import jsonify

from interfaces.auth import current_user, optional_auth
from interfaces.pagination import page_response, paged
from interfaces.resource import resource_blueprint
from interfaces.schemas.entries import EntryListQuery
from interfaces.schemas.entries_out import EntryOut, EntryPageOut, LocationNodeOut
from interfaces.validation import query, responds
from services import access


def create_entries_blueprint(services):
    store, entries = services.store, services.entries
    bp = resource_blueprint("entries", __name__, store)

    @bp.get("/worlds/<world_id>/entries")
    @optional_auth
    @query(EntryListQuery)
    @paged(EntryOut, "One page of entries, a bare array")
    def list_entries(world_id, query: EntryListQuery):
        """Every entry of the world (characters, creatures, factions, items, lore, locations).

        Filters: kind, tag (ignoring case), q (a name or alias, or one of its words,
        beginning with it, ignoring accents and case: "ha noi" finds "Hà Nội"),
        parent_id (the locations lying in one). Sorted by `sort` (name by default).
        At most 2,000 entities and 2,000 locations of a world are read (newest first);
        past that `X-Total-Count-Exact: false` is sent.
        """
        world = access.visible_world(store, current_user(), world_id)
        found = entries.list(world, query.model_dump(), query.offset, query.per_page)
        return page_response(found.items, found.total, query, found.complete)

    @bp.get("/worlds/<world_id>/entries/<entry_id>")
    @optional_auth
    @responds(200, "The entry's page", schema=EntryPageOut)
    def entry_page(world_id, entry_id):
        """An entry's page: the entry, where it lies (locations), what lies in it, and the
        stories and events linking it that you may see."""
        user = current_user()
        world = access.visible_world(store, user, world_id)
        return jsonify(entries.page(world, user, entry_id))

    @bp.get("/worlds/<world_id>/locations/tree")
    @optional_auth
    @responds(200, "The locations, nested", schema=list[LocationNodeOut])
    def location_tree(world_id):
        """The world's locations as a tree: those at the top, each with the ones lying in it, by name."""
        world = access.visible_world(store, current_user(), world_id)
        return jsonify(entries.location_tree(world))

    return bp
