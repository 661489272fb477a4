"""The host's error codes: stable, append-only, documented in one table.

``native-messaging/README.md`` carries the same table for people; a test
keeps the two in step. A code is never renamed or reused: the extension
branches on them.
"""

from __future__ import annotations

from typing import ClassVar


class HostError(Exception):
    """An error answered to the extension as ``{"ok": false, "error": {...}}``."""

    code: ClassVar[str] = "internal_error"
    ends_session: ClassVar[bool] = False
    help: ClassVar[str] = "The host failed unexpectedly; its log (stderr) says why."

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FrameError(HostError):
    """The byte stream cannot be trusted any more: answer once, then stop."""

    ends_session = True


class MalformedFrame(FrameError):
    code = "malformed_frame"
    help = "The frame is not UTF-8, not JSON, or not a JSON object."


class FrameTooLarge(FrameError):
    code = "frame_too_large"
    help = "The frame's declared length is over the host's 64 KiB limit; it is not read."


class TruncatedFrame(FrameError):
    code = "truncated_frame"
    help = "The input ended in the middle of a frame (header or body)."


class InvalidRequest(HostError):
    code = "invalid_request"
    help = "The message has no string `action`, or a field has the wrong type."


class UnknownAction(HostError):
    code = "unknown_action"
    help = "The action is not one the host answers (`hello`, `status`)."


class HelperNotRunning(HostError):
    code = "helper_not_running"
    help = "No helper runs for the data directory and starting one is switched off (BACKCHANNEL_NATIVE_HOST_AUTOSTART=0)."


class HelperStartFailed(HostError):
    code = "helper_start_failed"
    help = "The host started `backchannel serve`, but it exited or did not come up in time; the message carries its last log line."


class TokenUnavailable(HostError):
    code = "token_unavailable"
    help = "The helper's token could not be read or created (keyring or data directory not usable)."


# The one table, in the order codes were added. Append only.
ERROR_CODES: tuple[type[HostError], ...] = (
    HostError,
    MalformedFrame,
    FrameTooLarge,
    TruncatedFrame,
    InvalidRequest,
    UnknownAction,
    HelperNotRunning,
    HelperStartFailed,
    TokenUnavailable,
)
