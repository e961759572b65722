"""Fixtures for AI tests: the fake OpenAI-compatible server and the app's AI service."""
from __future__ import annotations

import pytest
from fake_openai import FakeOpenAI


@pytest.fixture
def fake_ai():
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture
def ai(app):
    """The app's AI service; on teardown, lets running jobs end before the store closes."""
    service = app.extensions["worldsmith"].ai
    yield service
    assert service.runner.wait_idle(timeout=20), "an AI job was still running after the test"

