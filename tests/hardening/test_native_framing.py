"""The native host answers every broken frame with an error frame, however deep its JSON nests."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from backchannel.native_host.errors import MalformedFrame
from backchannel.native_host.framing import read_frame
from tests.support.helper_process import helper_env


def frame(body: bytes) -> bytes:
    return struct.pack("=I", len(body)) + body


@pytest.mark.parametrize("body", [b"[" * 1500 + b"]" * 1500, b'{"a":' * 1500 + b"1" + b"}" * 1500, b"[" * 60000])
def test_deep_nesting_is_a_malformed_frame(body: bytes) -> None:
    with pytest.raises(MalformedFrame):
        read_frame(io.BytesIO(frame(body)))


def test_the_host_program_answers_a_deep_frame_with_an_error_frame(tmp_path: Path) -> None:
    env = helper_env(tmp_path)
    process = subprocess.run(
        [sys.executable, "-m", "backchannel.native_host"], input=frame(b"[" * 1500 + b"]" * 1500), env=env, capture_output=True, timeout=60,
    )
    (length,) = struct.unpack("=I", process.stdout[:4])
    reply = json.loads(process.stdout[4 : 4 + length])
    assert reply["ok"] is False and reply["error"]["code"] == "malformed_frame"
    assert process.returncode == 1
    assert "Traceback" not in process.stderr.decode()
