"""File uploads: one ``multipart/form-data`` file field, with a size limit of its own.

The app-wide ``MAX_CONTENT_LENGTH`` (1 MiB) is for JSON. An upload view raises
its own request's limit (Flask's per-request ``max_content_length``) to its
file limit plus ``MULTIPART_OVERHEAD`` for the envelope, so only that route
accepts the larger body; the server (``main.serve_options``) lets bodies of
that size through. A body over the limit is refused from its declared length,
before it is read: 413 with the view's code. ``@upload(field)`` declares the
body for the spec.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import request
from werkzeug.exceptions import RequestEntityTooLarge

from core.errors import DomainError, InvalidInput
from interfaces.validation import UnsupportedMediaType

MULTIPART_OVERHEAD = 64 * 1024   # part headers, boundaries, a filename
MAX_FORM_PARTS = 8


class PayloadTooLarge(DomainError):
    status, code = 413, "payload_too_large"


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def upload(field: str, description: str):
    """Declare, for the spec, a ``multipart/form-data`` body whose ``field`` is a file."""
    def decorator(view):
        view.api_upload = (field, description)
        view.api_errors = set(getattr(view, "api_errors", ())) | {400, 413, 415}
        return view
    return decorator


def read_upload(field: str, max_bytes: int, too_large_code: str = "payload_too_large") -> Upload:
    """The file sent as ``field``: 415 unless the body is multipart, 413 ``too_large_code``
    past ``max_bytes``, 400 when the field is missing or empty."""
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType(f"Send the file as multipart/form-data, in a field named `{field}`",
                                   {"body": "expected multipart/form-data"})
    too_large = PayloadTooLarge(f"The file is larger than {max_bytes:,} bytes",
                                {field: f"at most {max_bytes:,} bytes"}, code=too_large_code)
    request.max_content_length = max_bytes + MULTIPART_OVERHEAD
    request.max_form_parts = MAX_FORM_PARTS
    try:
        files = request.files
    except RequestEntityTooLarge:
        raise too_large from None
    found = files.get(field)
    if found is None:
        raise InvalidInput(f"No file in the `{field}` field", {field: "a file is required"}, code="file_missing")
    data = found.stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large
    if not data:
        raise InvalidInput("The file is empty", {field: "empty file"}, code="file_missing")
    return Upload(found.filename or "", data)
