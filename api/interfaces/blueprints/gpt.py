"""AI jobs: start one (202 + task id), poll it, list and cancel your jobs.

Each job counts against the caller's daily AI-job quota (429 past it) and runs
in the background; ``GET /gpt/results/{task_id}`` shows its progress and result.
"""
from flask import current_app, g, jsonify, make_response

from interfaces.auth import current_user, token_required
from interfaces.pagination import PageQuery, page_response, paged
from interfaces.resource import resource_blueprint
from interfaces.schemas.gpt import AnalyzeBody, BatchAnalyzeBody, DescriptionBody, TaskListQuery
from interfaces.schemas.responses import TaskOut, TaskStartedOut
from interfaces.validation import body, query, responds
from services import access


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
