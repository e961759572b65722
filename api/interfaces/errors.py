"""One error shape for the whole app: ``{"error", "code", "details"}``."""
from __future__ import annotations

import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from core.errors import DomainError, PreconditionFailed, QuotaExceeded
from storage import StorageError

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 412: "version_conflict", 413: "payload_too_large",
    415: "unsupported_media_type", 429: "rate_limited", 500: "internal_error",
    503: "service_unavailable",
}
HTTP_MESSAGES = {
    404: "Not found",
    405: "Method not allowed",
    413: "Request body too large",
    415: "Request body must be JSON (Content-Type: application/json)",
}


def error_response(status: int, message: str, code: str | None = None,
                   details: dict | None = None, headers: dict | None = None, extra: dict | None = None):
    body = {"error": message, "code": code or HTTP_CODES.get(status, "error"),
            "details": details or {}, **(extra or {})}
    response = jsonify(body)
    response.status_code = status
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, QuotaExceeded) else None
        if isinstance(exc, PreconditionFailed):   # a stale If-Match: the current document and its ETag
            return error_response(exc.status, exc.message, exc.code, exc.details,
                                  {"ETag": f'"{exc.version}"'}, {"current": exc.current})
        return error_response(exc.status, exc.message, exc.code, exc.details, headers)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        message = HTTP_MESSAGES.get(status) or exc.description or exc.name
        response = error_response(status, message)
        if status == 405 and exc.response is None and getattr(exc, "valid_methods", None):
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        if status == 429:
            retry = getattr(exc, "retry_after", None) or 60
            response.headers["Retry-After"] = str(int(retry))
        return response

    @app.errorhandler(StorageError)
    @app.errorhandler(OSError)
    def storage_error(exc: Exception):
        """The database (or the disk under it) failed: the unit rolled back, nothing was saved."""
        log.error("storage failure: %s", exc)
        return error_response(503, "Storage is unavailable; nothing was saved", "storage_unavailable",
                              headers={"Retry-After": "5"})

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unhandled error")
        return error_response(500, "Internal server error")
