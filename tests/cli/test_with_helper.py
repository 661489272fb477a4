"""Commands that talk to a running helper, run in-process against a real one (`backchannel serve` in its own process)."""

from __future__ import annotations

import http.client
import re
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.cli import backchannel
from tests.support.helper_process import start_helper


def _get(port: int, target: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", target, headers={"Host": f"127.0.0.1:{port}"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def test_review_prints_a_login_link_the_running_helper_takes_once(tmp_path: Path) -> None:
    helper = start_helper(tmp_path)
    try:
        assert backchannel(tmp_path, "event", "add", "lt13", "--name", "LT13", "--time-zone", "Europe/London").returncode == 0
        printed = backchannel(tmp_path, "review", "--event", "lt13", "--no-open")
        assert printed.returncode == 0, printed.stderr
        link = re.search(r"http://127\.0\.0\.1:(\d+)(/review/login\?key=\S+)", printed.stdout)
        assert link is not None and int(link.group(1)) == helper.port
        first = _get(helper.port, link.group(2))
        assert first.status in (302, 303) and urlsplit(first.getheader("Location") or "").path == "/review/events/lt13"
        assert "bc_review=" in (first.getheader("Set-Cookie") or "")
        assert _get(helper.port, link.group(2)).status == 401  # the link works once
        unknown = backchannel(tmp_path, "review", "--event", "nope", "--no-open")
        assert unknown.returncode == 2 and "key=" not in unknown.stdout
    finally:
        helper.stop()


def test_a_rotated_token_is_the_one_the_running_helper_accepts(tmp_path: Path) -> None:
    helper = start_helper(tmp_path)
    try:
        assert backchannel(tmp_path, "token").stdout.strip() == helper.token
        rotated = backchannel(tmp_path, "token", "--rotate")
        assert rotated.returncode == 0 and "pair the extension again" in rotated.stderr
        assert rotated.stdout.strip() != helper.token
    finally:
        helper.stop()
