"""/v1/check over HTTP keep-alive vs a trivial aiohttp handler, each server on its own core.

Latency: one request at a time on one keep-alive connection (median, p99).
Throughput: wrk with 50 connections for a few seconds (requests/s); without
wrk installed, the throughput rows are left out and say so.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bench.drafts import DRAFTS
from bench.report import Row, median, percentile

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = 3000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pin(cpu: int) -> list[str]:
    return ["taskset", "-c", str(cpu)] if shutil.which("taskset") and (os.cpu_count() or 1) > 1 else []


@contextmanager
def _server(argv: list[str], port: int, env: dict[str, str]) -> Iterator[None]:
    process = subprocess.Popen(_pin(0) + argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


def _latency(port: int, headers: dict[str, str]) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    bodies = [json.dumps({"text": t}).encode() for t in DRAFTS]
    samples = []
    for i in range(REQUESTS + 300):
        body = bodies[i % len(bodies)]
        start = time.perf_counter_ns()
        conn.request("POST", "/v1/check", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        elapsed = (time.perf_counter_ns() - start) / 1e6
        if response.status != 200:
            raise RuntimeError(f"/v1/check answered {response.status}")
        if i >= 300:
            samples.append(elapsed)
    conn.close()
    return samples


def _throughput(port: int, headers: dict[str, str]) -> float | None:
    wrk = shutil.which("wrk")
    if not wrk:
        return None
    # Every draft in turn, so the rate is that of the whole set, not of one easy draft.
    bodies = ", ".join(json.dumps(json.dumps({"text": t})) for t in DRAFTS)
    script = (
        "wrk.method = 'POST'\n"
        + "".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}\n" for k, v in headers.items())
        + f"local bodies = {{{bodies}}}\nlocal i = 0\n"
        + "request = function()\n  i = i % #bodies + 1\n  return wrk.format(nil, nil, nil, bodies[i])\nend\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        out = subprocess.run(_pin(1) + [wrk, "-t1", "-c50", "-d4s", "-s", handle.name, f"http://127.0.0.1:{port}/v1/check"],
                             capture_output=True, text=True, timeout=60).stdout
    finally:
        os.unlink(handle.name)
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise RuntimeError(f"wrk printed no rate:\n{out}")


@contextmanager
def client_on_the_other_core() -> Iterator[None]:
    """This process (the client) on core 1 while the servers run on core 0, and on every core
    again afterwards: the sections after this one (a browser and a helper, the photo
    analysis) are measured on the whole machine."""
    if not hasattr(os, "sched_setaffinity") or (os.cpu_count() or 1) < 2:
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {1})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def run() -> list[Row]:
    with client_on_the_other_core():
        return _measured()


def _measured() -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, BACKCHANNEL_DATA_DIR=str(Path(tmp) / "data"), PYTHONPATH=str(ROOT))
        ours_port, floor_port = _free_port(), _free_port()
        token = subprocess.run([sys.executable, "-m", "backchannel", "token"], env=env, capture_output=True, text=True, check=True).stdout.strip()
        ours_headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        with _server([sys.executable, "-m", "backchannel", "serve", "--port", str(ours_port)], ours_port, env):
            ours_latency = _latency(ours_port, ours_headers)
            ours_rate = _throughput(ours_port, ours_headers)
        with _server([sys.executable, "-m", "bench.trivial_server", str(floor_port)], floor_port, env):
            floor_latency = _latency(floor_port, {"Content-Type": "application/json"})
            floor_rate = _throughput(floor_port, {"Content-Type": "application/json"})
    rows = [
        Row("check (HTTP)", "median, keep-alive", "ms", median(ours_latency), median(floor_latency), "trivial aiohttp handler",
            "≤ 0.8 ms", median(ours_latency) <= 0.8),
        Row("check (HTTP)", "p99, keep-alive", "ms", percentile(ours_latency, 99), percentile(floor_latency, 99), "trivial aiohttp handler",
            "≤ 2 ms", percentile(ours_latency, 99) <= 2.0),
    ]
    if ours_rate is not None and floor_rate is not None:
        share = ours_rate / floor_rate
        # For scale only: one user's helper needs latency (the rows above), not requests per second.
        rows.append(Row("check (HTTP)", "throughput, 50 connections (wrk)", "req/s", ours_rate, floor_rate, "trivial aiohttp handler",
                        None, None, f"{share:.0%} of the trivial handler"))
    else:
        rows.append(Row("check (HTTP)", "throughput", "req/s", float("nan"), None, None, None, None, "wrk not installed: apt-get install wrk"))
    return rows
