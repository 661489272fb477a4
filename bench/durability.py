"""Durability: random `kill -9` while several clients post; every acknowledged post is there, once.

The real helper (`backchannel serve` on a fixed port) takes POST /v1/posts
from ``CLIENTS`` threads, each on its own keep-alive connection, while it is
killed with SIGKILL ``KILLS`` times at random moments and restarted at once
on the same port, as the native host's autostart would. A client whose post
got no answer keeps it and sends it again later, as the extension's queue
does. At the end every acknowledged post must be stored exactly once.

Figures: posts acknowledged, posts lost (target 0), posts stored twice
(target 0), restarts refused because the port was still "in use" (target 0:
connections are open at every kill), and the time from the kill to the new
helper listening again.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from bench.report import Row, median

ROOT = Path(__file__).resolve().parent.parent
KILLS = 30
CLIENTS = 4
SEED = 13


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Helper:
    def __init__(self, tmp: Path, port: int) -> None:
        sys.path.insert(0, str(ROOT))
        from tests.support.helper_process import helper_env

        self.env = helper_env(tmp)
        self.tmp = tmp
        self.port = port
        self.runtime = Path(self.env["BACKCHANNEL_DATA_DIR"]) / "helper.json"
        self.process: subprocess.Popen[bytes] | None = None
        self.refused = 0  # starts that failed because the port was still taken

    def start(self) -> float:
        """Start a helper on the port; seconds until it listens (retrying a refused start)."""
        begin = time.perf_counter()
        while True:
            process = subprocess.Popen(
                [sys.executable, "-m", "backchannel", "serve", "--port", str(self.port)],
                env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )
            while True:
                if process.poll() is not None:
                    err = process.stderr.read().decode() if process.stderr else ""
                    if "already in use" not in err:
                        raise RuntimeError(f"the helper exited: {err}")
                    self.refused += 1
                    time.sleep(0.1)
                    break
                try:
                    if json.loads(self.runtime.read_text())["pid"] == process.pid:
                        self.process = process
                        return time.perf_counter() - begin
                except (OSError, ValueError, KeyError):
                    pass
                time.sleep(0.01)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def token(self) -> str:
        from tests.support.helper_process import backchannel

        return backchannel(self.tmp, "token").stdout.strip()


class Client(threading.Thread):
    def __init__(self, number: int, port: int, token: str, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.number, self.port, self.stop = number, port, stop
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.acked: list[str] = []
        self.queue: list[dict[str, Any]] = []  # sent, no answer: sent again later
        self.sent = 0

    def _post(self, conn: http.client.HTTPConnection, body: dict[str, Any]) -> int:
        conn.request("POST", "/v1/posts", body=json.dumps(body), headers=self.headers)
        response = conn.getresponse()
        response.read()
        return response.status

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        while not self.stop.is_set():
            body = self.queue.pop(0) if self.queue else {
                "client_id": str(uuid.uuid4()), "platform": "x", "posted_at": "2013-01-30T10:05:00Z",
                "text": f"client {self.number} post {self.sent} #LT13",
            }
            self.sent += 1
            try:
                status = self._post(conn, body)
            except (OSError, http.client.HTTPException):
                self.queue.append(body)
                conn.close()
                time.sleep(0.02)  # the helper is down: try again shortly, on a new connection
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                continue
            if status in (200, 201):
                self.acked.append(str(body["client_id"]))
            else:
                raise RuntimeError(f"/v1/posts answered {status}")
        conn.close()

    def drain(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        for body in self.queue:
            if self._post(conn, body) in (200, 201):
                self.acked.append(str(body["client_id"]))
        self.queue.clear()
        conn.close()


def _stored(port: int, token: str) -> list[str]:
    ids: list[str] = []
    cursor = None
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while True:
        conn.request("GET", "/v1/posts?limit=500" + (f"&before={cursor}" if cursor else ""), headers={"Authorization": f"Bearer {token}"})
        page = json.loads(conn.getresponse().read())
        ids.extend(p["client_id"] for p in page["posts"])
        cursor = page["next"]
        if cursor is None:
            conn.close()
            return ids


def run() -> list[Row]:
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        helper = Helper(Path(tmp), _free_port())
        helper.start()
        token = helper.token()
        stop = threading.Event()
        clients = [Client(n, helper.port, token, stop) for n in range(CLIENTS)]
        for client in clients:
            client.start()
        restarts = []
        try:
            for _ in range(KILLS):
                time.sleep(rng.uniform(0.2, 1.0))  # posts in flight on every connection
                helper.kill()
                restarts.append(helper.start())
            time.sleep(0.5)
            stop.set()
            for client in clients:
                client.join(timeout=60)
                client.drain()
            stored = _stored(helper.port, token)
        finally:
            stop.set()
            if helper.process is not None and helper.process.poll() is None:
                helper.process.terminate()
                helper.process.wait(timeout=30)
    acked = [i for client in clients for i in client.acked]
    lost = len(set(acked) - set(stored))
    twice = len(stored) - len(set(stored))
    note = f"{KILLS} × kill -9, {CLIENTS} clients on keep-alive connections, {os.cpu_count()} CPUs"
    return [
        Row("durability", "posts acknowledged across the kills", "posts", float(len(set(acked))), note=note),
        Row("durability", "acknowledged posts lost", "posts", float(lost), target="0", met=lost == 0),
        Row("durability", "posts stored twice", "posts", float(twice), target="0", met=twice == 0),
        Row("durability", "restarts refused: port still in use", "starts", float(helper.refused), target="0", met=helper.refused == 0),
        Row("durability", "kill -9 → listening again on the same port, median", "s", median(restarts), note=f"max {max(restarts):.2f} s"),
    ]


if __name__ == "__main__":
    from bench.report import print_table

    print_table(run())
