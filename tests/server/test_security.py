"""SECURITY.md, proven against the real helper process on a real port.

Every API route x {no token, wrong token, right token} x {no Origin,
extension origin, https://x.com, https://evil.example, null} x {good Host,
rebinding Host}: only the documented combinations get through.
"""

from __future__ import annotations

import http.client
import itertools
import json
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest

from backchannel.local.identity import CHROMIUM_ORIGIN
from backchannel.server import create_app
from backchannel.store import Store
from tests.support.cli import backchannel
from tests.support.helper_process import RunningHelper, start_helper

BODIES = {
    ("POST", "/v1/check"): {"text": "hello #LT13"},
    ("POST", "/v1/posts"): {"client_id": "6f1c2b8e-0d4e-4c4b-9a55-3e1f0c9d2a17", "platform": "x", "text": "hello #LT13", "posted_at": "2013-01-30T10:05:00Z"},
    ("PUT", "/v1/settings"): {"rules.FLW003.max_hashtags": 4},
    ("POST", "/v1/events"): {"slug": "lt13", "name": "LT13", "hashtag": "LT13"},
    ("PATCH", "/v1/events/{slug}"): {"name": "LT13 renamed"},
    ("POST", "/v1/events/{slug}/sessions"): {"title": "Keynote", "start": "2013-01-30T09:00", "end": "2013-01-30T10:00"},
    ("PATCH", "/v1/events/{slug}/sessions/{session_id}"): {"room": "B"},
    ("PATCH", "/v1/events/{slug}/speakers/{speaker_id}"): {"handles": {"x": "@someone"}},
    ("POST", "/v1/chats"): {"slug": "lt13", "hashtag": "LT13chat", "weekday": "wednesday", "starts": "10:00", "time_zone": "UTC"},
    ("POST", "/v1/chats/{slug}/questions"): {"text": "Q1: What did you learn?", "on": "2013-01-30", "at": "2013-01-30T10:05"},
    ("POST", "/v1/events/{slug}/schedule"): (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//matrix//EN\r\nBEGIN:VEVENT\r\nUID:k1@matrix\r\n"
        b"DTSTART:20130130T090000Z\r\nDTEND:20130130T100000Z\r\nSUMMARY:Keynote\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ),
    ("POST", "/v1/archive/photos"): {},  # no body is read: it starts the reading
    ("POST", "/v1/photos"): (  # a 1x1 grey PNG
        b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00:~\x9bU'
        b'\x00\x00\x00\nIDATx\x9cch\x00\x00\x00\x82\x00\x81w\xcdr\xb6\x00\x00\x00\x00IEND\xaeB`\x82'
    ),
}
PARAMS = {"slug": "lt13", "code": "CTX001", "speaker_id": "1", "photo_id": "0" * 64, "session_id": "1"}


def api_routes() -> list[tuple[str, str]]:
    """Every route the application registers: a new route is in the matrix automatically."""
    app = create_app(Store(":memory:"), "unused")
    routes = []
    for route in app.router.routes():
        info = route.resource.get_info() if route.resource else {}
        path = info.get("path") or info.get("formatter")
        if route.method != "HEAD" and path and path.startswith("/v1"):
            routes.append((route.method, path))
    return sorted(set(routes))


def request(port: int, method: str, path: str, headers: dict[str, str], body: bytes | None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in headers.items():
            conn.putheader(name, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


TOKENS = ("none", "wrong", "right")
ORIGINS = (None, CHROMIUM_ORIGIN, "moz-extension://0b3a6f1e-8f0c-4e47-9c6b-1d2e3f4a5b6c", "https://x.com", "https://evil.example", "null")
HOSTS = ("good", "localhost", "rebinding")


def test_route_table_is_covered() -> None:
    routes = api_routes()
    assert len(routes) >= 10
    for method, path in routes:
        if method in ("POST", "PUT", "PATCH"):
            assert (method, path) in BODIES, f"add a body for {method} {path} to the matrix"


def test_the_full_matrix(helper: RunningHelper) -> None:
    failures = []
    for (method, template), token, origin, host in itertools.product(api_routes(), TOKENS, ORIGINS, HOSTS):
        path = re.sub(r"\{(\w+)\}", lambda m: PARAMS[m.group(1)], template)
        headers = {
            "Host": {"good": f"127.0.0.1:{helper.port}", "localhost": f"localhost:{helper.port}", "rebinding": f"evil.example:{helper.port}"}[host],
        }
        if token == "right":
            headers["Authorization"] = f"Bearer {helper.token}"
        elif token == "wrong":
            headers["Authorization"] = "Bearer " + "A" * len(helper.token)
        if origin is not None:
            headers["Origin"] = origin
        body = None
        if (method, template) in BODIES:
            payload = BODIES[(method, template)]
            body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            headers["Content-Type"] = "text/calendar" if isinstance(payload, bytes) else "application/json"
        status, response_headers, raw = request(helper.port, method, path, headers, body)

        if host == "rebinding" or origin in ("https://x.com", "https://evil.example", "null"):
            expected = {403}
        elif token != "right":
            expected = {401}
        else:
            expected = set(range(200, 300)) | {404, 409}  # through every check; the handler answers
        if status not in expected:
            failures.append(f"{method} {path} token={token} origin={origin} host={host}: {status}")
        if "access-control-allow-origin" in response_headers:
            failures.append(f"{method} {path}: CORS header present")
        if helper.token.encode() in raw:
            failures.append(f"{method} {path}: the token appears in a response")
        if status >= 400:
            error = json.loads(raw)["error"]
            assert set(error) == {"code", "message", "details"}
    assert not failures, "\n".join(failures[:20])


def test_cors_preflight_gets_no_cors(helper: RunningHelper) -> None:
    status, headers, _ = request(
        helper.port, "OPTIONS", "/v1/check",
        {"Host": f"127.0.0.1:{helper.port}", "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}, None,
    )
    assert status == 403
    assert not any(name.startswith("access-control-") for name in headers)


def test_binds_loopback_only(helper: RunningHelper) -> None:
    """Nothing answers on the machine's other addresses."""
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1"}
    for address in addresses:
        if address.startswith("127."):
            continue
        with pytest.raises(OSError):
            socket.create_connection((address, helper.port), timeout=1).close()
    listening = subprocess.run(["ss", "-ltnH", f"sport = :{helper.port}"], capture_output=True, text=True)
    if listening.returncode == 0 and listening.stdout.strip():
        for line in listening.stdout.strip().splitlines():
            local = line.split()[3]
            assert local.startswith(("127.0.0.1:", "[::1]:")), local


def test_token_never_in_logs(tmp_path: Path) -> None:
    own = start_helper(tmp_path)
    try:
        host = {"Host": f"127.0.0.1:{own.port}"}
        request(own.port, "GET", "/v1/health", {**host, "Authorization": f"Bearer {own.token}"}, None)
        request(own.port, "GET", f"/v1/health?token={own.token}", host, None)
        request(own.port, "GET", "/v1/health", {**host, "Authorization": f"Bearer {own.token}x"}, None)
    finally:
        own.stop()
    stdout, stderr = own.process.communicate(timeout=10)
    assert "listening on http://127.0.0.1:" in stdout
    assert own.token not in stdout + stderr


def test_a_rotated_token_stops_working_even_for_a_client_that_keeps_using_it(tmp_path: Path) -> None:
    """Rotation revokes: the old token is refused without anyone presenting the new one."""
    own = start_helper(tmp_path)
    try:
        host = {"Host": f"127.0.0.1:{own.port}"}

        def health(token: str) -> int:
            return request(own.port, "GET", "/v1/health", {**host, "Authorization": f"Bearer {token}"}, None)[0]

        assert health(own.token) == 200
        rotated = backchannel(tmp_path, "token", "--rotate")
        assert rotated.returncode == 0, rotated.stderr
        new_token = rotated.stdout.strip()
        # The helper looks at the rotation marker every quarter second; give it ample time.
        statuses = []
        for _ in range(100):
            statuses.append(health(own.token))
            if statuses[-1] == 401:
                break
            time.sleep(0.05)
        assert statuses[-1] == 401, statuses
        assert health(new_token) == 200
    finally:
        own.stop()
