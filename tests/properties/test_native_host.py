"""The native host's framing and session with any bytes: an answer or an error frame, never a crash or a hang."""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from backchannel.native_host.actions import HostContext
from backchannel.native_host.errors import FrameError
from backchannel.native_host.framing import MAX_INCOMING_BYTES, read_frame
from backchannel.native_host.session import serve
from tests.properties.strategies import deep, dumps, json_values

bodies = st.one_of(
    json_values.map(lambda v: dumps(v).encode()),
    st.integers(1, 40000).map(lambda n: deep(n).encode()),
    st.integers(1, 20000).map(lambda n: ('{"action":' * n + '"hello"' + "}" * n).encode()),
    st.binary(max_size=500),
    st.fixed_dictionaries({"action": json_values}, optional={"id": json_values}).map(lambda v: dumps(v).encode()),
)
lengths = st.one_of(st.none(), st.integers(0, 2**32 - 1), st.sampled_from([0, 1, MAX_INCOMING_BYTES, MAX_INCOMING_BYTES + 1]))


def framed(body: bytes, declared: int | None) -> bytes:
    return struct.pack("=I", len(body) if declared is None else declared) + body


@given(body=bodies, declared=lengths, tail=st.binary(max_size=8))
def test_read_frame_returns_a_message_or_raises_a_frame_error(body: bytes, declared: int | None, tail: bytes) -> None:
    stream = io.BytesIO(framed(body, declared) + tail)
    try:
        message = read_frame(stream)
    except FrameError:
        return
    assert message is None or isinstance(message, dict)


@given(frames=st.lists(st.tuples(bodies, st.one_of(st.none(), st.integers(0, 100))), min_size=1, max_size=3))
def test_a_session_answers_every_frame_or_ends_with_an_error_frame(tmp_path_factory: object, frames: list[tuple[bytes, int | None]]) -> None:
    data_dir = Path("/nonexistent-backchannel-data")  # no helper is started: autostart is off
    stdin = io.BytesIO(b"".join(framed(body, declared) for body, declared in frames))
    stdout = io.BytesIO()
    status = serve(stdin, stdout, HostContext(data_dir=data_dir, autostart=False))
    out = stdout.getvalue()
    replies = []
    while out:
        (length,) = struct.unpack("=I", out[:4])
        replies.append(json.loads(out[4 : 4 + length]))
        out = out[4 + length :]
    assert status in (0, 1)
    assert all(set(reply) >= {"ok", "version", "protocol"} for reply in replies)
    if status == 1:
        assert replies and replies[-1]["ok"] is False
