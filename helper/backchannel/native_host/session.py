"""One conversation with the browser: read a frame, answer it, until the pipe closes.

Every reply carries ``ok``, the host's ``version`` and the ``protocol``
number, and echoes the request's ``id`` when it has one. A broken frame is
answered with an error frame and ends the session (the stream cannot be
trusted past it); a well-formed but wrong request is answered and the
session goes on.
"""

from __future__ import annotations

import logging
from typing import Any, BinaryIO

from backchannel import __version__
from backchannel.native_host.actions import HostContext, dispatch
from backchannel.native_host.errors import FrameError, HostError
from backchannel.native_host.framing import read_frame, write_frame

log = logging.getLogger(__name__)

PROTOCOL = 1


def envelope(ok: bool, request: dict[str, Any] | None) -> dict[str, Any]:
    reply: dict[str, Any] = {"ok": ok, "version": __version__, "protocol": PROTOCOL}
    if request is not None:
        if isinstance(request.get("action"), str):
            reply["action"] = request["action"][:40]
        if isinstance(request.get("id"), (str, int)) and not isinstance(request.get("id"), bool):
            reply["id"] = request["id"]
    return reply


def error_reply(error: HostError, request: dict[str, Any] | None = None) -> dict[str, Any]:
    return {**envelope(False, request), "error": {"code": error.code, "message": error.message}}


def answer(request: dict[str, Any], context: HostContext) -> dict[str, Any]:
    try:
        return {**envelope(True, request), **dispatch(request, context)}
    except HostError as exc:
        log.info("%s: %s", exc.code, exc.message)
        return error_reply(exc, request)
    except Exception:  # noqa: BLE001 - one bad request must not kill the pairing
        log.exception("unexpected failure")
        return error_reply(HostError("The host failed unexpectedly; see its log."), request)


def serve(stdin: BinaryIO, stdout: BinaryIO, context: HostContext) -> int:
    """Answer frames until the browser closes the pipe; the exit status."""
    while True:
        try:
            request = read_frame(stdin)
        except FrameError as exc:
            log.warning("%s: %s", exc.code, exc.message)
            write_frame(stdout, error_reply(exc))
            return 1
        if request is None:
            return 0
        write_frame(stdout, answer(request, context))
