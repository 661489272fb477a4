"""An acknowledged record survives the helper being killed at any moment.

The real helper process, a client writing records back to back from a
thread, and `kill -9` while writes are in flight, a few rounds. After each
restart every record that got a 2xx is there exactly once, and re-sending
the records whose answer was lost (as the extension's queue does) never
makes a second copy. Bounded: a fixed number of rounds and records, no
assertion on time.
"""

from __future__ import annotations

import http.client
import json
import signal
import threading
import uuid
from pathlib import Path

from tests.support.helper_process import RunningHelper, start_helper

ROUNDS = 4
ACKED_BEFORE_KILL = 25  # records acknowledged in a round before the kill lands mid-stream
MAX_PER_ROUND = 400


def _post(helper: RunningHelper, body: dict[str, object]) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", helper.port, timeout=10)
    try:
        conn.request("POST", "/v1/posts", body=json.dumps(body), headers={"Authorization": f"Bearer {helper.token}", "Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def _all_client_ids(helper: RunningHelper) -> list[str]:
    ids: list[str] = []
    cursor = None
    while True:
        conn = http.client.HTTPConnection("127.0.0.1", helper.port, timeout=10)
        path = "/v1/posts?limit=500" + (f"&before={cursor}" if cursor else "")
        conn.request("GET", path, headers={"Authorization": f"Bearer {helper.token}"})
        page = json.loads(conn.getresponse().read())
        conn.close()
        ids.extend(p["client_id"] for p in page["posts"])
        cursor = page["next"]
        if cursor is None:
            return ids


def _writer(helper: RunningHelper, acked: list[dict[str, object]], unsure: list[dict[str, object]], enough: threading.Event, round_no: int) -> None:
    for i in range(MAX_PER_ROUND):
        body: dict[str, object] = {
            "client_id": str(uuid.uuid4()), "platform": "x", "text": f"round {round_no} post {i} #LT13", "posted_at": f"2013-01-30T10:{i % 60:02d}:00Z"
        }
        try:
            status = _post(helper, body)
        except OSError:
            unsure.append(body)  # the helper died with this one in flight: maybe stored, maybe not
            return
        if 200 <= status < 300:
            acked.append(body)
            if len(acked) >= ACKED_BEFORE_KILL:
                enough.set()
        else:
            unsure.append(body)
    enough.set()


def _restart(tmp: Path) -> RunningHelper:
    # kill -9 leaves the runtime file behind; the next helper must be found, not the dead one.
    (tmp / "data" / "helper.json").unlink(missing_ok=True)
    return start_helper(tmp)


def test_acknowledged_records_survive_kill_minus_nine(tmp_path: Path) -> None:
    helper = start_helper(tmp_path)
    acked_all: list[dict[str, object]] = []
    unsure_all: list[dict[str, object]] = []
    try:
        for round_no in range(ROUNDS):
            acked: list[dict[str, object]] = []
            enough = threading.Event()
            writer = threading.Thread(target=_writer, args=(helper, acked, unsure_all, enough, round_no))
            writer.start()
            enough.wait(timeout=60)
            helper.process.send_signal(signal.SIGKILL)  # while the writer keeps going: a write is in flight
            helper.process.wait()
            writer.join(timeout=60)
            acked_all.extend(acked)

            helper = _restart(tmp_path)
            stored = _all_client_ids(helper)
            assert len(stored) == len(set(stored)), "a record was stored twice"
            missing = {b["client_id"] for b in acked_all} - set(stored)
            assert not missing, f"round {round_no}: {len(missing)} acknowledged records lost"

        # The extension's queue re-sends what it never heard back about: each ends up there once.
        for body in unsure_all:
            assert _post(helper, body) in (200, 201)
        stored = _all_client_ids(helper)
        assert len(stored) == len(set(stored))
        assert {b["client_id"] for b in acked_all + unsure_all} <= set(stored)
    finally:
        helper.stop()
