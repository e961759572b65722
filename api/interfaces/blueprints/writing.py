"""Writing tools on a world's text: continue, expand, rephrase, summarise, suggest
titles, describe an entry. Each is an AI job (202 + task id) whose text streams
from ``GET /gpt/results/{task_id}/stream`` as the model writes it."""
from interfaces.auth import current_user, token_required
from interfaces.blueprints.gpt import accepted, started
from interfaces.limits import rate_limit
from interfaces.resource import resource_blueprint
from interfaces.schemas.writing import WritingBody
from interfaces.validation import body


def create_writing_blueprint(services):
    store, writing = services.store, services.writing
    bp = resource_blueprint("writing", __name__, store)

    @bp.post("/worlds/<world_id>/writing")
    @rate_limit("ai")
    @token_required
    @started
    @body(WritingBody)
    def write(world_id, body: WritingBody):
        """Start a writing tool on the world's text (owner and co-authors; readers 403).

        In the world's language, with the canon the context builder picks (the
        task's `context` says what was sent and what was left out). Follow the text
        with `GET /gpt/results/{task_id}/stream` (Server-Sent Events) or poll
        `GET /gpt/results/{task_id}` (`partial`: the text so far). Result:
        `{tool, text, titles?, notice?, model, language}`. 400 when the story or entry
        is not of this world or the tool lacks its input (a selection, the text before
        the cursor, a story, an entry).
        """
        return accepted(writing.start(current_user(), world_id, body.model_dump()))

    return bp
