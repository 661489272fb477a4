"""The one place where failures become the JSON error shape.

Every error response, whatever raised it, looks like::

    {"error": {"code": "invalid_input", "message": "…", "details": {…}}}

``code`` is stable and machine-readable (see ``backchannel.errors``),
``message`` is for people. Unexpected exceptions are logged and answered
with a generic 500: never a traceback, never a secret.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import web
from pydantic import ValidationError

from backchannel.errors import BackchannelError, InvalidInput

log = logging.getLogger(__name__)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    413: "payload_too_large",
    415: "unsupported_media_type",
}
_UNREAD_BODY = {408, 413}
_HTTP_MESSAGES = {
    404: "There is nothing at this address. The API lives under /v1 (GET /v1/health to check).",
    405: "This address does not accept that method.",
    413: "The request body is too large.",
}


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def error_response(status: int, code: str, message: str, details: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        status=status,
        text=json.dumps(error_body(code, message, details), ensure_ascii=False),
        content_type="application/json",
        headers=headers,
    )


def from_validation_error(exc: ValidationError) -> InvalidInput:
    problems = []
    for err in exc.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in err["loc"]) or "body"
        problems.append({"field": where, "message": err["msg"]})
    summary = "; ".join(f"{p['field']}: {p['message']}" for p in problems[:5])
    return InvalidInput(f"The request body is not valid: {summary}.", details={"errors": problems})


def to_response(exc: BaseException) -> web.Response:
    if isinstance(exc, ValidationError):
        exc = from_validation_error(exc)
    if isinstance(exc, BackchannelError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        response = error_response(exc.status, exc.code, exc.message, exc.details, headers)
        if exc.status in _UNREAD_BODY:
            response.force_close()  # the rest of the body is still on its way: this connection is done
        return response
    if isinstance(exc, web.HTTPException):
        headers = {"Allow": exc.headers["Allow"]} if "Allow" in exc.headers else None
        code = _HTTP_CODES.get(exc.status, "bad_request" if exc.status < 500 else "internal_error")
        message = _HTTP_MESSAGES.get(exc.status) or exc.reason
        return error_response(exc.status, code, message, headers=headers)
    log.exception("unexpected error while handling a request", exc_info=exc)
    return error_response(500, "internal_error", "Something went wrong inside the helper; the details are in its log.")
