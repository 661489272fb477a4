"""Every route, driven with hostile path parts, queries and bodies: no 5xx, no traceback in the log, no hang.

The routes come from the application's own URL table, so a new route is in the
suite the day it is added. A request that takes longer than the client's
timeout (a hang) fails the property as surely as a 500 does.
"""

from __future__ import annotations

import http.client
import json
import re
import urllib.parse
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from backchannel.server import create_app
from backchannel.server.guard import NO_ROUTE
from backchannel.server.models import CheckRequest, EventCreate, EventPatch, PostRecord, SessionCreate, SpeakerPatch
from backchannel.store import Store
from tests.properties.conftest import TOKEN, LiveHelper
from tests.properties.strategies import date_strings, encode, encodings, integers, json_values, raw_json, shaped, texts

TIMEOUT = 30  # seconds: a request still unanswered by then is a hang


def _routes() -> list[tuple[str, str]]:
    app = create_app(Store(":memory:"), "unused")
    found = set()
    for route in app.router.routes():
        if route.resource is None or route.resource.name == NO_ROUTE or route.method == "HEAD":
            continue
        info = route.resource.get_info()
        found.add((route.method, info.get("path") or info.get("formatter")))
    return sorted(found)


ROUTES = _routes()
MODELS: dict[tuple[str, str], list[str]] = {
    ("POST", "/v1/check"): list(CheckRequest.model_fields),
    ("POST", "/v1/posts"): list(PostRecord.model_fields),
    ("POST", "/v1/events"): list(EventCreate.model_fields),
    ("PATCH", "/v1/events/{slug}"): list(EventPatch.model_fields),
    ("POST", "/v1/events/{slug}/sessions"): list(SessionCreate.model_fields),
    ("PATCH", "/v1/events/{slug}/speakers/{speaker_id}"): list(SpeakerPatch.model_fields),
    ("PUT", "/v1/settings"): ["active_event", "active_room", "rules.FLW003.max_hashtags", "platform"],
}
QUERY_NAMES = ["session", "limit", "before", "at", "room", "platform", "q", "event", "has", "format", "key", "next", "filename"]

path_parts = st.one_of(
    st.just("lt13"), st.just("1"), integers.map(str), texts, st.sampled_from(["%C2%B2", "%00", "..", "a%2Fb", "0" * 64, "CTX001", "review.css"]),
)
query_values = st.one_of(integers.map(str), date_strings, texts, st.sampled_from(["md", "csv", "html", "json", "x", "photos", "/review/x"]))
queries = st.dictionaries(st.sampled_from(QUERY_NAMES), query_values, max_size=4)
json_bodies = st.one_of(raw_json.map(str.encode), json_values.map(lambda v: json.dumps(v).encode() if _dumpable(v) else b"{}"))


def _dumpable(value: Any) -> bool:
    try:
        json.dumps(value)
        return True
    except ValueError:
        return False


def _fill(path: str, parts: list[str]) -> str:
    filled = path
    for name, value in zip(re.findall(r"\{(\w+)\}", path), parts):
        # Escapes already in the value ("%C2%B2") go as they are; everything else is quoted.
        quoted = urllib.parse.quote(value, safe="%" if "%" in value else "")
        filled = filled.replace("{" + name + "}", quoted or "x", 1)
    return filled


def send(live: LiveHelper, method: str, path: str, body: bytes | None, content_type: str | None) -> tuple[int, bytes, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", live.port, timeout=TIMEOUT)
    headers = {"Host": f"127.0.0.1:{live.port}", "Authorization": f"Bearer {TOKEN}", "Cookie": live.cookie}
    if method not in ("GET", "HEAD"):
        headers["Origin"] = f"http://127.0.0.1:{live.port}"
    if content_type:
        headers["Content-Type"] = content_type
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read(), {k.lower(): v for k, v in response.getheaders()}
    finally:
        conn.close()


def assert_clean(live: LiveHelper, status: int, body: bytes, headers: dict[str, str]) -> None:
    logged = live.log.take()  # first, so a failing example leaves nothing for the next one
    assert status < 500, body[:500]
    assert logged == []
    if status >= 400 and headers.get("content-type", "").startswith("application/json"):
        assert set(json.loads(body)["error"]) == {"code", "message", "details"}


@given(data=st.data())
def test_every_route_with_hostile_path_and_query(live: LiveHelper, data: st.DataObject) -> None:
    method, path = data.draw(st.sampled_from(ROUTES))
    parts = data.draw(st.lists(path_parts, min_size=3, max_size=3))
    query = urllib.parse.urlencode(data.draw(queries))
    target = _fill(path, parts) + (f"?{query}" if query else "")
    body = data.draw(json_bodies) if method in ("POST", "PUT", "PATCH") else None
    assert_clean(live, *send(live, method, target, body, "application/json" if body is not None else None))


@given(data=st.data())
def test_every_json_route_with_hostile_bodies(live: LiveHelper, data: st.DataObject) -> None:
    method, path = data.draw(st.sampled_from(sorted(MODELS)))
    fields = MODELS[(method, path)]
    kind = data.draw(st.sampled_from(["shaped", "raw", "encoded"]))
    if kind == "shaped":
        body = json.dumps(data.draw(shaped(fields)), allow_nan=True).encode()
    elif kind == "raw":
        body = data.draw(raw_json).encode()
    else:
        body = encode(json.dumps(data.draw(shaped(fields)), ensure_ascii=False), data.draw(encodings))
    target = _fill(path, ["lt13", data.draw(path_parts), "x"])
    assert_clean(live, *send(live, method, target, body, "application/json"))


PHOTO_HEADS = [b"GIF89a", b"GIF87a", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"RIFF\x00\x00\x00\x00WEBPVP8 ", b"", b"BM"]


@given(head=st.sampled_from(PHOTO_HEADS), rest=st.binary(max_size=2000), width=st.integers(0, 65535), height=st.integers(0, 65535))
def test_photos_with_hostile_bytes(live: LiveHelper, head: bytes, rest: bytes, width: int, height: int) -> None:
    size = width.to_bytes(2, "little") + height.to_bytes(2, "little")
    assert_clean(live, *send(live, "POST", "/v1/photos", head + size + rest, "application/octet-stream"))


@given(body=st.binary(max_size=3000) | raw_json.map(str.encode), fmt=st.sampled_from(["", "ical", "frab-json", "frab-xml", "sessionize", "nope"]))
def test_schedule_import_with_hostile_bytes(live: LiveHelper, body: bytes, fmt: str) -> None:
    target = "/v1/events/lt13/schedule" + (f"?format={fmt}" if fmt else "")
    assert_clean(live, *send(live, "POST", target, body, "application/octet-stream"))
