"""Consistency checks: check a story against its world's canon, list the findings,
dismiss (remembered across re-runs), reopen or mark them fixed.

Members who write in the story's world (owner, co-authors, admins) and see the story;
a story the caller may not see is 404, a reader of its world gets 403.
"""
from flask import jsonify

from interfaces.auth import current_user, token_required
from interfaces.blueprints.gpt import accepted, started
from interfaces.limits import rate_limit
from interfaces.resource import resource_blueprint
from interfaces.schemas.findings import CheckBody, FindingOut, FindingsOut, FindingsQuery, FindingStatusBody
from interfaces.validation import body, query, responds


def create_findings_blueprint(services):
    store, checks = services.store, services.checks
    bp = resource_blueprint("findings", __name__, store)

    @bp.post("/stories/<story_id>/checks")
    @rate_limit("ai")
    @token_required
    @started
    @body(CheckBody)
    def start_check(story_id, body: CheckBody):
        """Check the story (or `start..end` of its text) against the canon (owner or co-author).

        Task type `consistency_check`; result `{findings: [Finding], counts: {open, dismissed}}`
        (and `notice` when `use_ai` was asked without a model, `dropped` model findings that failed
        validation, `context` the model's context report). Reads the world's entries, fields,
        relations and the events of the stories the caller may read; earlier chapters of the
        same book feed the "appears after death" rule. A finding dismissed once stays dismissed.
        """
        return accepted(checks.start(current_user(), story_id, body.start, body.end, body.use_ai))

    @bp.get("/stories/<story_id>/findings")
    @token_required
    @query(FindingsQuery)
    @responds(200, "The story's findings, worst first, then in the text's order", schema=FindingsOut)
    def list_findings(story_id, query: FindingsQuery):
        """The story's findings of that status (default `open`; `all`) (owner or co-author)."""
        return jsonify(findings=checks.list(current_user(), story_id, query.status))

    @bp.patch("/findings/<finding_id>")
    @token_required
    @body(FindingStatusBody)
    @responds(200, "The finding", schema=FindingOut)
    def set_status(finding_id, body: FindingStatusBody):
        """Dismiss a finding (remembered when the check runs again), reopen it, or mark it fixed."""
        return jsonify(checks.set_status(current_user(), finding_id, body.status))

    return bp
