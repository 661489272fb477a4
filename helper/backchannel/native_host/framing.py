"""Native-messaging frames: a 4-byte length in native byte order, then UTF-8 JSON.

Two small functions, tested over in-memory streams. Reading distinguishes a
clean end of input (the browser closed the pipe between messages: ``None``)
from every kind of broken frame (a ``FrameError`` the session answers with
an error frame before it ends).
"""

from __future__ import annotations

import json
import struct
from typing import Any, BinaryIO

from backchannel.native_host.errors import FrameTooLarge, MalformedFrame, TruncatedFrame

# The browser's limit to the host is 4 GB; our messages are a few hundred
# bytes, so anything bigger is a bug or an attack and is refused unread.
MAX_INCOMING_BYTES = 64 * 1024
# Chromium refuses frames from the host above 1 MB.
MAX_OUTGOING_BYTES = 1024 * 1024

_LENGTH = struct.Struct("=I")  # native byte order, as the browsers write it


def read_frame(stream: BinaryIO, max_bytes: int = MAX_INCOMING_BYTES) -> dict[str, Any] | None:
    """The next message, or None at a clean end of input."""
    header = _read_exactly(stream, _LENGTH.size)
    if not header:
        return None
    if len(header) < _LENGTH.size:
        raise TruncatedFrame(f"The frame header ended after {len(header)} of 4 bytes.")
    (length,) = _LENGTH.unpack(header)
    if length > max_bytes:
        raise FrameTooLarge(f"A frame of {length} bytes is over the host's limit of {max_bytes} bytes.")
    body = _read_exactly(stream, length)
    if len(body) < length:
        raise TruncatedFrame(f"The frame ended after {len(body)} of {length} bytes.")
    try:
        message = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise MalformedFrame("The frame is not UTF-8 text.") from None
    except ValueError:
        raise MalformedFrame("The frame is not JSON.") from None
    except RecursionError:  # 64 KiB of "[" nests far deeper than the parser's stack allows
        raise MalformedFrame("The frame is nested too deeply.") from None
    if not isinstance(message, dict):
        raise MalformedFrame(f"The frame is JSON but not an object (got {type(message).__name__}).")
    return message


def write_frame(stream: BinaryIO, message: dict[str, Any]) -> None:
    """Write one message and flush, so the browser sees it at once."""
    body = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(body) > MAX_OUTGOING_BYTES:
        raise ValueError(f"reply of {len(body)} bytes is over the browser's 1 MB limit")
    stream.write(_LENGTH.pack(len(body)) + body)
    stream.flush()


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes; fewer only at the end of input (pipes return short reads)."""
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
