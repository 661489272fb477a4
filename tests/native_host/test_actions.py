"""The dispatch and the replies, in process (the helper faked by a runtime file)."""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path

import pytest

from backchannel import __version__
from backchannel.local.runtime import Runtime, write_runtime
from backchannel.local.secrets import ensure_token
from backchannel.native_host.actions import HostContext, dispatch
from backchannel.native_host.errors import ERROR_CODES, HelperNotRunning, InvalidRequest, UnknownAction
from backchannel.native_host.framing import read_frame, write_frame
from backchannel.native_host.launch import autostart_enabled
from backchannel.native_host.session import serve


@pytest.fixture
def context(data_dir: Path) -> HostContext:
    return HostContext(data_dir=data_dir, autostart=False)


def pretend_helper_runs(data_dir: Path) -> Runtime:
    # Our own pid is alive, so read_runtime trusts the file.
    runtime = Runtime(url="http://127.0.0.1:45678", port=45678, pid=os.getpid(), version="9.9.9")
    write_runtime(data_dir, runtime)
    return runtime


def converse(context: HostContext, *requests: dict | bytes) -> tuple[list[dict], int]:
    stdin = io.BytesIO()
    for request in requests:
        if isinstance(request, bytes):
            stdin.write(request)
        else:
            write_frame(stdin, request)
    stdin.seek(0)
    stdout = io.BytesIO()
    status = serve(stdin, stdout, context)
    stdout.seek(0)
    replies = []
    while (reply := read_frame(stdout, max_bytes=1 << 20)) is not None:
        replies.append(reply)
    return replies, status


def test_hello_returns_the_running_helpers_address_and_token(context: HostContext, data_dir: Path) -> None:
    runtime = pretend_helper_runs(data_dir)
    reply = dispatch({"action": "hello"}, context)
    assert reply["helper"] == {"url": runtime.url, "port": 45678, "pid": os.getpid(), "version": "9.9.9", "started": False}
    assert reply["token"] == ensure_token(data_dir)


def test_hello_without_a_helper_and_autostart_off_says_how_to_start_it(context: HostContext) -> None:
    with pytest.raises(HelperNotRunning, match="make run"):
        dispatch({"action": "hello"}, context)


def test_status_never_reveals_the_token(context: HostContext, data_dir: Path) -> None:
    assert dispatch({"action": "status"}, context)["helper"] is None
    pretend_helper_runs(data_dir)
    reply = dispatch({"action": "status"}, context)
    assert reply["helper"]["url"] == "http://127.0.0.1:45678"
    assert reply["data_dir"] == str(data_dir) and reply["autostart"] is False
    assert ensure_token(data_dir) not in repr(reply)


@pytest.mark.parametrize("message", [{}, {"action": 3}, {"action": None}])
def test_requests_without_a_string_action_are_invalid(context: HostContext, message: dict) -> None:
    with pytest.raises(InvalidRequest):
        dispatch(message, context)


def test_unknown_action(context: HostContext) -> None:
    with pytest.raises(UnknownAction, match="hello, status"):
        dispatch({"action": "delete_everything"}, context)


def test_every_reply_is_versioned_and_echoes_the_id(context: HostContext, data_dir: Path) -> None:
    pretend_helper_runs(data_dir)
    replies, status = converse(context, {"action": "status", "id": 7}, {"action": "nope", "id": "x"}, {"action": "hello"})
    assert status == 0
    assert [r["ok"] for r in replies] == [True, False, True]
    assert all(r["version"] == __version__ and r["protocol"] == 1 for r in replies)
    assert replies[0]["id"] == 7 and replies[1]["id"] == "x" and "id" not in replies[2]
    assert replies[1]["error"]["code"] == "unknown_action"


def test_a_malformed_frame_is_answered_and_ends_the_session(context: HostContext) -> None:
    bad = struct.pack("=I", 5) + b"{oops"
    replies, status = converse(context, bad, {"action": "status"})
    assert status == 1
    assert len(replies) == 1 and replies[0]["error"]["code"] == "malformed_frame" and replies[0]["version"] == __version__


def test_an_oversized_frame_is_answered_and_ends_the_session(context: HostContext) -> None:
    replies, status = converse(context, struct.pack("=I", 10 * 1024 * 1024) + b"{}")
    assert status == 1 and replies[0]["error"]["code"] == "frame_too_large"


def test_truncated_input_is_answered(context: HostContext) -> None:
    replies, status = converse(context, struct.pack("=I", 100) + b'{"action"')
    assert status == 1 and replies[0]["error"]["code"] == "truncated_frame"


def test_error_codes_are_unique() -> None:
    codes = [e.code for e in ERROR_CODES]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(("value", "enabled"), [(None, True), ("1", True), ("0", False), ("false", False), ("off", False), ("yes", True)])
def test_autostart_switch(value: str | None, enabled: bool) -> None:
    assert autostart_enabled({} if value is None else {"BACKCHANNEL_NATIVE_HOST_AUTOSTART": value}) is enabled
