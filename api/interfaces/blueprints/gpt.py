"""AI jobs: start one (202 + task id), poll it, list and cancel your jobs.

Each job counts against the caller's daily AI-job quota (429 past it) and runs
in the background; ``GET /gpt/results/{task_id}`` shows its progress and result.
"""
from flask import Response, current_app, g, jsonify, make_response

from core.errors import DomainError
from interfaces.auth import current_user, token_required
from interfaces.pagination import PageQuery, page_response, paged
from interfaces.resource import resource_blueprint
from interfaces.schemas.gpt import AnalyzeBody, BatchAnalyzeBody, DescriptionBody, TaskListQuery
from interfaces.schemas.tasks_out import TaskOut, TaskStartedOut
from interfaces.validation import body, errors, query, responds
from services import access
from services.live.task_stream import TaskStream

TASK_SSE = {"text/event-stream": {  # OpenAPI 3.0: the schema of each event
    "type": "object", "description": "Server-Sent Events: `status` (data `{status, progress}`), `delta` (data "
    "`{offset, text}`: append `text` when `offset` equals the length of what you hold), `done` (data "
    "`{status, result}`, then the stream ends), `: heartbeat` comments",
    "properties": {"event": {"type": "string", "enum": ["status", "delta", "done"]},
                   "data": {"type": "string", "description": "JSON"}}}}


def started(view):
    """Declare, for the spec, that the route starts a quota-counted job."""
    view.api_errors = {429}
    return responds(202, "Job started: `{task_id, status}`; poll /api/gpt/results/{task_id}",
                    schema=TaskStartedOut)(view)


def accepted(task: dict):
    """202 with the task. Inline jobs (serverless) have run by the time the
    answer leaves: it then shows their outcome."""
    ai = current_app.extensions["worldsmith"].ai
    if ai.runner.inline:
        def outcome():
            current = ai.store.get("tasks", task["task_id"]) or task
            return make_response(jsonify(task_id=task["task_id"], status=current["status"]), 202)
        g.response_after_commit = outcome
    return jsonify(task_id=task["task_id"], status=task["status"]), 202


def create_gpt_blueprint(services):
    store, ai, tasks = services.store, services.ai, services.tasks
    bp = resource_blueprint("gpt", __name__, store)

    @bp.post("/gpt/generate-description")
    @token_required
    @started
    @body(DescriptionBody)
    def generate_description(body: DescriptionBody):
        """Write a description of a world or a story.

        Result: `{description}` (world) or `{story_description}` (story).
        """
        user = current_user()
        if body.world_id:
            access.visible_world(store, user, body.world_id)
        if body.type == "world":
            task = ai.start(user, "world_description", name=body.world_name,
                            world_type=body.world_type, themes=body.themes,
                            characters=body.character_names(), world_id=body.world_id, language=body.language)
        else:
            task = ai.start(user, "story_description", title=body.story_title,
                            genre=body.story_genre, world_description=body.world_description,
                            characters=body.character_names(), world_id=body.world_id,
                            language=body.language)
        return accepted(task)

    @bp.post("/gpt/analyze")
    @token_required
    @started
    @body(AnalyzeBody)
    def analyze(body: AnalyzeBody):
        """Find the characters and places named in a world description or a story.

        Result: world `{entities[], locations[]}`; story `{characters[{name, role}], locations[]}`.
        """
        user = current_user()
        if body.world_id:
            access.visible_world(store, user, body.world_id)
        if body.is_story:
            task = ai.start(user, "story_analysis", title=body.story_title,
                            genre=body.story_genre, text=body.story_description, world_id=body.world_id)
        else:
            task = ai.start(user, "world_analysis", description=body.world_description,
                            world_type=body.world_type)
        return accepted(task)

    @bp.post("/gpt/batch-analyze-stories")
    @token_required
    @started
    @body(BatchAnalyzeBody)
    def batch_analyze(body: BatchAnalyzeBody):
        """Analyse stories of a world, link their characters and places, re-link the stories (owner or co-author).

        A batch covers a bounded number of stories (see `story_ids`) and of
        characters of their text (400 past either, naming the limit). An empty
        `story_ids` means the oldest stories not yet linked to another story, as
        many as fit in one batch.
        """
        user = current_user()
        world = access.writable_world(store, user, body.world_id)
        return accepted(ai.start_batch_analysis(user, world, body.story_ids))

    @bp.get("/gpt/results/<task_id>")
    @token_required
    @responds(200, "The job", schema=TaskOut)
    def get_result(task_id):
        """A job's status, progress, result, provider and token usage (its owner only)."""
        return jsonify(tasks.present(tasks.get(current_user(), task_id)))

    @bp.get("/gpt/results/<task_id>/stream")
    @token_required
    @errors(503, text={503: "This server holds as many streams as it may (`live_busy`): poll instead"})
    @responds(200, "The job's text as it is written, then its outcome", media=TASK_SSE)
    def stream_result(task_id):
        """A job's progress and text as Server-Sent Events (its owner only; send the Authorization header).

        First the status and the text written so far (one `delta` at offset 0), then
        each new piece, then `done` with the result. Ends when the job ends, or after
        a while (`LIVE_STREAM_SECONDS`, at most the job's time budget and a minute):
        poll `GET /gpt/results/{task_id}` then. Stop the job with `DELETE /gpt/tasks/{task_id}`.
        """
        tasks.get(current_user(), task_id)   # 404 for anyone else's
        config = current_app.config
        if services.bus.count() >= config["LIVE_MAX_STREAMS"]:
            raise LiveBusy("This server holds as many streams as it may: poll the job instead")
        lifetime = min(config["LIVE_STREAM_SECONDS"], config["AI_JOB_SECONDS"] + 60)
        stream = TaskStream(services.bus, tasks.current, task_id, config["LIVE_HEARTBEAT_SECONDS"], lifetime)
        response = Response(stream.events(), mimetype="text/event-stream")
        response.headers["Cache-Control"] = "no-cache, no-store"
        response.headers["X-Accel-Buffering"] = "no"
        return response

    @bp.get("/gpt/tasks")
    @token_required
    @query(TaskListQuery)
    @paged(TaskOut, "One page of your jobs, a bare array")
    def list_tasks(query: TaskListQuery):
        """The caller's jobs, newest first; filter by `status`."""
        page = PageQuery(page=query.page, per_page=query.per_page)
        items, total = tasks.list(current_user(), query.status, page.offset, page.per_page)
        return page_response([tasks.present(t) for t in items], total, page)

    @bp.delete("/gpt/tasks/<task_id>")
    @token_required
    @responds(200, "The cancelled job", schema=TaskOut)
    def cancel_task(task_id):
        """Cancel a pending or running job (409 if it already finished)."""
        return jsonify(tasks.present(tasks.cancel(current_user(), task_id)))

    return bp


class LiveBusy(DomainError):
    status, code = 503, "live_busy"
