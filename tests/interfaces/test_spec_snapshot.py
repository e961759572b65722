"""The frontend's copy of the OpenAPI spec (frontend/src/services/openapi.json) is the live one.

The frontend's contract test (frontend/src/services/endpoints.test.js) checks every request of its
API client against that copy, so a route, method or query parameter changed here must reach it.
After changing the API, regenerate it (and commit it) with one command from the repository root:

    .venv/bin/python frontend/scripts/dump_spec.py
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SNAPSHOT = os.path.join(ROOT, "frontend", "src", "services", "openapi.json")
REGENERATE = ".venv/bin/python frontend/scripts/dump_spec.py"


def _operations(spec):
    return {f"{method.upper()} {path}": operation
            for path, methods in spec.get("paths", {}).items() for method, operation in methods.items()}


def _differences(snapshot, live):
    """What a reader needs to see first: operations and schemas added, dropped or changed."""
    lines = []
    for kind, old, new in (("operation", _operations(snapshot), _operations(live)),
                           ("schema", snapshot.get("components", {}).get("schemas", {}),
                            live.get("components", {}).get("schemas", {}))):
        lines += [f"  new {kind}: {name}" for name in sorted(new.keys() - old.keys())]
        lines += [f"  dropped {kind}: {name}" for name in sorted(old.keys() - new.keys())]
        lines += [f"  changed {kind}: {name}" for name in sorted(old.keys() & new.keys()) if old[name] != new[name]]
    others = (live.keys() | snapshot.keys()) - {"paths", "components"}
    lines += [f"  changed: {key}" for key in sorted(others) if live.get(key) != snapshot.get(key)]
    return lines or ["  (securitySchemes or other components)"]


def test_the_frontend_spec_snapshot_is_the_live_spec(client):
    live = client.get("/apispec.json").json
    with open(SNAPSHOT, encoding="utf-8") as file:
        snapshot = json.load(file)
    if snapshot != live:
        raise AssertionError(
            "frontend/src/services/openapi.json is not the spec the API serves:\n"
            + "\n".join(_differences(snapshot, live))
            + f"\nRegenerate it with `{REGENERATE}` (from the repository root), run "
            "`cd frontend && npm test` (the client may need the change too) and commit both.")
