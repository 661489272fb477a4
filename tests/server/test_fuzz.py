"""Property-based: whatever a client sends, the real helper answers 2xx or a clean 4xx."""

from __future__ import annotations

import http.client
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.helper_process import RunningHelper

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False) | st.text(max_size=300),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=20), children, max_size=5),
    max_leaves=20,
)
check_bodies = st.fixed_dictionaries(
    {"text": st.text(max_size=600)},
    optional={
        "platform": st.sampled_from(["x", "bluesky", "mastodon", "X", ""]) | st.text(max_size=10),
        "event": st.none() | st.text(max_size=70),
        "session": st.none() | st.integers(min_value=-(2**65), max_value=2**65),
        "at": st.none() | st.text(max_size=40) | st.datetimes().map(lambda d: d.isoformat()),
        "room": st.none() | st.text(max_size=20),
    },
)
ENDPOINTS = [("POST", "/v1/check"), ("POST", "/v1/events"), ("PUT", "/v1/settings"), ("POST", "/v1/events/fuzz/sessions"), ("PATCH", "/v1/events/fuzz")]


def send(helper: RunningHelper, method: str, path: str, body: bytes, content_type: str = "application/json") -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", helper.port, timeout=10)
    try:
        conn.request(method, path, body=body, headers={"Authorization": f"Bearer {helper.token}", "Content-Type": content_type})
        response = conn.getresponse()
        raw = response.read()
        return response.status, json.loads(raw)
    finally:
        conn.close()


def assert_clean(status: int, payload: Any) -> None:
    assert status < 500, payload
    if status >= 400:
        assert set(payload["error"]) == {"code", "message", "details"}


def test_a_fuzz_event_exists_for_the_session_routes(helper: RunningHelper) -> None:
    status, _ = send(helper, "POST", "/v1/events", json.dumps({"slug": "fuzz", "name": "Fuzz", "hashtag": "Fuzz"}).encode())
    assert status in (201, 409)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(body=check_bodies)
def test_check_never_fails_on_well_typed_drafts(helper: RunningHelper, body: dict[str, Any]) -> None:
    assert_clean(*send(helper, "POST", "/v1/check", json.dumps(body).encode()))


@FUZZ
@given(endpoint=st.sampled_from(ENDPOINTS), value=json_values)
def test_any_json_gets_a_clean_answer(helper: RunningHelper, endpoint: tuple[str, str], value: Any) -> None:
    assert_clean(*send(helper, *endpoint, json.dumps(value).encode()))


@FUZZ
@given(endpoint=st.sampled_from(ENDPOINTS), raw=st.binary(max_size=400))
def test_any_bytes_get_a_clean_answer(helper: RunningHelper, endpoint: tuple[str, str], raw: bytes) -> None:
    assert_clean(*send(helper, *endpoint, raw))


