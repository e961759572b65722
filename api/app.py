"""WSGI entry point (Vercel, gunicorn, waitress): ``app``."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from interfaces.app_factory import create_app  # noqa: E402

app = create_app()
