"""Fixtures of the security tests: more apps configured like the ``app`` fixture."""
from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest

from interfaces.app_factory import create_app

_files = itertools.count(1)


@pytest.fixture
def make_app(app, tmp_path):
    """``make_app(**overrides)``: another app with the test configuration and its own file."""
    made = []

    def make(**overrides):
        settings = {key: value for key, value in app.config.items() if key.isupper()}
        settings.update({"DB_PATH": str(tmp_path / f"other{next(_files)}.json"), **overrides})
        made.append(create_app(SimpleNamespace(**settings)))
        return made[-1]

    yield make
    for other in made:
        other.extensions["worldsmith"].store.close()
