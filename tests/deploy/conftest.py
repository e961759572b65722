"""Deployment tests reuse the PostgreSQL helper (tests/storage) and the
live-server helpers (tests/server)."""
import os
import sys

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for folder in ("storage", "server"):
    sys.path.insert(0, os.path.join(TESTS, folder))
