"""What only a real process shows: the installed entry points, exit statuses through the OS, bytes on standard input.

Everything else about the CLI is tested in-process (tests/support/cli.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from backchannel import __version__
from backchannel.cli.registry import COMMANDS
from tests.support.helper_process import backchannel, helper_env

SCRIPT = Path(sys.executable).parent / "backchannel"


def test_python_m_backchannel_runs_a_check_and_exits_with_its_status(tmp_path: Path) -> None:
    ok = backchannel(tmp_path, "check", "Hello #PyConUK", "--format", "json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["length"]["weighted"] == 14
    assert backchannel(tmp_path, "check", "word " * 80).returncode == 1
    bad = backchannel(tmp_path, "check", "hi", "--platform", "myspace")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.skipif(not SCRIPT.exists(), reason=f"the console script is not installed beside {sys.executable}")
def test_the_installed_script_passes_main_s_status_to_the_os(tmp_path: Path) -> None:
    version = subprocess.run([str(SCRIPT), "--version"], env=helper_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"backchannel {__version__}"
    missing = subprocess.run([str(SCRIPT), "event", "show", "nope"], env=helper_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and missing.stderr.startswith("backchannel: ")


def test_help_lists_every_command(tmp_path: Path) -> None:
    done = backchannel(tmp_path, "--help")
    assert done.returncode == 0
    for command in COMMANDS:
        assert f"    {command.path[0]} " in done.stdout or f"    {command.path[0]}\n" in done.stdout, command.name
    assert backchannel(tmp_path, "event", "kit", "--help").stdout.startswith("usage: backchannel event kit")


def test_invalid_utf8_input_is_refused_clearly(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "backchannel", "check"], input=b"\xff\xfe", env=helper_env(tmp_path), capture_output=True, timeout=60)
    assert done.returncode == 2
    assert b"not valid UTF-8" in done.stderr and b"Traceback" not in done.stderr
