"""Every job type under every provider fault ends ``completed`` or ``error``
with a clear message; none stays pending."""
from __future__ import annotations

import pytest
from ai_helpers import FAST_AI, run_job
from test_gpt_jobs import JOBS, job_requests, owner, stories, world  # noqa: F401 (fixtures)

# fault -> (set-up of the fake server, expected status, words in the error message)
FAULTS = {
    "429_then_ok": (lambda f: f.push("429"), "completed", None),
    "slow": (lambda f: setattr(f, "latency", 0.2), "completed", None),
    "invalid_json_once": (lambda f: f.push("not_json"), "completed", None),
    "always_500": (lambda f: setattr(f, "default", "500"), "error", "HTTP 500 (after 3 attempts)"),
    "always_429": (lambda f: setattr(f, "default", "429"), "error", "rate limiting"),
    "timeout": (lambda f: setattr(f, "default", "hang"), "error", "did not answer within 0.5s"),
    "invalid_json": (lambda f: setattr(f, "default", "not_json"), "error", "unusable JSON twice"),
    "wrong_shape": (lambda f: setattr(f, "default", "bad_shape"), "error", "unusable JSON twice"),
    "broken_body": (lambda f: setattr(f, "default", "broken_body"), "error", "malformed response"),
    "bad_key": (lambda f: setattr(f, "default", "401"), "error", "rejected the API key"),
    "unreachable": (lambda f: f.stop(), "error", "Cannot reach the AI provider at http://127.0.0.1:"),
}


@pytest.fixture
def config_overrides(fake_ai):
    return {**FAST_AI, "OPENAI_BASE_URL": fake_ai.url}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("job", JOBS)
def test_job_under_fault(job, fault, client, owner, world, stories, fake_ai, ai):  # noqa: F811
    arrange, status, message = FAULTS[fault]
    arrange(fake_ai)
    path, body, query, check = job_requests(world, stories)[job]
    task = run_job(client, owner, path, body, query)
    assert task["status"] == status, task
    if status == "completed":
        assert check(task["result"]), task["result"]
    else:
        assert isinstance(task["result"], str) and message in task["result"], task["result"]
        assert task["progress"]["message"] == "Failed"
    if fault == "bad_key":
        assert len(fake_ai.requests) == 1   # a 4xx other than 429 is not retried
    if fault == "invalid_json_once":
        assert task["usage"]["prompt_tokens"] > 0
        assert "could not be used" in fake_ai.requests[1]["body"]["messages"][-1]["content"]
