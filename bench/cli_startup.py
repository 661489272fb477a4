"""`backchannel check` as a whole process, vs `python -c pass` (the floor) and `proselint check`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import Row, median

ROOT = Path(__file__).resolve().parent.parent
RUNS = 30
DRAFT = "“Nobody ever learned to ride a bike in a classroom” — @priyaraman #LT13"


def _hyperfine(commands: dict[str, str], env: dict[str, str]) -> dict[str, float]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    try:
        argv = ["hyperfine", "--warmup", "3", "--runs", str(RUNS), "--export-json", out, "-N", "--ignore-failure"]
        for name, command in commands.items():
            argv += ["-n", name, command]
        subprocess.run(argv, env=env, capture_output=True, check=True, timeout=600)
        data = json.loads(Path(out).read_text())
        return {r["command"]: r["median"] * 1000 for r in data["results"]}
    finally:
        os.unlink(out)


def _loop(commands: dict[str, str], env: dict[str, str]) -> dict[str, float]:
    results = {}
    for name, command in commands.items():
        samples = []
        for i in range(RUNS + 3):
            start = time.perf_counter()
            subprocess.run(command, shell=True, env=env, capture_output=True)
            if i >= 3:
                samples.append((time.perf_counter() - start) * 1000)
        results[name] = median(samples)
    return results


def run() -> list[Row]:
    bindir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, BACKCHANNEL_DATA_DIR=str(Path(tmp) / "data"))
        # Measure what a person gets: an installed package with its bytecode cached.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "helper")], env=env, capture_output=True)
        draft_file = Path(tmp) / "draft.txt"
        draft_file.write_text(DRAFT)
        commands = {
            "backchannel check": f"{bindir / 'backchannel'} check '{DRAFT}'",
            "python -c pass": f"{sys.executable} -c pass",
            "proselint check": f"{bindir / 'proselint'} check {draft_file}",
        }
        subprocess.run(commands["backchannel check"], shell=True, env=env, capture_output=True)  # create the database first
        times = _hyperfine(commands, env) if shutil.which("hyperfine") else _loop(commands, env)
    ours = times["backchannel check"]
    return [
        Row("CLI", "backchannel check, whole process", "ms", ours, times["proselint check"], "proselint check",
            # Absolute times drift on a shared machine; the promise is relative: no slower than proselint's CLI, measured in the same run.
            "≤ proselint check, same run", ours <= times["proselint check"],
            f"python -c pass: {times['python -c pass']:.0f} ms"),
    ]
