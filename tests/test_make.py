"""What `make run` tells a new user: what it is doing, how long it takes, how to run the command, how to pick a port."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.helper_process import ROOT, helper_env, start_helper


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_says_what_it_installs_and_how_long_it_takes_and_compiles_nothing() -> None:
    # -n prints the recipes without running them; -B as on a fresh checkout.
    dry = subprocess.run(["make", "-n", "-B", "run"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert dry.returncode == 0, dry.stderr
    assert "installing the helper and its dependencies" in dry.stdout and "about a minute" in dry.stdout
    assert "mypyc" not in dry.stdout and "compil" not in dry.stdout
    assert "scripts/run.sh" in dry.stdout  # straight from the install to the helper


def test_make_test_runs_the_suite_once() -> None:
    dry = subprocess.run(["make", "-n", "-B", "test"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.count("scripts/test.sh") == 1
    script = (ROOT / "scripts" / "test.sh").read_text()
    assert script.count("-m pytest") == 1 and "BACKCHANNEL_PURE" not in script


def test_a_whole_test_run_lints_and_type_checks_first_and_a_targeted_one_does_not() -> None:
    script = (ROOT / "scripts" / "test.sh").read_text()
    whole = script[script.index('if [ $# -eq 0 ]; then'):script.index("fi\n")]
    assert '"$BIN/ruff" check . || exit $?' in whole
    assert '"$BIN/python" -m mypy || exit $?' in whole
    assert whole.index("ruff") < whole.index("mypy") < script.index("-m pytest")


def test_run_script_says_where_the_command_is_and_how_to_type_it_bare() -> None:
    script = (ROOT / "scripts" / "run.sh").read_text()
    assert "put $bin_abs on your PATH" in script and "pipx install $here" in script
    readme = (ROOT / "README.md").read_text()
    assert ".venv/bin/backchannel" in readme and "pipx install ." in readme and 'export PATH="$PWD/.venv/bin:$PATH"' in readme


def test_a_busy_port_names_the_way_to_pick_another(tmp_path: Path) -> None:
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
    running = start_helper(tmp_path / "first")
    try:
        env = helper_env(tmp_path / "second")
        plain = subprocess.run([sys.executable, "-m", "backchannel", "serve", "--port", str(running.port)], env=env,
                               capture_output=True, text=True, timeout=60)
        assert plain.returncode != 0 and f"--port {running.port + 1}" in plain.stderr
        env["BACKCHANNEL_STARTED_BY"] = "make"
        made = subprocess.run([sys.executable, "-m", "backchannel", "serve", "--port", str(running.port)], env=env,
                              capture_output=True, text=True, timeout=60)
        assert made.returncode != 0 and f"make run PORT={running.port + 1}" in made.stderr and "--port" not in made.stderr
    finally:
        running.stop()
