"""The running helper's address, for the CLI and the native host to find.

``serve`` writes ``helper.json`` (0600) in the data directory when it is
listening and removes it when it stops. A file left behind by a crashed
helper is recognised by its dead pid and ignored.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from backchannel.local.paths import runtime_path


@dataclass(frozen=True, slots=True)
class Runtime:
    url: str
    port: int
    pid: int
    version: str


def write_runtime(data_dir: Path, runtime: Runtime) -> None:
    path = runtime_path(data_dir)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(runtime), handle)
    os.replace(tmp, path)


def read_runtime(data_dir: Path) -> Runtime | None:
    """The running helper, or None when none is running for this data directory."""
    try:
        data = json.loads(runtime_path(data_dir).read_text(encoding="utf-8"))
        runtime = Runtime(url=str(data["url"]), port=int(data["port"]), pid=int(data["pid"]), version=str(data["version"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return runtime if _alive(runtime.pid) else None


def clear_runtime(data_dir: Path, pid: int) -> None:
    """Remove the runtime file if it is still ours (a newer helper may have replaced it)."""
    current = read_runtime(data_dir)
    if current is None or current.pid == pid:
        runtime_path(data_dir).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
