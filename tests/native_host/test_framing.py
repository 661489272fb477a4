"""Framing over in-memory streams: the two functions, every way a frame can break."""

from __future__ import annotations

import io
import json
import struct
import sys

import pytest

from backchannel.native_host.errors import FrameTooLarge, MalformedFrame, TruncatedFrame
from backchannel.native_host.framing import MAX_INCOMING_BYTES, read_frame, write_frame


def frame(body: bytes) -> bytes:
    return struct.pack("=I", len(body)) + body


def test_write_then_read_round_trips_unicode() -> None:
    stream = io.BytesIO()
    write_frame(stream, {"action": "hello", "note": "“quoted” #LT13 🎤"})
    stream.seek(0)
    assert read_frame(stream) == {"action": "hello", "note": "“quoted” #LT13 🎤"}
    assert read_frame(stream) is None


def test_length_prefix_is_native_byte_order_and_counts_utf8_bytes() -> None:
    stream = io.BytesIO()
    write_frame(stream, {"a": "é"})
    raw = stream.getvalue()
    body = json.dumps({"a": "é"}, ensure_ascii=False, separators=(",", ":")).encode()
    assert raw[4:] == body
    assert int.from_bytes(raw[:4], sys.byteorder) == len(body)


def test_reads_consecutive_frames_then_clean_end() -> None:
    stream = io.BytesIO(frame(b'{"action":"status"}') + frame(b'{"action":"hello","id":2}'))
    assert read_frame(stream) == {"action": "status"}
    assert read_frame(stream) == {"action": "hello", "id": 2}
    assert read_frame(stream) is None


class ShortReads(io.RawIOBase):
    """A pipe that hands out one byte per read, as pipes may."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk, self.data = self.data[:1], self.data[1:]
        return chunk


def test_short_reads_are_reassembled() -> None:
    assert read_frame(ShortReads(frame(b'{"action":"hello"}'))) == {"action": "hello"}  # type: ignore[arg-type]


@pytest.mark.parametrize("data", [b"\x05", b"\x05\x00", b"\x05\x00\x00"])
def test_truncated_header(data: bytes) -> None:
    with pytest.raises(TruncatedFrame, match="header"):
        read_frame(io.BytesIO(data))


def test_truncated_body() -> None:
    with pytest.raises(TruncatedFrame, match="5 of 20"):
        read_frame(io.BytesIO(struct.pack("=I", 20) + b'{"a":'))


def test_oversized_frame_is_refused_without_reading_it() -> None:
    stream = io.BytesIO(struct.pack("=I", MAX_INCOMING_BYTES + 1) + b"x" * 10)
    with pytest.raises(FrameTooLarge, match=str(MAX_INCOMING_BYTES + 1)):
        read_frame(stream)
    assert stream.tell() == 4


def test_frame_at_the_limit_is_read() -> None:
    body = json.dumps({"pad": "x" * (MAX_INCOMING_BYTES - 11)}).encode()
    assert len(body) == MAX_INCOMING_BYTES
    assert read_frame(io.BytesIO(frame(body)))["pad"].startswith("x")  # type: ignore[index]


@pytest.mark.parametrize(
    ("body", "reason"),
    [(b"\xff\xfe{}", "UTF-8"), (b"{not json", "not JSON"), (b"[1, 2]", "not an object"), (b'"hello"', "not an object"), (b"", "not JSON")],
)
def test_malformed_frames(body: bytes, reason: str) -> None:
    with pytest.raises(MalformedFrame, match=reason):
        read_frame(io.BytesIO(frame(body)))


def test_replies_over_the_browsers_limit_are_not_written() -> None:
    stream = io.BytesIO()
    with pytest.raises(ValueError):
        write_frame(stream, {"pad": "x" * (1024 * 1024)})
    assert stream.getvalue() == b""
