"""The canon an AI job would send: a preview of the context builder for writers."""
from flask import jsonify

from interfaces.auth import current_user, token_required
from interfaces.resource import resource_blueprint
from interfaces.schemas.context import ContextBody
from interfaces.schemas.context_out import ContextPreviewOut
from interfaces.validation import body, responds


def create_context_blueprint(services):
    store, context = services.store, services.context
    bp = resource_blueprint("context", __name__, store)

    @bp.post("/worlds/<world_id>/context")
    @token_required
    @responds(200, "The context report and the canon block", schema=ContextPreviewOut)
    @body(ContextBody)
    def preview_context(world_id, body: ContextBody):
        """What the AI would see of the world's canon for this text (owner, co-authors).

        Entries the text names or `[[links]]`, their relations, search hits and the
        latest events, fitted to the model's token budget; what was left out and why.
        """
        return jsonify(context.preview(current_user(), world_id, body.text, body.model))

    return bp
