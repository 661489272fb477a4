from __future__ import annotations

import pytest

from backchannel.server import create_app
from backchannel.server.guard import guard
from backchannel.server.routes import ROUTES
from backchannel.store import Store
from tests.server.conftest import TOKEN, Api

LT13 = {"slug": "lt13", "name": "Learning Technologies 2013", "hashtag": "LT13", "time_zone": "Europe/London", "session_tag_pattern": "{hashtag}{room}"}
SESSION = {
    "title": "Learning in the flow of work", "start": "2013-01-30T10:00", "end": "2013-01-30T11:00", "room": "A1",
    "speakers": [{"name": "Priya Raman", "handles": {"x": "@priyaraman"}}],
}


async def test_health(api: Api) -> None:
    status, body = await api.call("GET", "/v1/health")
    assert status == 200
    assert body["status"] == "ok" and body["database"]["status"] == "ok" and body["version"]


async def test_check_returns_the_cli_shape(api: Api) -> None:
    status, body = await api.call("POST", "/v1/check", json={"text": "Hello #LT13 @priyaraman https://example.com"})
    assert status == 200
    assert set(body) >= {"length", "entities", "tips"}
    rest = {k: v for k, v in body["length"].items() if k not in ("weighted", "limit", "valid")}
    assert body["length"] == {"weighted": 47, "limit": 280, "valid": True} | rest
    assert [h["text"] for h in body["entities"]["hashtags"]] == ["LT13"]
    assert [m["text"] for m in body["entities"]["mentions"]] == ["priyaraman"]
    assert len(body["entities"]["urls"]) == 1


async def test_event_session_and_check_in_context(api: Api) -> None:
    assert (await api.call("POST", "/v1/events", json=LT13))[0] == 201
    status, session = await api.call("POST", "/v1/events/lt13/sessions", json=SESSION)
    assert status == 201
    assert session["tag"] == "LT13A1"
    assert session["start"] == "2013-01-30T10:00:00Z"  # London is UTC in January
    status, body = await api.call("POST", "/v1/check", json={"text": "Most learning happens at work", "event": "lt13", "at": "2013-01-30T10:30:00Z"})
    assert status == 200
    codes = {t["code"] for t in body["tips"]}
    assert {"CTX001", "CTX002", "CTX003"} <= codes
    assert body["session"] == session["id"]
    ctx001 = next(t for t in body["tips"] if t["code"] == "CTX001")
    assert ctx001["fix"]["result"] == "Most learning happens at work #LT13"


async def test_active_event_via_settings(api: Api) -> None:
    await api.call("POST", "/v1/events", json=LT13)
    status, body = await api.call("PUT", "/v1/settings", json={"active_event": "lt13", "rules.FLW003.max_hashtags": 1})
    assert status == 200
    assert body["settings"]["active_event"]["value"] == "lt13"
    status, body = await api.call("POST", "/v1/check", json={"text": "Two tags #a #b"})
    codes = {t["code"] for t in body["tips"]}
    assert "CTX001" in codes and "FLW003" in codes
    status, body = await api.call("PUT", "/v1/settings", json={"active_event": "nope"})
    assert status == 404 and body["error"]["code"] == "not_found"


async def test_rules_catalogue(api: Api) -> None:
    status, body = await api.call("GET", "/v1/rules")
    assert status == 200
    assert {r["code"] for r in body["rules"]} >= {"CTX001", "LEN001"}
    status, rule = await api.call("GET", "/v1/rules/unattributed-quote")
    assert rule["code"] == "CTX004" and rule["docs"]["why"]
    status, body = await api.call("GET", "/v1/rules/NOPE99")
    assert status == 404


async def test_switching_a_rule_off(api: Api) -> None:
    await api.call("PUT", "/v1/settings", json={"rules.CTX005.enabled": False})
    status, body = await api.call("POST", "/v1/check", json={"text": "https://example.com"})
    assert "CTX005" not in {t["code"] for t in body["tips"]}
    status, body = await api.call("GET", "/v1/rules/CTX005")
    assert body["enabled"] is False


async def test_patch_event(api: Api) -> None:
    await api.call("POST", "/v1/events", json=LT13)
    status, body = await api.call("PATCH", "/v1/events/lt13", json={"aliases": ["LearningTech13"]})
    assert status == 200 and body["aliases"] == ["LearningTech13"]
    status, body = await api.call("GET", "/v1/events")
    assert [e["slug"] for e in body["events"]] == ["lt13"]


