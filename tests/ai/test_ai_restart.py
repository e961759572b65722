"""A job running when the server process is killed reads ``error``
("interrupted") after a restart; finished results are still there.

Real parts only: ``api/main.py`` as a subprocess (waitress, a TinyDB file),
SIGKILL, and the fake OpenAI-compatible server over HTTP.
"""
from __future__ import annotations

import os
import sys
import time

import pytest
import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "server"))
from live_server import LiveServer  # noqa: E402  (the reliability suite's server runner)

pytestmark = pytest.mark.slow
ANALYZE = {"world_description": "Mara Vell lives in Karsk."}


def poll(server, headers, task_id, until, timeout=20.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        task = requests.get(f"{server.url}/api/gpt/results/{task_id}", headers=headers, timeout=5).json()
        if task["status"] in until or time.monotonic() > deadline:
            return task
        time.sleep(0.05)


def test_running_job_is_interrupted_by_a_kill(tmp_path, fake_ai):
    env = {"OPENAI_BASE_URL": fake_ai.url, "OPENAI_TIMEOUT": "30", "OPENAI_MAX_RETRIES": "0"}
    server = LiveServer(str(tmp_path / "db.json"), env=env).start()
    try:
        registered = requests.post(f"{server.url}/api/auth/register", timeout=10, json={
            "username": "restart", "email": "restart@example.com", "password": "password123"}).json()
        headers = {"Authorization": f"Bearer {registered['token']}"}
        done_id = requests.post(f"{server.url}/api/gpt/analyze", json=ANALYZE, headers=headers,
                                timeout=10).json()["task_id"]
        assert poll(server, headers, done_id, ("completed", "error"))["status"] == "completed"

        fake_ai.default = "hang"
        running_id = requests.post(f"{server.url}/api/gpt/analyze", json=ANALYZE, headers=headers,
                                   timeout=10).json()["task_id"]
        assert poll(server, headers, running_id, ("processing",))["status"] == "processing"
        server.kill()
        server.start()

        running = poll(server, headers, running_id, ("error", "completed"), timeout=5)
        assert running["status"] == "error" and "interrupted" in running["result"], running
        done = requests.get(f"{server.url}/api/gpt/results/{done_id}", headers=headers, timeout=5).json()
        assert done["status"] == "completed"
        assert done["result"]["entities"][0]["name"] == "Mara Vell"
        listed = requests.get(f"{server.url}/api/gpt/tasks", headers=headers, timeout=5).json()
        assert [t["status"] for t in listed] == ["error", "completed"]
    finally:
        server.stop()
