"""History of stories, worlds, characters, locations, events and books: the kept
earlier versions, one version with its diff, and restoring one.

The same three routes hang under each document's own path; only those who may
change the document see them (anyone else: 404, as for a missing document).
"""
from flask import jsonify

from interfaces.auth import current_user, token_required
from interfaces.pagination import PageQuery, page_response, paged
from interfaces.resource import resource_blueprint
from interfaces.schemas.books import BookOut
from interfaces.schemas.history import VersionEntryOut, VersionOut
from interfaces.schemas.responses import EntityOut, EventOut, LocationOut, StoryOut, WorldOut
from interfaces.validation import errors, query, responds
from interfaces.versioning import ETAG_HEADER, require_version, with_etag
from services.cast_service import ENTITY, LOCATION


def create_history_blueprint(services):
    store, history = services.store, services.history
    bp = resource_blueprint("history", __name__, store)
    documents = (
        ("story", "/stories/<story_id>", "a story", StoryOut, history.story),
        ("world", "/worlds/<world_id>", "a world", WorldOut, history.world),
        ("character", "/worlds/<world_id>/entities/<entity_id>", "a character", EntityOut,
         lambda user, world_id, entity_id: history.cast_item(user, ENTITY, world_id, entity_id)),
        ("location", "/worlds/<world_id>/locations/<location_id>", "a location", LocationOut,
         lambda user, world_id, location_id: history.cast_item(user, LOCATION, world_id, location_id)),
        ("event", "/events/<event_id>", "an event", EventOut, history.event),
        ("book", "/books/<book_id>", "a book", BookOut, history.book),
    )
    for name, rule, noun, schema, load in documents:
        _add_routes(bp, history, name, rule, noun, schema, load)
    return bp


def _add_routes(bp, history, name: str, rule: str, noun: str, schema, load) -> None:
    def list_versions(query: PageQuery, **ids):
        found = history.versions(load(current_user(), **ids), query.offset, query.per_page)
        return page_response(found.items, found.total, query)

    def get_version(version: int, **ids):
        return jsonify(history.version(load(current_user(), **ids), version))

    def restore_version(version: int, **ids):
        user = current_user()
        target = load(user, **ids)
        require_version(target.version, lambda: history.present(target, user))
        restored = history.restore(user, target, version)
        return with_etag(history.present(restored, user), restored.version)

    list_versions.__doc__ = (
        f"Earlier versions of {noun}, newest first (those who may change it).\n\n"
        "Each entry is a kept version: `changed_by`/`changed_at` say who replaced it by the next "
        "version and when, `changed_fields` what that change touched, `restored_version` which "
        "version it brought back if it was a restore. The newest `HISTORY_MAX_VERSIONS` are kept.")
    get_version.__doc__ = (
        f"One version of {noun}: its whole document and a diff against the current one.\n\n"
        "`diff` maps each differing field to `{type: text, unified_diff}` (prose, from the version "
        "to the current one) or `{type: value, old, new}`. The current version is answered too "
        "(empty diff); a version no longer kept is 404.")
    restore_version.__doc__ = (
        f"Restore a version of {noun}: a new version with that version's content.\n\n"
        "The version it replaces stays in the history. Links (characters and places of a story, "
        "linked stories, sharing) are left as they are; a book's chapter order comes back only when "
        "its chapters are the same ones. Honours `If-Match` (412 when stale); "
        "answers the document as its GET shows it, with its new `ETag`. 409 for the current version.")
    for view, suffix in ((list_versions, "versions"), (get_version, "version"),
                         (restore_version, "restore_version")):
        view.__name__ = view.__qualname__ = f"{name}_{suffix}"

    bp.add_url_rule(f"{rule}/versions", view_func=token_required(
        query(PageQuery)(paged(VersionEntryOut, "One page of kept versions, newest first")(list_versions))),
        methods=["GET"])
    bp.add_url_rule(f"{rule}/versions/<int:version>", view_func=token_required(
        responds(200, "The version and its diff against the current document", schema=VersionOut)(get_version)),
        methods=["GET"])
    bp.add_url_rule(f"{rule}/versions/<int:version>/restore", view_func=token_required(
        errors(409, 412, 429)(responds(200, "The document, restored as a new version", schema=schema,
                                       headers=ETAG_HEADER)(restore_version))),
        methods=["POST"])
