"""The AI models a world may choose."""
from flask import jsonify

from interfaces.auth import token_required
from interfaces.resource import resource_blueprint
from interfaces.schemas.ai_settings import ModelsOut
from interfaces.validation import responds


def create_ai_models_blueprint(services):
    settings = services.ai_settings
    bp = resource_blueprint("ai_models", __name__, services.store)

    @bp.get("/ai/models")
    @token_required
    @responds(200, "The models a world may choose", schema=ModelsOut)
    def list_models():
        """The models the operator allows (`OPENAI_MODEL` and `AI_ALLOWED_MODELS`), with their
        prices; a world's owner picks one as the world's `ai_model` (`PATCH /api/worlds/{world_id}`)."""
        return jsonify(settings.models())

    return bp
