"""Helpers for AI tests: fast AI settings, starting a job and waiting for it."""
from __future__ import annotations

import time

# Small timeouts and backoffs keep fault tests fast.
FAST_AI = {"OPENAI_TIMEOUT": 0.5, "OPENAI_MAX_RETRIES": 2, "OPENAI_RETRY_BACKOFF": 0.01,
           "OPENAI_MODEL": "test-model", "TASK_WORKERS": 2}
FINISHED = ("completed", "error", "cancelled")


def wait_task(client, user, task_id, timeout=15.0, until=FINISHED) -> dict:
    """Poll ``/gpt/results/{id}`` until the task reaches a status in ``until``."""
    deadline = time.monotonic() + timeout
    while True:
        response = client.get(f"/api/gpt/results/{task_id}", headers=user["headers"])
        assert response.status_code == 200, response.json
        if response.json["status"] in until or time.monotonic() > deadline:
            return response.json
        time.sleep(0.02)


def run_job(client, user, path, body=None, query="", timeout=15.0) -> dict:
    """POST a job (expecting 202) and wait for it to finish."""
    response = client.post(path + query, json=body if body is not None else {}, headers=user["headers"])
    assert response.status_code == 202, response.json
    assert set(response.json) == {"task_id", "status"}
    return wait_task(client, user, response.json["task_id"], timeout)
