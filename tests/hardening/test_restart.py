"""After `kill -9` with a connection left open, the helper listens again on its port at once.

Real processes on a real port: a helper answers on a keep-alive connection that
stays open, is killed with SIGKILL (the kernel keeps the port's connection in
FIN-WAIT/TIME-WAIT), and a new helper, or the native host's autostart, must
listen on the same port right away.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.support.helper_process import backchannel, helper_env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "backchannel", "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def _wait_listening(process: subprocess.Popen[bytes], runtime_file: Path) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the helper exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            runtime = json.loads(runtime_file.read_text())
            if runtime["pid"] == process.pid:
                return dict(runtime)
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    raise AssertionError("the helper did not listen within 60 s")


def _open_connection(port: int, token: str) -> http.client.HTTPConnection:
    """A keep-alive connection that has been answered once and is left open."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/v1/health", headers={"Authorization": f"Bearer {token}"})
    response = conn.getresponse()
    assert response.status == 200
    response.read()
    return conn


def test_serve_listens_again_at_once_after_kill_minus_nine(tmp_path: Path) -> None:
    env = helper_env(tmp_path)
    runtime_file = Path(env["BACKCHANNEL_DATA_DIR"]) / "helper.json"
    port = _free_port()
    first = _serve(env, port)
    second = None
    try:
        _wait_listening(first, runtime_file)
        token = backchannel(tmp_path, "token").stdout.strip()
        left_open = _open_connection(port, token)
        first.send_signal(signal.SIGKILL)
        first.wait()
        second = _serve(env, port)
        runtime = _wait_listening(second, runtime_file)
        assert runtime["port"] == port
        _open_connection(port, token).close()
        left_open.close()
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()


def test_a_second_helper_still_cannot_take_a_port_in_use(tmp_path: Path) -> None:
    env = helper_env(tmp_path)
    port = _free_port()
    first = _serve(env, port)
    try:
        _wait_listening(first, Path(env["BACKCHANNEL_DATA_DIR"]) / "helper.json")
        other = tmp_path / "other"
        other.mkdir()
        result = subprocess.run(
            [sys.executable, "-m", "backchannel", "serve", "--port", str(port)], env=helper_env(other), capture_output=True, text=True, timeout=60,
        )
        assert result.returncode != 0 and "already in use" in result.stderr
    finally:
        first.kill()
        first.wait()


def _hello(env: dict[str, str]) -> dict[str, Any]:
    body = json.dumps({"action": "hello"}).encode()
    process = subprocess.run(
        [sys.executable, "-m", "backchannel.native_host"], input=struct.pack("=I", len(body)) + body, env=env, capture_output=True, timeout=90,
    )
    (length,) = struct.unpack("=I", process.stdout[:4])
    return dict(json.loads(process.stdout[4 : 4 + length]))


def test_native_host_autostart_succeeds_after_the_helper_was_killed(tmp_path: Path) -> None:
    env = helper_env(tmp_path)
    port = _free_port()
    env["BACKCHANNEL_PORT"] = str(port)
    pids: list[int] = []
    try:
        reply = _hello(env)
        assert reply["ok"] is True and reply["helper"]["started"] is True, reply
        pids.append(reply["helper"]["pid"])
        left_open = _open_connection(port, reply["token"])
        os.kill(reply["helper"]["pid"], signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the killed helper is a child of no one here: wait until it is gone
            try:
                os.kill(reply["helper"]["pid"], 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        again = _hello(env)
        assert again["ok"] is True, again
        assert again["helper"]["started"] is True and again["helper"]["port"] == port
        pids.append(again["helper"]["pid"])
        left_open.close()
    finally:
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
