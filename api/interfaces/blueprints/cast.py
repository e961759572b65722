"""Characters and locations of a world."""
from flask import jsonify

from interfaces.auth import current_user, optional_auth, token_required
from interfaces.pagination import PageQuery, page_response, paged
from interfaces.resource import resource_blueprint
from interfaces.schemas.worlds import EntityBody, EntityUpdateBody, LocationBody, LocationUpdateBody
from interfaces.schemas.responses import EntityDeletedOut, EntityOut, LocationDeletedOut, LocationOut
from interfaces.validation import body, changes, query, responds
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

    @bp.get("/worlds/<world_id>/characters")
    @optional_auth
    @query(PageQuery)
    @paged(EntityOut, "One page of characters, a bare array")
    def list_characters(world_id, query: PageQuery):
        """Characters (entities) of the world, oldest first."""
        return listing(ENTITY, world_id, query)

    @bp.post("/worlds/<world_id>/entities")
    @token_required
    @responds(201, "Character created", schema=EntityOut)
    @body(EntityBody)
    def create_entity(world_id, body: EntityBody):
        """Create a character (owner). Names are unique within the world."""
        world = access.editable_world(store, current_user(), world_id)
        return jsonify(cast.create(ENTITY, world, body.model_dump()).to_dict()), 201

    @bp.route("/worlds/<world_id>/entities/<entity_id>", methods=["PUT", "PATCH"])
    @token_required
    @body(EntityUpdateBody)
    @responds(200, "The changed character", schema=EntityOut)
    def update_entity(world_id, entity_id, body: EntityUpdateBody):
        """Change a character of this world (owner)."""
        world = access.editable_world(store, current_user(), world_id)
        return jsonify(cast.update(ENTITY, world, entity_id, changes(body)).to_dict())

    @bp.delete("/worlds/<world_id>/entities/<entity_id>")
    @token_required
    @responds(200, "Character deleted", schema=EntityDeletedOut)
    def delete_entity(world_id, entity_id):
        """Delete a character and unlink it from stories and events (owner)."""
        world = access.editable_world(store, current_user(), world_id)
        cast.delete(ENTITY, world, entity_id)
        return jsonify(message="Character deleted", entity_id=entity_id)

    @bp.get("/worlds/<world_id>/locations")
    @optional_auth
    @query(PageQuery)
    @paged(LocationOut, "One page of locations, a bare array")
    def list_locations(world_id, query: PageQuery):
        """Locations of the world, oldest first."""
        return listing(LOCATION, world_id, query)

    @bp.post("/worlds/<world_id>/locations")
    @token_required
    @responds(201, "Location created", schema=LocationOut)
    @body(LocationBody)
    def create_location(world_id, body: LocationBody):
        """Create a location (owner). Names are unique within the world."""
        world = access.editable_world(store, current_user(), world_id)
        return jsonify(cast.create(LOCATION, world, body.model_dump()).to_dict()), 201

    @bp.route("/worlds/<world_id>/locations/<location_id>", methods=["PUT", "PATCH"])
    @token_required
    @body(LocationUpdateBody)
    @responds(200, "The changed location", schema=LocationOut)
    def update_location(world_id, location_id, body: LocationUpdateBody):
        """Change a location of this world (owner)."""
        world = access.editable_world(store, current_user(), world_id)
        return jsonify(cast.update(LOCATION, world, location_id, changes(body)).to_dict())

    @bp.delete("/worlds/<world_id>/locations/<location_id>")
    @token_required
    @responds(200, "Location deleted", schema=LocationDeletedOut)
    def delete_location(world_id, location_id):
        """Delete a location and unlink it from stories and events (owner)."""
        world = access.editable_world(store, current_user(), world_id)
        cast.delete(LOCATION, world, location_id)
        return jsonify(message="Location deleted", location_id=location_id)

    return bp
