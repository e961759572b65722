"""Domain errors raised by services; the HTTP layer maps each to a status."""


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, details: dict | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or {}
        if code:
            self.code = code


class InvalidInput(DomainError):
    status, code = 400, "validation_error"


class Unauthorized(DomainError):
    status, code = 401, "unauthorized"


class Forbidden(DomainError):
    status, code = 403, "forbidden"


class NotFound(DomainError):
    status, code = 404, "not_found"


class Conflict(DomainError):
    status, code = 409, "conflict"


class QuotaExceeded(DomainError):
    status, code = 429, "quota_exceeded"

    def __init__(self, message: str, retry_after: int = 3600, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ProviderUnavailable(DomainError):
    status, code = 503, "ai_unavailable"


class PreconditionFailed(DomainError):
    """``If-Match`` named another version than the current one: ``current`` is the
    document as it stands (as a GET shows it), ``version`` its version."""

    status, code = 412, "version_conflict"

    def __init__(self, message: str, current: dict, version: int, **kwargs):
        super().__init__(message, **kwargs)
        self.current = current
        self.version = version
