"""The real host program over real pipes, with a real helper (or none)."""

from __future__ import annotations

import json
import os
import signal
import struct
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Iterator

import pytest

from backchannel import __version__
from tests.support.helper_process import RunningHelper, helper_env, start_helper


def talk(env: dict[str, str], *frames: bytes, timeout: float = 60) -> tuple[list[dict[str, Any]], int, str]:
    """Run the host once, as the browser does, and read every reply."""
    process = subprocess.run(
        [sys.executable, "-m", "backchannel.native_host"], input=b"".join(frames), env=env, capture_output=True, timeout=timeout,
    )
    out, replies = process.stdout, []
    while out:
        (length,) = struct.unpack("=I", out[:4])
        replies.append(json.loads(out[4 : 4 + length]))
        out = out[4 + length :]
    return replies, process.returncode, process.stderr.decode()


def message(payload: dict[str, Any]) -> bytes:
    body = json.dumps(payload).encode()
    return struct.pack("=I", len(body)) + body


def health(url: str, token: str) -> dict[str, Any]:
    request = urllib.request.Request(url + "/v1/health", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def stop_pid(pid: int, runtime_file: Path) -> None:
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while runtime_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.fixture(scope="module")
def helper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHelper]:
    running = start_helper(tmp_path_factory.mktemp("host-helper"))
    yield running
    running.stop()


def test_hello_pairs_with_the_running_helper(helper: RunningHelper) -> None:
    env = helper_env(helper.data_dir.parent)
    replies, status, _ = talk(env, message({"action": "hello", "id": 1}))
    assert status == 0
    (reply,) = replies
    assert reply["ok"] is True and reply["version"] == __version__ and reply["id"] == 1
    assert reply["helper"]["url"] == helper.url and reply["helper"]["started"] is False
    assert reply["token"] == helper.token
    assert health(reply["helper"]["url"], reply["token"])["status"] == "ok"


def test_stdout_carries_frames_only_and_logs_go_to_stderr(helper: RunningHelper) -> None:
    env = helper_env(helper.data_dir.parent)
    replies, status, stderr = talk(env, message({"action": "status"}), message({"action": "bogus"}), struct.pack("=I", 3) + b"{x}")
    assert status == 1
    assert [r["ok"] for r in replies] == [True, False, False]
    assert [r.get("error", {}).get("code") for r in replies] == [None, "unknown_action", "malformed_frame"]
    assert "malformed_frame" in stderr
    assert helper.token not in stderr


def test_hello_starts_the_helper_when_none_runs(tmp_path: Path) -> None:
    env = helper_env(tmp_path)
    runtime_file = Path(env["BACKCHANNEL_DATA_DIR"]) / "helper.json"
    env["BACKCHANNEL_PORT"] = "0"
    replies, status, stderr = talk(env, message({"action": "hello"}))
    assert status == 0, stderr
    reply = replies[0]
    try:
        assert reply["ok"] is True, reply
        assert reply["helper"]["started"] is True
        # The helper outlives the host that started it.
        assert health(reply["helper"]["url"], reply["token"])["version"] == __version__
        again, _, _ = talk(env, message({"action": "hello"}))
        assert again[0]["helper"]["pid"] == reply["helper"]["pid"] and again[0]["helper"]["started"] is False
    finally:
        if reply.get("ok"):
            stop_pid(reply["helper"]["pid"], runtime_file)


def test_two_hellos_at_once_share_one_helper(tmp_path: Path) -> None:
    env = helper_env(tmp_path)
    env["BACKCHANNEL_PORT"] = str(_free_port())
    runtime_file = Path(env["BACKCHANNEL_DATA_DIR"]) / "helper.json"
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: talk(env, message({"action": "hello"})), range(2)))
    replies = [r[0][0] for r in results]
    try:
        assert all(r["ok"] for r in replies), replies
        assert replies[0]["helper"]["url"] == replies[1]["helper"]["url"]
        assert replies[0]["token"] == replies[1]["token"]
        assert sorted(r["helper"]["started"] for r in replies) == [False, True], "exactly one host starts the helper"
    finally:
        pids = {r["helper"]["pid"] for r in replies if r.get("ok")}
        for pid in pids:
            stop_pid(pid, runtime_file)


def test_a_helper_that_cannot_start_is_reported_with_its_reason(tmp_path: Path) -> None:
    import socket

    env = helper_env(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        env["BACKCHANNEL_PORT"] = str(busy.getsockname()[1])
        replies, status, _ = talk(env, message({"action": "hello"}))
    assert status == 0
    assert replies[0]["ok"] is False
    assert replies[0]["error"]["code"] == "helper_start_failed"
    assert "already in use" in replies[0]["error"]["message"]


def test_autostart_off_reports_helper_not_running(tmp_path: Path) -> None:
    env = helper_env(tmp_path)
    env["BACKCHANNEL_NATIVE_HOST_AUTOSTART"] = "0"
    replies, _, _ = talk(env, message({"action": "hello"}))
    assert replies[0]["error"]["code"] == "helper_not_running"
    assert not (Path(env["BACKCHANNEL_DATA_DIR"]) / "helper.json").exists()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
