"""Security headers on every answer."""
from flask import Flask, request

API_CSP = "default-src 'none'; frame-ancestors 'none'"

# (lower-case name, name, value), each set unless the answer already has that header.
EVERY_ANSWER = tuple((name.lower(), name, value) for name, value in (
    ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer")))
API_ANSWER = EVERY_ANSWER + tuple((name.lower(), name, value) for name, value in (
    ("Content-Security-Policy", API_CSP), ("Cache-Control", "no-store")))


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def add_headers(response):
        # One pass over the answer's headers (five ``setdefault`` calls scanned them five times).
        headers = response.headers
        present = {name.lower() for name in headers.keys()}
        for lowered, name, value in API_ANSWER if request.path.startswith("/api/") else EVERY_ANSWER:
            if lowered not in present:
                headers.add(name, value)
        return response
