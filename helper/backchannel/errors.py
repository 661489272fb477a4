"""Typed errors. Every failure a person can cause is one of these.

Each class carries a stable machine ``code`` (append-only: codes are never
renamed or reused) and the HTTP status it maps to. The server turns them into
the one JSON error shape in ``backchannel.server.errors``; the CLI prints the
message and exits with status 2. Messages are written for people and never
contain secrets.
"""

from __future__ import annotations

from typing import Any, ClassVar


class BackchannelError(Exception):
    """Base of every error the helper reports to a person or a client."""

    code: ClassVar[str] = "internal_error"
    status: ClassVar[int] = 500

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = details or {}

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": self.details}


class BadRequest(BackchannelError):
    """The request itself is malformed (not JSON, not UTF-8, wrong shape)."""

    code = "bad_request"
    status = 400


class InvalidInput(BackchannelError):
    """Well-formed, but a value is not acceptable (wrong type, out of range)."""

    code = "invalid_input"
    status = 422


class Unauthorized(BackchannelError):
    """No valid bearer token (or review session) was presented."""

    code = "unauthorized"
    status = 401


class Forbidden(BackchannelError):
    """The caller is not allowed, whatever it presents (bad Origin or Host)."""

    code = "forbidden"
    status = 403


class NotFound(BackchannelError):
    code = "not_found"
    status = 404


class MethodNotAllowed(BackchannelError):
    code = "method_not_allowed"
    status = 405


class Conflict(BackchannelError):
    """The request contradicts what is stored (e.g. a slug already taken)."""

    code = "conflict"
    status = 409


class ProgrammeMismatch(Conflict):
    """A programme that does not look like the event's (other dates): nothing was imported."""

    code = "programme_mismatch"


class RequestTimeout(BackchannelError):
    """The client stopped sending its request body (a slow or stalled client)."""

    code = "request_timeout"
    status = 408


class PayloadTooLarge(BackchannelError):
    code = "payload_too_large"
    status = 413


class UnsupportedMediaType(BackchannelError):
    code = "unsupported_media_type"
    status = 415


class ScheduleError(InvalidInput):
    """A programme file that cannot be trusted; nothing was imported."""

    code = "schedule_invalid"


class ImageError(InvalidInput):
    """An image that cannot be analysed (corrupt, unsupported, too many pixels)."""

    code = "image_invalid"


class PortInUse(BackchannelError):
    """`serve` could not listen: another program has the port."""

    code = "port_in_use"
    status = 409


class StoreError(BackchannelError):
    """The database cannot be opened or migrated."""

    code = "store_unavailable"
    status = 503
