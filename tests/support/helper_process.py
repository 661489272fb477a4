"""A real helper process (`backchannel serve --port 0`) for tests that need one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def helper_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "PYTHON_KEYRING_BACKEND": "tests.support.keyrings.FileKeyring",
            "BACKCHANNEL_TEST_KEYRING": str(tmp / "keyring.json"),
            "BACKCHANNEL_DATA_DIR": str(tmp / "data"),
            "HOME": str(tmp / "home"),
        }
    )
    (tmp / "home").mkdir(exist_ok=True)
    return env


def backchannel(tmp: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in the test's isolated environment."""
    return subprocess.run(
        [sys.executable, "-m", "backchannel", *args],
        env=helper_env(tmp), input=input, capture_output=True, text=True, timeout=60,
    )


@dataclass
class RunningHelper:
    process: subprocess.Popen[str]
    url: str
    port: int
    token: str
    data_dir: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_helper(tmp: Path) -> RunningHelper:
    env = helper_env(tmp)
    process = subprocess.Popen(
        [sys.executable, "-m", "backchannel", "serve", "--port", "0"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    runtime_file = Path(env["BACKCHANNEL_DATA_DIR"]) / "helper.json"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"helper exited early: {process.stderr.read() if process.stderr else ''}")
        if runtime_file.exists():
            try:
                runtime = json.loads(runtime_file.read_text())
                break
            except ValueError:
                pass
        time.sleep(0.05)
    else:
        process.kill()
        raise RuntimeError("helper did not start within 30 s")
    token = backchannel(tmp, "token").stdout.strip()
    return RunningHelper(process, runtime["url"], int(runtime["port"]), token, Path(env["BACKCHANNEL_DATA_DIR"]))