ERROR_CASES = [
    ("POST", "/v1/check", {"data": b"{not json", "headers": {"Content-Type": "application/json"}}, 400, "bad_request"),
    ("POST", "/v1/check", {"data": b"\xff\xfe{}", "headers": {"Content-Type": "application/json"}}, 400, "bad_request"),
    ("POST", "/v1/check", {"data": b"[1, 2]", "headers": {"Content-Type": "application/json"}}, 400, "bad_request"),
    ("POST", "/v1/check", {"data": b"text=hi", "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 415, "unsupported_media_type"),
    ("POST", "/v1/check", {"json": {"text": 5}}, 422, "invalid_input"),
    ("POST", "/v1/check", {"json": {"text": "hi", "platform": "myspace"}}, 422, "invalid_input"),
    ("POST", "/v1/check", {"json": {"text": "hi", "platfrom": "x"}}, 422, "invalid_input"),
    ("POST", "/v1/check", {"json": {"text": "hi", "event": "nope"}}, 404, "not_found"),
    ("POST", "/v1/check", {"json": {"text": "hi", "at": "yesterday"}}, 422, "invalid_input"),
    ("POST", "/v1/check", {"data": b"[" * 100_000, "headers": {"Content-Type": "application/json"}}, 400, "bad_request"),
    ("POST", "/v1/check", {"data": b'{"text": "a\\ud800b"}', "headers": {"Content-Type": "application/json"}}, 400, "bad_request"),
    ("POST", "/v1/check", {"data": b"", "headers": {"Content-Type": "application/json"}}, 400, "bad_request"),
    (
        "POST", "/v1/check", {"data": b'{"text": "' + b"a" * (2 * 1024 * 1024) + b'"}', "headers": {"Content-Type": "application/json"}}, 413,
        "payload_too_large",
    ),
    ("POST", "/v1/events", {"json": {"slug": "Bad Slug", "name": "x"}}, 422, "invalid_input"),
    ("GET", "/v1/events/nope", {}, 404, "not_found"),
    ("GET", "/v1/nowhere", {}, 404, "not_found"),
    ("DELETE", "/v1/check", {}, 405, "method_not_allowed"),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "code"), ERROR_CASES)
async def test_bad_input_gets_one_error_shape(api: Api, method: str, path: str, kwargs: dict, status: int, code: str) -> None:  # type: ignore[type-arg]
    got, body = await api.call(method, path, **kwargs)
    assert got == status
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"] and "Traceback" not in body["error"]["message"]


async def test_unknown_addresses_and_methods_are_guarded_too(api: Api) -> None:
    """The catch-all behind every route: a 405 names the methods the address takes, a 404 is
    the one error shape with the security headers, and neither answers without the token."""
    async with api.client.request("DELETE", "/v1/events/lt13", headers=api.headers) as response:
        assert response.status == 405
        assert set(response.headers["Allow"].split(",")) == {"GET", "HEAD", "PATCH"}
    async with api.client.request("GET", "/v1/nowhere", headers=api.headers) as response:
        assert response.status == 404
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert (await response.json())["error"]["code"] == "not_found"
    async with api.client.request("GET", "/v1/nowhere") as response:
        assert response.status == 401
    async with api.client.request("GET", "/anything", headers={**api.headers, "Origin": "https://evil.example"}) as response:
        assert response.status == 403


async def test_conflict_keeps_the_first_event(api: Api) -> None:
    await api.call("POST", "/v1/events", json=LT13)
    status, body = await api.call("POST", "/v1/events", json={**LT13, "name": "Other"})
    assert status == 409 and body["error"]["code"] == "conflict"
    status, event = await api.call("GET", "/v1/events/lt13")
    assert event["name"] == LT13["name"]


async def test_programme_import_now_and_speakers(api: Api) -> None:
    from tests.store.test_programmes import TALKS, sessionize

    await api.call("POST", "/v1/events", json={"slug": "tc", "name": "Test Conf", "hashtag": "TC26", "time_zone": "Europe/Brussels"})
    status, report = await api.call("POST", "/v1/events/tc/schedule?filename=s.json", data=sessionize(TALKS), headers={"Content-Type": "application/json"})
    assert status == 200, report
    assert report["sessions"]["added"] == 3 and report["format"] == "sessionize"
    status, now = await api.call("GET", "/v1/events/tc/now?at=2026-02-01T11:10&platform=x")
    assert status == 200 and now["snippet"] == "#TC26 “Closing talk” — @ada_l, Alan Turing"
    status, speakers = await api.call("GET", "/v1/events/tc/speakers")
    alan = next(s for s in speakers["speakers"] if s["name"] == "Alan Turing")
    status, patched = await api.call("PATCH", f"/v1/events/tc/speakers/{alan['id']}", json={"handles": {"x": "alan_t"}})
    assert status == 200 and patched["handles"] == {"x": "@alan_t"}
    status, now = await api.call("GET", "/v1/events/tc/now?at=2026-02-01T11:10")
    assert now["snippet"].endswith("— @ada_l, @alan_t")
    status, kit = await api.call("GET", "/v1/events/tc/kit?platform=x")
    assert status == 200 and kit["follow"]["x"] == ["@ada_l", "@alan_t"]


async def test_untrusted_programme_is_a_clean_422(api: Api) -> None:
    await api.call("POST", "/v1/events", json={"slug": "tc", "name": "Test Conf"})
    status, body = await api.call("POST", "/v1/events/tc/schedule", data=b"\x89PNG\r\n\x1a\nnot a programme")
    assert status == 422 and body["error"]["code"] == "schedule_invalid"
    status, body = await api.call("POST", "/v1/events/tc/schedule", data=b"")
    assert status == 400
    status, body = await api.call("GET", "/v1/events/tc/now?platform=myspace")
    assert status == 422
    status, body = await api.call("PATCH", "/v1/events/tc/speakers/abc", json={"handles": {}})
    assert status in (404, 422)


async def test_every_answer_carries_the_security_headers(api: Api) -> None:
    for method, path in (("GET", "/v1/health"), ("GET", "/v1/nowhere"), ("POST", "/v1/check")):
        async with api.client.request(method, path, headers=api.headers) as response:
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["Cache-Control"] == "no-store"
            assert "default-src 'none'" in response.headers["Content-Security-Policy"]
            assert "Access-Control-Allow-Origin" not in response.headers


async def test_an_event_made_without_a_zone_says_so(api: Api) -> None:
    status, event = await api.call("POST", "/v1/events", json={"slug": "nozone", "name": "No zone"})
    assert status == 201 and event["time_zone"] == "UTC" and "No time_zone given" in event["notes"][0]
    status, zoned = await api.call("POST", "/v1/events", json={"slug": "zoned", "name": "Zoned", "time_zone": "Europe/Berlin"})
    assert status == 201 and "notes" not in zoned


async def test_sessions_can_be_changed_and_removed_over_the_api(api: Api) -> None:
    event = {"slug": "ev", "name": "Ev", "time_zone": "Europe/Berlin", "hashtag": "ev", "session_tag_pattern": "{hashtag}{room}"}
    await api.call("POST", "/v1/events", json=event)
    status, session = await api.call("POST", "/v1/events/ev/sessions", json={"title": "T", "start": "2026-05-01T10:00", "end": "2026-05-01T11:00", "room": "A"})
    assert status == 201
    edit = {"room": "B", "end": "2026-05-01T11:30", "speakers": [{"name": "Jo"}]}
    status, changed = await api.call("PATCH", f"/v1/events/ev/sessions/{session['id']}", json=edit)
    assert status == 200 and changed["room"] == "B" and changed["end"] == "2026-05-01T09:30:00Z" and changed["tag"] == "evB"
    assert [s["name"] for s in changed["speakers"]] == ["Jo"]
    status, cleared = await api.call("PATCH", f"/v1/events/ev/sessions/{session['id']}", json={"room": None})
    assert status == 200 and cleared["room"] is None
    status, bad = await api.call("PATCH", f"/v1/events/ev/sessions/{session['id']}", json={"title": None})
    assert status == 422 and bad["error"]["details"]["field"] == "title"
    # A path id that is no number names no session (404, as every path id does; docs/API.md).
    status, bad = await api.call("PATCH", "/v1/events/ev/sessions/abc", json={"room": "C"})
    assert status == 404
    status, removed = await api.call("DELETE", f"/v1/events/ev/sessions/{session['id']}")
    assert status == 200 and removed["removed"]["id"] == session["id"]
    status, _ = await api.call("DELETE", f"/v1/events/ev/sessions/{session['id']}")
    assert status == 404



def test_the_guard_is_the_applications_middleware(store: Store) -> None:
    """Every request passes the guard because it is the application's middleware, not because each
    route in the URL table was wrapped: the table's handlers are registered as they are written."""
    app = create_app(store, TOKEN)
    assert list(app.middlewares) == [guard]
    registered = {(route.method, route.resource.canonical): route.handler for route in app.router.routes() if route.resource is not None}
    for method, path, handler in ROUTES:
        assert registered[(method, path)] is handler


async def test_a_session_marked_not_to_post_and_an_event_policy(api: Api) -> None:
    await api.call("POST", "/v1/events", json=LT13)
    _, session = await api.call("POST", "/v1/events/lt13/sessions", json=SESSION)
    assert session["do_not_record"] is False and session["do_not_post"] is None
    draft = {"text": "Priya: informal learning is 70% of learning #LT13 #LT13A1", "event": "lt13", "at": "2013-01-30T10:30:00Z"}
    status, body = await api.call("PATCH", f"/v1/events/lt13/sessions/{session['id']}", json={"do_not_post": "speaker asked"})
    assert status == 200 and body["do_not_post"] == "speaker asked"
    _, checked = await api.call("POST", "/v1/check", json=draft)
    assert "GDE001" in [t["code"] for t in checked["tips"]]
    status, body = await api.call("PATCH", f"/v1/events/lt13/sessions/{session['id']}", json={"do_not_post": None, "room": "A2"})
    assert status == 200 and body["do_not_post"] is None and body["room"] == "A2"
    status, body = await api.call("PATCH", "/v1/events/lt13", json={"posting_policy": "No photos of slides"})
    assert status == 200 and body["posting_policy"] == "No photos of slides"
    status, body = await api.call("PATCH", "/v1/events/lt13", json={"posting_policy": "x" * 301})
    assert status == 422 and body["error"]["code"] == "invalid_input"
