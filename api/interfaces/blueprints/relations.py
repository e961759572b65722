"""Typed relations between a world's entries, the world's relation types, the
codex graph and family trees."""
from flask import jsonify

from core.errors import InvalidInput
from interfaces.auth import current_user, optional_auth, token_required
from interfaces.pagination import page_response, paged
from interfaces.resource import resource_blueprint
from interfaces.schemas.relations import (FamilyTreeQuery, GraphQuery, RelationBody, RelationListQuery,
                                          RelationTypesBody, RelationUpdateBody)
from interfaces.schemas.relations_out import (EntryGraphOut, FamilyTreeOut, RelationDeletedOut, RelationOut,
                                              RelationTypeOut)
from interfaces.validation import body, changes, errors, query, responds
from interfaces.versioning import ETAG_HEADER, require_version, with_etag
from services import access
from services.graph_service import COOCCURRENCE_TYPES

DATE_FIELDS = ("start_date", "end_date")


def create_relations_blueprint(services):
    store, relations, graphs = services.store, services.relations, services.graphs
    bp = resource_blueprint("relations", __name__, store)

    @bp.get("/worlds/<world_id>/relation-types")
    @optional_auth
    @responds(200, "The world's relation types", schema=list[RelationTypeOut], headers=ETAG_HEADER)
    def list_relation_types(world_id):
        """The world's vocabulary of relation types (the defaults until the owner edits it)."""
        world = access.visible_world(store, current_user(), world_id)
        vocabulary = relations.vocabulary(world)
        return with_etag(vocabulary.types, vocabulary.version)

    @bp.put("/worlds/<world_id>/relation-types")
    @token_required
    @errors(409, 412)
    @body(RelationTypesBody)
    @responds(200, "The new relation types", schema=list[RelationTypeOut], headers=ETAG_HEADER)
    def replace_relation_types(world_id, body: RelationTypesBody):
        """Replace the world's relation types (owner or co-author).

        A key that relations use may be neither removed nor made (or unmade) mutual:
        409 `relation_type_in_use`. The vocabulary as it was is kept in its history.
        Honours `If-Match` (412 with the current types when stale).
        """
        user = current_user()
        world = access.writable_world(store, user, world_id)
        current = relations.vocabulary(world)
        require_version(current.version, lambda: current.types)
        vocabulary = relations.set_types(user, world, [t.model_dump() for t in body.types])
        return with_etag(vocabulary.types, vocabulary.version)

    @bp.get("/worlds/<world_id>/relations")
    @optional_auth
    @query(RelationListQuery)
    @paged(RelationOut, "One page of relations, a bare array")
    def list_relations(world_id, query: RelationListQuery):
        """Relations of the world, oldest first; `entry_id` keeps those touching an entry,
        `type` those of one type."""
        world = access.visible_world(store, current_user(), world_id)
        found = relations.list(world, query.entry_id, query.type, query.offset, query.per_page)
        return page_response(found.items, found.total, query)

    @bp.post("/worlds/<world_id>/relations")
    @token_required
    @responds(201, "Relation created", schema=RelationOut, headers=ETAG_HEADER)
    @body(RelationBody)
    def create_relation(world_id, body: RelationBody):
        """Relate two entries of the world (owner or co-author).

        Both must be entries (entities or locations) of this world, and different;
        `type` a key of the world's relation types; dates on the world's calendar.
        409 `duplicate_relation` when the same type already joins them (either way
        round for a mutual type), 409 `relation_limit` past the world's limit.
        """
        world = access.writable_world(store, current_user(), world_id)
        created = relations.create(world, body.model_dump())
        return with_etag(created.to_dict(), created.version, 201)

    @bp.get("/worlds/<world_id>/relations/<relation_id>")
    @optional_auth
    @responds(200, "The relation", schema=RelationOut, headers=ETAG_HEADER)
    def get_relation(world_id, relation_id):
        """One relation of the world, with its version as `ETag`."""
        found = relations.get(access.visible_world(store, current_user(), world_id), relation_id)
        return with_etag(found.to_dict(), found.version)

    @bp.patch("/worlds/<world_id>/relations/<relation_id>")
    @token_required
    @errors(409, 412)
    @body(RelationUpdateBody)
    @responds(200, "The changed relation", schema=RelationOut, headers=ETAG_HEADER)
    def update_relation(world_id, relation_id, body: RelationUpdateBody):
        """Change a relation (owner or co-author); a date sent as `null` is cleared.

        Checked as on creation. Honours `If-Match` (412 with the current relation
        when stale); the previous version is kept in its history.
        """
        user = current_user()
        world = access.writable_world(store, user, world_id)
        current = relations.get(world, relation_id)
        require_version(current.version, current.to_dict)
        updates = changes(body)
        updates.update({f: None for f in DATE_FIELDS if f in body.model_fields_set and getattr(body, f) is None})
        relation = relations.update(user, world, relation_id, updates)
        return with_etag(relation.to_dict(), relation.version)

    @bp.delete("/worlds/<world_id>/relations/<relation_id>")
    @token_required
    @errors(412)
    @responds(200, "Relation deleted", schema=RelationDeletedOut)
    def delete_relation(world_id, relation_id):
        """Delete a relation (owner or co-author): to the trash, restorable until it expires.

        Honours `If-Match`.
        """
        user = current_user()
        world = access.writable_world(store, user, world_id)
        current = relations.get(world, relation_id)
        require_version(current.version, current.to_dict)
        trashed = relations.delete(user, world, relation_id)
        return jsonify(message="Relation deleted", relation_id=relation_id, trash_id=trashed.trash_id)

    @bp.get("/worlds/<world_id>/graph")
    @optional_auth
    @query(GraphQuery)
    @responds(200, "The graph", schema=EntryGraphOut)
    def graph(world_id, query: GraphQuery):
        """The codex graph: entries joined by typed relations, or by sharing stories.

        `mode=relations` (default): each relation is an edge labelled from the world's
        relation types. `mode=cooccurrence`: characters in the same stories the caller
        may see (`co_appears`, weighted by stories) and characters visiting places
        (`visits`). `kinds` and `types` filter (comma-separated); `all_entries` adds the
        entries no edge touches. Bounded by `limits` (`truncated` says what was cut).
        """
        user = current_user()
        world = access.visible_world(store, user, world_id)
        types = query.type_set
        known = COOCCURRENCE_TYPES if query.mode == "cooccurrence" else relations.type_map(world)
        unknown = sorted((types or set()) - set(known))
        if unknown:
            raise InvalidInput("Unknown relation types", {"types": f"not types of this graph: {', '.join(unknown)}"},
                               code="unknown_relation_type")
        return jsonify(graphs.graph(world, user, query.mode, query.kind_set, types, query.all_entries))

    @bp.get("/worlds/<world_id>/entries/<entry_id>/family-tree")
    @optional_auth
    @query(FamilyTreeQuery)
    @responds(200, "The family tree", schema=FamilyTreeOut)
    def family_tree(world_id, entry_id, query: FamilyTreeQuery):
        """The family of an entry from `parent_of` and `spouse_of` relations.

        Everyone within `depth` parent, child or spouse steps (1-6), with the parent
        and spouse pairs among them; `generation` places each in a row.
        """
        world = access.visible_world(store, current_user(), world_id)
        return jsonify(graphs.family_tree(world, entry_id, query.depth))

    return bp
