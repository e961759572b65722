"""Field templates: the custom fields a world's entries of each kind may hold."""
from flask import jsonify

from interfaces.auth import current_user, optional_auth, token_required
from interfaces.pagination import page_response, paged
from interfaces.resource import resource_blueprint
from interfaces.schemas.field_templates import FieldTemplateBody, FieldTemplateQuery, FieldTemplateUpdateBody
from interfaces.schemas.field_templates_out import FieldTemplateDeletedOut, FieldTemplateOut
from interfaces.validation import body, changes, errors, query, responds
from interfaces.versioning import ETAG_HEADER, require_version, with_etag
from services import access


def create_field_templates_blueprint(services):
    store, fields = services.store, services.fields
    bp = resource_blueprint("field_templates", __name__, store)

    @bp.get("/worlds/<world_id>/field-templates")
    @optional_auth
    @query(FieldTemplateQuery)
    @paged(FieldTemplateOut, "One page of field templates, a bare array")
    def list_field_templates(world_id, query: FieldTemplateQuery):
        """The world's field templates (of one kind with `kind`): by kind, then order, then label."""
        world = access.visible_world(store, current_user(), world_id)
        found = [t.to_dict() for t in fields.list(world, query.kind)]
        return page_response(found[query.offset:query.offset + query.per_page], len(found), query)

    @bp.post("/worlds/<world_id>/field-templates")
    @token_required
    @responds(201, "Field template created", schema=FieldTemplateOut, headers=ETAG_HEADER)
    @body(FieldTemplateBody)
    def create_field_template(world_id, body: FieldTemplateBody):
        """Add a custom field to the world's entries of one kind (owner or co-author).

        `key` (the label's slug if not given) is unique per world and kind (409
        `duplicate_key`); a world holds at most 200 templates (409 `too_many_templates`).
        """
        world = access.writable_world(store, current_user(), world_id)
        created = fields.create(world, body.model_dump())
        return with_etag(created.to_dict(), created.version, 201)

    @bp.patch("/worlds/<world_id>/field-templates/<template_id>")
    @token_required
    @errors(412)
    @body(FieldTemplateUpdateBody)
    @responds(200, "The changed field template", schema=FieldTemplateOut, headers=ETAG_HEADER)
    def update_field_template(world_id, template_id, body: FieldTemplateUpdateBody):
        """Change a field template's label, type, order or options (owner or co-author); never its kind or key.

        Values entries hold already stay as they are (checked again only when changed).
        Honours `If-Match` (412 with the current template when stale).
        """
        world = access.writable_world(store, current_user(), world_id)
        current = fields.get(world, template_id)
        require_version(current.version, current.to_dict)
        wanted = changes(body)
        if body.options is not None:
            wanted["options"] = body.options.model_dump()
        updated = fields.update(world, template_id, wanted)
        return with_etag(updated.to_dict(), updated.version)

    @bp.delete("/worlds/<world_id>/field-templates/<template_id>")
    @token_required
    @errors(412)
    @responds(200, "Field template deleted", schema=FieldTemplateDeletedOut)
    def delete_field_template(world_id, template_id):
        """Delete a field template (owner or co-author): to the trash. Entries keep their values under its key
        (shown as unlisted fields). Honours `If-Match`."""
        user = current_user()
        world = access.writable_world(store, user, world_id)
        current = fields.get(world, template_id)
        require_version(current.version, current.to_dict)
        trashed = fields.delete(user, world, template_id)
        return jsonify(message="Field template deleted", template_id=template_id, trash_id=trashed.trash_id)

    return bp
