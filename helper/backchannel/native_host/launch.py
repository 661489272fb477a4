"""Start the helper for the extension when it is not running.

The host lives only as long as one message, so the helper it starts must
outlive it: a new session (POSIX) or a detached process (Windows), with its
output in ``<data_dir>/helper.log`` and never on the host's stdout, which
carries frames only. Readiness is the runtime file the helper writes once
it listens, so the host waits for that, not for a fixed time.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator, Mapping

from backchannel.local.runtime import Runtime, read_runtime
from backchannel.native_host.errors import HelperStartFailed

AUTOSTART_ENV = "BACKCHANNEL_NATIVE_HOST_AUTOSTART"
START_TIMEOUT = 20.0
# After our helper exits, how long another one (a concurrent hello) may take to publish itself.
RACE_GRACE = 0.5


def autostart_enabled(env: Mapping[str, str]) -> bool:
    """Starting the helper is on unless switched off (people who run it as a service)."""
    return env.get(AUTOSTART_ENV, "1").strip().lower() not in {"0", "false", "no", "off"}


def helper_log_path(data_dir: Path) -> Path:
    return data_dir / "helper.log"


@contextlib.contextmanager
def start_lock(data_dir: Path) -> Iterator[None]:
    """One host at a time decides whether to start the helper for this data directory.

    The browser may start several hosts at once (two tabs pairing); without this,
    each would spawn a helper and all but one would fail on the port.
    """
    with open(data_dir / "native-host.lock", "a+b") as handle:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _detached() -> dict[str, Any]:
    if sys.platform == "win32":
        flags = subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
        return {"creationflags": flags}
    # Chrome ends the host when the message is answered; a new session keeps the helper alive.
    return {"start_new_session": True}


def start_helper(data_dir: Path, *, timeout: float = START_TIMEOUT) -> Runtime:
    """Spawn ``backchannel serve`` for ``data_dir`` and wait until it listens."""
    log_path = helper_log_path(data_dir)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "backchannel", "--data-dir", str(data_dir), "serve"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, close_fds=True, env=dict(os.environ), **_detached(),
        )
    deadline = time.monotonic() + timeout
    exited_at: float | None = None
    while time.monotonic() < deadline:
        runtime = read_runtime(data_dir)
        if runtime is not None:
            return runtime
        if exited_at is None and process.poll() is not None:
            exited_at = time.monotonic()
        if exited_at is not None and time.monotonic() - exited_at > RACE_GRACE:
            raise HelperStartFailed(f"The helper exited at start (status {process.returncode}): {_last_line(log_path)}")
        time.sleep(0.03)
    raise HelperStartFailed(f"The helper did not come up within {timeout:.0f} s; see {log_path}.")


def _last_line(path: Path) -> str:
    try:
        lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    except OSError:
        return "no log"
    return lines[-1] if lines else "no output"
