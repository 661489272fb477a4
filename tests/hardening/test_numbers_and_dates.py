"""Out-of-range numbers and dates, on every route that takes them, get a clean 4xx (never a 500)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.server.conftest import Api

HUGE = "99999999999999999999"  # over SQLite's 64-bit integers
POST = {"client_id": "6f1e3a4e-8a38-4c1a-9d44-4c5f0f0d1a11", "platform": "x", "text": "a", "posted_at": "2013-01-30T10:00:00Z"}
OFF_CALENDAR = ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59", "0001-01-01T00:00:00"]


@pytest.fixture
async def lt13(api: Api) -> Api:
    status, _ = await api.call("POST", "/v1/events", json={"slug": "lt13", "name": "LT13", "time_zone": "Pacific/Kiritimati"})
    assert status == 201
    return api


def assert_clean_4xx(status: int, body: Any, expected: int | tuple[int, ...]) -> None:
    assert status in ((expected,) if isinstance(expected, int) else expected), body
    assert set(body["error"]) == {"code", "message", "details"}


@pytest.mark.parametrize("path", [f"/v1/posts?session={HUGE}", f"/v1/posts?limit={HUGE}", "/v1/posts?session=%C2%B2", "/v1/posts?limit=1_0"])
async def test_query_numbers_out_of_range_are_422(lt13: Api, path: str) -> None:
    assert_clean_4xx(*await lt13.call("GET", path), 422)


@pytest.mark.parametrize("session", [2**63, -(2**63) - 1, 10**30])
@pytest.mark.parametrize("route", ["/v1/check", "/v1/posts"])
async def test_body_session_beyond_64_bits_is_422(lt13: Api, route: str, session: int) -> None:
    body = {"text": "a", "session": session, "event": "lt13"} if route == "/v1/check" else {**POST, "session": session}
    assert_clean_4xx(*await lt13.call("POST", route, json=body), 422)


@pytest.mark.parametrize("speaker", [HUGE, "%C2%B2", "-1", "0"])
async def test_speaker_id_out_of_range_is_404(lt13: Api, speaker: str) -> None:
    assert_clean_4xx(*await lt13.call("PATCH", f"/v1/events/lt13/speakers/{speaker}", json={"handles": {}}), 404)


@pytest.mark.parametrize("session", [HUGE, "%C2%B2", "-1", "0"])
@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
async def test_session_id_out_of_range_is_404(lt13: Api, session: str, method: str) -> None:
    body = {"title": "Renamed"} if method == "PATCH" else None
    assert_clean_4xx(*await lt13.call(method, f"/v1/events/lt13/sessions/{session}", json=body), 404)


@pytest.mark.parametrize("route", ["/v1/check", "/v1/posts", "/v1/events", "/v1/events/lt13", "/v1/settings", "/v1/events/lt13/sessions"])
@pytest.mark.parametrize("where", ["field", "root", "nested"])
async def test_a_number_over_4300_digits_is_400_on_every_json_route(lt13: Api, route: str, where: str) -> None:
    number = "7" * 5000
    raw = {"field": '{"text": "a", "session": ' + number + "}", "root": number, "nested": '{"a": [[' + number + "]]}"}[where]
    method = {"/v1/events/lt13": "PATCH", "/v1/settings": "PUT"}.get(route, "POST")
    status, body = await lt13.call(method, route, data=raw.encode(), headers={"Content-Type": "application/json"})
    assert_clean_4xx(status, body, 400)
    assert "number" in body["error"]["message"]


@pytest.mark.parametrize("kind, raw", [("an array", b"[1]"), ("a string", b'"x"'), ("a number", b"12"), ("null", b"null"), ("a boolean", b"true")])
async def test_a_body_that_is_not_an_object_is_named(lt13: Api, kind: str, raw: bytes) -> None:
    status, body = await lt13.call("POST", "/v1/check", data=raw, headers={"Content-Type": "application/json"})
    assert status == 400 and body["error"]["message"].endswith(f"not {kind}.")


@pytest.mark.parametrize("value", OFF_CALENDAR)
async def test_dates_off_the_calendar_are_422_everywhere(lt13: Api, value: str) -> None:
    assert_clean_4xx(*await lt13.call("POST", "/v1/posts", json={**POST, "posted_at": value}), 422)
    assert_clean_4xx(*await lt13.call("POST", "/v1/check", json={"text": "a", "event": "lt13", "at": value}), 422)
    quoted = value.replace("+", "%2B")
    assert_clean_4xx(*await lt13.call("GET", f"/v1/events/lt13/now?at={quoted}"), 422)
    assert_clean_4xx(*await lt13.call("GET", f"/v1/posts?before={quoted}"), 422)
    session = {"title": "t", "start": value, "end": "2013-01-30T11:00"}
    assert_clean_4xx(*await lt13.call("POST", "/v1/events/lt13/sessions", json=session), 422)
    session = {"title": "t", "start": "2013-01-30T10:00", "end": value}
    assert_clean_4xx(*await lt13.call("POST", "/v1/events/lt13/sessions", json=session), 422)


async def test_dates_inside_the_calendar_still_work(lt13: Api) -> None:
    status, body = await lt13.call("POST", "/v1/posts", json={**POST, "posted_at": "2013-01-30T10:00:00+14:00"})
    assert status == 201 and body["posted_at"] == "2013-01-29T20:00:00Z"


@pytest.mark.parametrize(
    "fmt, data",
    [
        ("frab-json", b'{"schedule": {"version": "1", "conference": {"title": "x", "days": [' + b"1" * 5000 + b"]}}}"),
        (None, b'{"schedule": {"version": "1", "conference": {"title": "x", "days": [' + b"1" * 5000 + b"]}}}"),
        ("sessionize", json.dumps([{"id": "1", "title": "t", "startsAt": "9999-12-31T23:59:59", "endsAt": "9999-12-31T23:59:59", "room": "r"}]).encode()),
        ("sessionize", json.dumps([{"id": "1", "title": "t", "startsAt": "0001-01-01T00:00:00", "endsAt": "0001-01-01T01:00:00", "room": "r"}]).encode()),
        (None, b'<?xml version="1.0" encoding="utf-7"?><schedule></schedule>'),
        ("frab-xml", b'<?xml version="1.0" encoding="utf-7"?><schedule></schedule>'),
        (None, b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:t\r\n"
               b"DTSTART:99991231T235959\r\nDTEND:99991231T235959\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
    ],
)
async def test_hostile_programmes_are_422(lt13: Api, fmt: str | None, data: bytes) -> None:
    path = "/v1/events/lt13/schedule" + (f"?format={fmt}" if fmt else "")
    status, body = await lt13.call("POST", path, data=data)
    assert_clean_4xx(status, body, 422)
    assert body["error"]["code"] == "schedule_invalid"


@pytest.mark.parametrize("value", [{"a": 1}, ["lt13"], 5, True])
async def test_an_active_event_that_is_not_text_is_422(lt13: Api, value: object) -> None:
    assert_clean_4xx(*await lt13.call("PUT", "/v1/settings", json={"active_event": value}), 422)


async def test_a_session_with_an_endless_ical_duration_is_skipped_not_a_500(lt13: Api) -> None:
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1@x\r\nSUMMARY:Endless\r\nDTSTART:20130130T100000Z\r\nDURATION:P99999999D\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:2@x\r\nSUMMARY:Keynote\r\nDTSTART:20130130T110000Z\r\nDTEND:20130130T120000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    status, body = await lt13.call("POST", "/v1/events/lt13/schedule", data=ics)
    assert status == 200, body


async def test_a_session_shorter_than_a_second_gets_a_real_length_not_a_500(lt13: Api) -> None:
    frab = {
        "schedule": {"version": "1", "conference": {"title": "LT13", "days": [{"index": 1, "date": "2013-01-30", "rooms": {"A1": [
            {"id": 1, "guid": "a", "title": "Blink", "date": "2013-01-30T10:00:00.100000+00:00", "start": "10:00", "duration": 0.005, "room": "A1"},
        ]}}]}}
    }
    status, body = await lt13.call("POST", "/v1/events/lt13/schedule?format=frab-json", data=json.dumps(frab).encode())
    assert status == 200, body
    status, sessions = await lt13.call("GET", "/v1/events/lt13/sessions")
    assert [s["end"] for s in sessions["sessions"]] == ["2013-01-30T10:30:00Z"]
