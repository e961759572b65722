"""The trash: deleted worlds, stories, characters, locations and relations, restorable
until they expire (``TRASH_RETENTION_DAYS``)."""
from flask import jsonify

from interfaces.auth import current_user, token_required
from interfaces.pagination import PageQuery, page_response, paged
from interfaces.resource import resource_blueprint
from interfaces.schemas.history import TrashEntryOut, TrashPurgedOut, TrashRestoredOut
from interfaces.validation import errors, query, responds


def create_trash_blueprint(services):
    store, trash = services.store, services.trash
    bp = resource_blueprint("trash", __name__, store)

    @bp.get("/trash")
    @token_required
    @query(PageQuery)
    @paged(TrashEntryOut, "One page of the caller's trash, newest first")
    def list_trash(query: PageQuery):
        """What you may still restore, newest first: what you owned, what was deleted in your
        worlds, and what you deleted as a co-author of a world you still write.

        Expired entries are purged first. `counts` says what each entry holds.
        """
        found = trash.list(current_user(), query.offset, query.per_page)
        return page_response([trash.present(doc) for doc in found.items], found.total, query)

    @bp.post("/trash/<trash_id>/restore")
    @token_required
    @errors(409, 429)
    @responds(200, "What was restored", schema=TrashRestoredOut)
    def restore(trash_id):
        """Put a deleted item back, with everything its delete removed (same ids).

        Links other documents held to it are re-added where those documents still
        exist. 409 when its world is not live (in the trash or gone), an id is taken
        or a name is now used; 429 (the quota error) when a public world or story no
        longer fits its owner's quota. Whoever `GET /trash` lists it for, or an admin; else 404.
        """
        return jsonify(trash.restore(current_user(), trash_id))

    @bp.delete("/trash/<trash_id>")
    @token_required
    @responds(200, "Deleted for good", schema=TrashPurgedOut)
    def purge(trash_id):
        """Delete a trashed item and everything it holds for good (whoever may restore it)."""
        return jsonify(trash.purge(current_user(), trash_id))

    return bp
