"""The CLI run in-process: `main(argv)` with captured output, in the test's isolated environment.

It sees what a process started by `tests.support.helper_process.backchannel`
would: the same data directory, home folder and file keyring, so a helper
process started for the same test (`start_helper`) shares its token and data.
Process-level runs are kept for what only a process shows (the entry point,
exit codes through the OS, bytes on standard input): tests/cli/test_entry_point.py.
"""

from __future__ import annotations

import io
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import keyring

from tests.support.keyrings import FileKeyring


@dataclass
class CliResult:
    """The parts of a finished process that tests read."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def environment(tmp: Path) -> dict[str, str]:
    """What `helper_env` gives a process, for the variables the CLI reads."""
    (tmp / "home").mkdir(exist_ok=True)
    return {
        "BACKCHANNEL_TEST_KEYRING": str(tmp / "keyring.json"),
        "BACKCHANNEL_DATA_DIR": str(tmp / "data"),
        "HOME": str(tmp / "home"),
    }


def backchannel(tmp: Path, *args: str, input: str | None = None) -> CliResult:
    """Run `backchannel ARGS` through `backchannel.cli.main`, as `helper_process.backchannel` runs it in a process."""
    from backchannel.cli import main

    saved_env = {name: os.environ.get(name) for name in environment(tmp)}
    saved_ring = keyring.get_keyring()
    saved_stdin = sys.stdin
    out, err = io.StringIO(), io.StringIO()
    os.environ.update(environment(tmp))
    keyring.set_keyring(FileKeyring())
    sys.stdin = io.StringIO(input or "")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        sys.stdin = saved_stdin
        keyring.set_keyring(saved_ring)
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return CliResult(args, code, out.getvalue(), err.getvalue())
