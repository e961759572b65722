"""Every AI job runs with a work budget: a deadline (AI_JOB_SECONDS) that ends it
as ``error``, and a stop that a cancellation triggers while it runs."""
from __future__ import annotations

import pytest

from ai.budget import JobStopped
from ai_helpers import run_job
from core.models import User
from services.task_runner import JobContext


@pytest.fixture
def config_overrides():
    return {"AI_JOB_SECONDS": 1e-9}  # spent before the job's first check


def test_a_job_past_its_time_budget_ends_as_an_error(client, auth, ai):
    user = auth.register()
    task = run_job(client, user, "/api/gpt/analyze",
                   {"story_title": "Long", "story_description": "Mara met Tobin in Varn. " * 2000})
    assert task["status"] == "error"
    assert "time budget" in task["result"]


def test_a_cancelled_task_tells_its_running_job_to_stop(auth, ai, store):
    user = User.from_dict(store.get("users", auth.register()["user_id"]))
    task = ai.tasks.create(user, "story_analysis", "offline")
    ctx = JobContext(ai.tasks, task["task_id"], seconds=None)
    ctx.budget.check(force=True)          # running: nothing to stop
    assert not ctx.stopped()
    ai.tasks.cancel(user, task["task_id"])
    assert ctx.stopped()
    with pytest.raises(JobStopped):
        ctx.budget.check(force=True)
