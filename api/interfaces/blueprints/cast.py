"""Characters and locations of a world."""
from flask import jsonify

from interfaces.auth import current_user, optional_auth, token_required
from interfaces.pagination import PageQuery, page_response, paged
from interfaces.resource import resource_blueprint
from interfaces.schemas.worlds import EntityBody, EntityUpdateBody, LocationBody, LocationUpdateBody
from interfaces.schemas.responses import EntityDeletedOut, EntityOut, LocationDeletedOut, LocationOut
from interfaces.validation import body, changes, errors, query, responds
from interfaces.versioning import ETAG_HEADER, require_version, with_etag
from services import access
from services.cast_service import ENTITY, LOCATION


def create_cast_blueprint(services):
    store = services.store
    bp = resource_blueprint("cast", __name__, store)
    cast = services.cast

    def listing(kind, world_id, page: PageQuery):
        world = access.visible_world(store, current_user(), world_id)
        items = [item.to_dict() for item in cast.list(kind, world)]
        return page_response(items[page.offset:page.offset + page.per_page], len(items), page)

    def one(kind, world_id, item_id):
        found = cast.get(kind, access.visible_world(store, current_user(), world_id), item_id)
        return with_etag(found.to_dict(), found.version)

    def change(kind, world_id, item_id, body):
        """Update under ``If-Match``; the answer carries the new ``ETag``."""
        user = current_user()
        world = access.writable_world(store, user, world_id)
        current = cast.get(kind, world, item_id)
        require_version(current.version, current.to_dict)
        item = cast.update(kind, world, item_id, changes(body), user)
        return with_etag(item.to_dict(), item.version)

    def remove(kind, world_id, item_id):
        """Move to the trash under ``If-Match``; the trash entry."""
        user = current_user()
        world = access.writable_world(store, user, world_id)
        current = cast.get(kind, world, item_id)
        require_version(current.version, current.to_dict)
        return cast.delete(kind, world, item_id, user)

    @bp.get("/worlds/<world_id>/characters")
    @optional_auth
    @query(PageQuery)
    @paged(EntityOut, "One page of characters, a bare array")
    def list_characters(world_id, query: PageQuery):
        """Characters (entities) of the world, oldest first."""
        return listing(ENTITY, world_id, query)

    @bp.post("/worlds/<world_id>/entities")
    @token_required
    @responds(201, "Character created", schema=EntityOut, headers=ETAG_HEADER)
    @body(EntityBody)
    def create_entity(world_id, body: EntityBody):
        """Create a character (owner or co-author). Names are unique within the world."""
        world = access.writable_world(store, current_user(), world_id)
        created = cast.create(ENTITY, world, body.model_dump())
        return with_etag(created.to_dict(), created.version, 201)

    @bp.get("/worlds/<world_id>/entities/<entity_id>")
    @optional_auth
    @responds(200, "The character", schema=EntityOut, headers=ETAG_HEADER)
    def get_entity(world_id, entity_id):
        """One character of the world, with its version as `ETag`."""
        return one(ENTITY, world_id, entity_id)

    @bp.route("/worlds/<world_id>/entities/<entity_id>", methods=["PUT", "PATCH"])
    @token_required
    @errors(412)
    @body(EntityUpdateBody)
    @responds(200, "The changed character", schema=EntityOut, headers=ETAG_HEADER)
    def update_entity(world_id, entity_id, body: EntityUpdateBody):
        """Change a character of this world (owner or co-author).

        Honours `If-Match` (412 with the current character when stale); the previous
        version is kept in its history. Answers the new `ETag`.
        """
        return change(ENTITY, world_id, entity_id, body)

    @bp.delete("/worlds/<world_id>/entities/<entity_id>")
    @token_required
    @errors(412)
    @responds(200, "Character deleted", schema=EntityDeletedOut)
    def delete_entity(world_id, entity_id):
        """Delete a character and unlink it from stories and events (owner or co-author): to the trash.

        `trash_id` restores it (and its links) until it expires. Honours `If-Match`.
        """
        trashed = remove(ENTITY, world_id, entity_id)
        return jsonify(message="Character deleted", entity_id=entity_id, trash_id=trashed.trash_id)

    @bp.get("/worlds/<world_id>/locations")
    @optional_auth
    @query(PageQuery)
    @paged(LocationOut, "One page of locations, a bare array")
    def list_locations(world_id, query: PageQuery):
        """Locations of the world, oldest first."""
        return listing(LOCATION, world_id, query)

    @bp.post("/worlds/<world_id>/locations")
    @token_required
    @responds(201, "Location created", schema=LocationOut, headers=ETAG_HEADER)
    @body(LocationBody)
    def create_location(world_id, body: LocationBody):
        """Create a location (owner or co-author). Names are unique within the world."""
        world = access.writable_world(store, current_user(), world_id)
        created = cast.create(LOCATION, world, body.model_dump())
        return with_etag(created.to_dict(), created.version, 201)

    @bp.get("/worlds/<world_id>/locations/<location_id>")
    @optional_auth
    @responds(200, "The location", schema=LocationOut, headers=ETAG_HEADER)
    def get_location(world_id, location_id):
        """One location of the world, with its version as `ETag`."""
        return one(LOCATION, world_id, location_id)

    @bp.route("/worlds/<world_id>/locations/<location_id>", methods=["PUT", "PATCH"])
    @token_required
    @errors(412)
    @body(LocationUpdateBody)
    @responds(200, "The changed location", schema=LocationOut, headers=ETAG_HEADER)
    def update_location(world_id, location_id, body: LocationUpdateBody):
        """Change a location of this world (owner or co-author).

        Honours `If-Match` (412 with the current location when stale); the previous
        version is kept in its history. Answers the new `ETag`.
        """
        return change(LOCATION, world_id, location_id, body)

    @bp.delete("/worlds/<world_id>/locations/<location_id>")
    @token_required
    @errors(412)
    @responds(200, "Location deleted", schema=LocationDeletedOut)
    def delete_location(world_id, location_id):
        """Delete a location and unlink it from stories and events (owner or co-author): to the trash.

        `trash_id` restores it (and its links) until it expires. Honours `If-Match`.
        """
        trashed = remove(LOCATION, world_id, location_id)
        return jsonify(message="Location deleted", location_id=location_id, trash_id=trashed.trash_id)

    return bp
