"""Write the backend's OpenAPI spec, as GET /apispec.json serves it, to src/services/openapi.json.

    .venv/bin/python frontend/scripts/dump_spec.py      (from the repository root)

The frontend's contract test (src/services/endpoints.test.js) checks every request of the API
client against that snapshot; tests/interfaces/test_spec_snapshot.py fails while it is stale.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SNAPSHOT = os.path.join(ROOT, "frontend", "src", "services", "openapi.json")


def live_spec() -> dict:
    """The spec of an app on a throw-away database; nothing read from the environment changes it."""
    sys.path.insert(0, os.path.join(ROOT, "api"))
    from config import Config
    from interfaces.app_factory import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Config(TESTING=True, JWT_SECRET_KEY="spec-snapshot-" + "x" * 32,
                                DB_PATH=os.path.join(tmp, "spec.json"), DATABASE_URL=None,
                                OPENAI_API_KEY=None, OPENAI_BASE_URL=None, FRONTEND_DIST=None,
                                INITIAL_ADMIN_USERNAME=None, INITIAL_ADMIN_PASSWORD=None))
        try:
            response = app.test_client().get("/apispec.json")
            assert response.status_code == 200, response.status_code
            return response.get_json()
        finally:
            app.extensions["worldsmith"].store.close()


def render(spec: dict) -> str:
    return json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    with open(SNAPSHOT, "w", encoding="utf-8") as out:
        out.write(render(live_spec()))
    print(f"wrote {os.path.relpath(SNAPSHOT, ROOT)}")
