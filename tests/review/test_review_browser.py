"""The review page in real Chromium: an XSS corpus stored as tweets renders inert; the login link works once.

Payloads arrive every way they can: recorded by the extension's API, imported
from an archive (with hostile expanded URLs), and in the programme (a session
title, a speaker's name that lands in the thank-you textarea). Each tries to
set ``window.__xss`` and open a dialog; the test listens for dialogs, reads
the sentinel, and inspects the DOM for anything live: event-handler
attributes, javascript: links, scripts other than the page's own file,
inline styles, frames. The payloads must also still be there, as text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.archive.builders import build_zip, jpeg, tweet, ytd_file
from tests.support.helper_process import (
    ROOT,
    RunningHelper,
    backchannel,
    helper_env,
    start_helper,
)

PAYLOADS = [
    "<script>window.__xss=1;alert('script')</script>",
    '<img src=x onerror="window.__xss=1;alert(\'img\')">',
    "<svg onload=\"window.__xss=1;alert('svg')\"></svg>",
    '"><script>window.__xss=1;alert("quote")</script>',
    "'><img src=x onerror=alert('single')>",
    "</textarea><script>window.__xss=1;alert('textarea')</script>",
    "<a href=\"javascript:window.__xss=1;alert('href')\">click me</a>",
    "<iframe src=\"javascript:alert('frame')\"></iframe>",
    "<body onload=alert('body')>",
    "<math><mtext></p><script>alert('math')</script>",
    "<style>body{display:none}</style>",
    "＜script＞alert('fullwidth')＜/script＞ \u202eevil\u202c <scr\u200bipt>alert('zw')</scr\u200bipt>",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "&lt;script&gt;alert('pre-escaped')&lt;/script&gt;",
    "<div style=\"background:url(javascript:alert('css'))\">x</div>",
    "<object data=\"javascript:alert('object')\"></object>",
]


def _api(helper: RunningHelper, method: str, path: str, body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(helper.url + path, data=data, method=method,
                                      headers={"Authorization": f"Bearer {helper.token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def hostile_helper(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if not any(Path(c).exists() for c in ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")):
        pytest.skip("chromium is not installed: run scripts/test-deps.sh (apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'")
    tmp = tmp_path_factory.mktemp("review-browser")
    helper = start_helper(tmp)
    _api(helper, "POST", "/v1/events", {"slug": "lt13", "name": "LT13 <b>bold</b>", "hashtag": "LT13", "time_zone": "Europe/London",
                                         "starts_on": "2013-01-30", "ends_on": "2013-01-30"})
    _api(helper, "POST", "/v1/events/lt13/sessions", {
        "title": "<svg onload=\"window.__xss=1;alert('title')\"> Learning", "start": "2013-01-30T10:00", "end": "2013-01-30T11:00", "room": "A1",
        "speakers": [{"name": "</textarea><script>window.__xss=2;alert('speaker')</script>", "handles": {}}],
    })
    for i, payload in enumerate(PAYLOADS):
        _api(helper, "POST", "/v1/posts", {"client_id": str(uuid.uuid4()), "platform": "x", "text": payload + " #LT13",
                                           "posted_at": f"2013-01-30T10:{i + 1:02d}:00Z", "event": "lt13"})
    archive = build_zip(tmp / "hostile.zip", {"data/tweets.js": ytd_file([
        tweet("9001", "archive link https://t.co/js #LT13", "Wed Jan 30 10:30:00 +0000 2013", hashtags=("LT13",),
              urls=(("https://t.co/js", "javascript:window.__xss=1;alert('expanded')"),)),
        tweet("9002", "archive quote https://t.co/q #LT13", "Wed Jan 30 10:31:00 +0000 2013", hashtags=("LT13",),
              urls=(("https://t.co/q", 'https://example.com/"onmouseover="window.__xss=1'),)),
        tweet("9003", "<img src=x onerror=alert('archive')> #LT13", "Wed Jan 30 10:32:00 +0000 2013", hashtags=("LT13",)),
    ])})
    imported = backchannel(tmp, "import-archive", str(archive))
    assert imported.returncode == 0, imported.stderr
    yield tmp, helper
    helper.stop()


def _probe(tmp: Path, helper: RunningHelper, login: str, paths: list[str]) -> dict[str, Any]:
    home = tmp / "browser-home"
    home.mkdir(exist_ok=True)
    spec = tmp / "spec.json"
    spec.write_text(json.dumps({"base": helper.url, "login": login, "paths": paths, "home": str(home)}))
    env = helper_env(tmp)
    env["HOME"] = str(home)
    result = subprocess.run([sys.executable, "-m", "tests.review.probe", str(spec)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_xss_corpus_renders_inert_and_the_login_link_works_once(hostile_helper: Any) -> None:
    tmp, helper = hostile_helper
    printed = backchannel(tmp, "review", "--no-open")
    assert printed.returncode == 0, printed.stderr
    login = re.search(r"http://127\.0\.0\.1:\d+/review/login\?key=\S+", printed.stdout).group(0)  # type: ignore[union-attr]
    key = login.split("key=", 1)[1]
    paths = ["/review", "/review/events/lt13", "/review/events/lt13?has=links", "/review/search?q=script", "/review/search?q=archive"]
    report = _probe(tmp, helper, login, paths)

    assert report["dialogs"] == []
    # Logged in, and the key is gone from the address bar.
    assert report["login"]["url"] == helper.url + "/review"
    cookie = next(c for c in report["cookies"] if c["name"] == "bc_review")
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"]) == (True, "Strict", "/review")
    for path, found in report["pages"].items():
        assert found["status"] == 200, path
        assert found["xss"] is None, path
        assert found["handlers"] == [], path
        assert found["badLinks"] == [], path
        assert found["scripts"] == [helper.url + "/review/static/review.js"], path
        assert (found["styles"], found["frames"]) == (0, 0), path
        assert "script-src 'self'" in found["csp"] and "'unsafe-inline'" not in found["csp"], path
    event_text = report["pages"]["/review/events/lt13"]["text"]
    for payload in PAYLOADS[:4] + ["{{7*7}} ${7*7} <%= 7*7 %>", "&lt;script&gt;alert('pre-escaped')&lt;/script&gt;"]:
        assert payload in event_text, payload  # shown as the text it is
    assert "<svg onload=" in event_text  # the hostile session title, as text
    assert "</textarea><script>window.__xss=2" in event_text  # the hostile speaker, inside the thank-you draft
    assert "<img src=x onerror=alert('archive')>" in report["pages"]["/review/search?q=archive"]["text"]

    # The same link a second time: refused, no cookie, no page.
    assert report["second_login"]["status"] == 401
    assert not [c for c in report["second_cookies"] if c["name"] == "bc_review"]
    assert report["second_review"]["status"] == 401

    helper.stop()
    logs = (helper.process.stderr.read() if helper.process.stderr else "") + (helper.process.stdout.read() if helper.process.stdout else "")
    assert key not in logs


VIEWPORTS = {"desktop": [1280, 900], "phone": [390, 844]}
LAYOUT_PAGES = ["/review", "/review/events/c3", "/review/events/c3?has=photos", "/review/search?q=talk", "/review/outside",
                "/review/login?key=spent"]


@pytest.fixture(scope="module")
def busy_helper(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A three-day event with posts every hour in two rooms, a photo, and posts outside any event."""
    if not any(Path(c).exists() for c in ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")):
        pytest.skip("chromium is not installed: run scripts/test-deps.sh (apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'")
    tmp = tmp_path_factory.mktemp("review-layout")
    helper = start_helper(tmp)
    _api(helper, "POST", "/v1/events", {"slug": "c3", "name": "Chaos Communication Congress", "hashtag": "c3", "time_zone": "Europe/Berlin",
                                         "session_tag_pattern": "{hashtag}{room}", "starts_on": "2014-12-27", "ends_on": "2014-12-29"})
    for day in (27, 28, 29):
        for hour in range(10, 19):
            for room in ("Saal 1", "Saal 2"):
                _api(helper, "POST", "/v1/events/c3/sessions", {
                    "title": f"A talk about {room} things on the {day}th at {hour}:00 with a long and winding title",
                    "start": f"2014-12-{day}T{hour}:00", "end": f"2014-12-{day}T{hour}:50", "room": room})
    for day in (27, 28, 29):
        for hour in range(9, 18):
            for minute in range(0, 60, 7 if hour % 3 else 3):
                room = "Saal1" if minute % 2 else "Saal2"
                _api(helper, "POST", "/v1/posts", {"client_id": str(uuid.uuid4()), "platform": "x", "text": f"Good talk #c3 #c3{room}",
                                                   "posted_at": f"2014-12-{day}T{hour:02d}:{minute:02d}:00Z", "event": "c3",
                                                   "tips": [{"code": "CTX002", "level": "suggestion", "message": "Add the session tag."}]})
    archive = build_zip(tmp / "archive.zip", {
        "data/tweets.js": ytd_file([
            tweet("7001", "A photo from the talk #c3", "Sat Dec 27 12:30:00 +0000 2014", hashtags=("c3",), media_key="PhotoKey"),
            tweet("7002", "Holiday, no event", "Sat Jul 05 12:00:00 +0000 2014"),
        ]),
        "data/tweets_media/7001-PhotoKey.jpg": jpeg(),
    })
    assert backchannel(tmp, "import-archive", str(archive)).returncode == 0
    yield tmp, helper
    helper.stop()


def test_every_review_page_reads_well_at_desktop_and_phone_widths(busy_helper: Any) -> None:
    tmp, helper = busy_helper
    logins = {}
    for view in VIEWPORTS:  # a login link works once: one for each browser context
        printed = backchannel(tmp, "review", "--no-open")
        logins[view] = re.search(r"http://127\.0\.0\.1:\d+/review/login\?key=\S+", printed.stdout).group(0)  # type: ignore[union-attr]
    home = tmp / "browser-home"
    home.mkdir(exist_ok=True)
    spec = tmp / "layout.json"
    spec.write_text(json.dumps({"base": helper.url, "logins": logins, "paths": LAYOUT_PAGES, "home": str(home),
                                "shots": str(tmp / "screenshots"), "viewports": VIEWPORTS}))
    env = helper_env(tmp)
    env["HOME"] = str(home)
    result = subprocess.run([sys.executable, "-m", "tests.review.layout_probe", str(spec)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    for view in VIEWPORTS:
        for path in LAYOUT_PAGES:
            found = report[f"{view} {path}"]
            where = f"{view} {path}"
            assert found["status"] == (401 if "login" in path else 200), where
            assert found["stylesheet"], where  # styled, error pages included
            assert not found["scrollsSideways"], where
            assert found["overlaps"] == [], where
            assert Path(found["screenshot"]).stat().st_size > 5000, where
            for chart in found["charts"]:
                assert chart["svgWidth"] <= chart["boxWidth"] + 1, (where, chart["caption"])
                assert chart["values"] > 0 and chart["axes"] > 0, (where, chart["caption"])
            if found["charts"]:
                assert found["smallestText"] >= 9, where  # readable on a phone, too
    event = report["desktop /review/events/c3"]
    assert [c["caption"] for c in event["charts"]] == [
        "Posts per session", "Posts per hour (Europe/Berlin time)", "Tips followed over time (Europe/Berlin time)"]
    assert report["desktop /review/search?q=talk"]["marks"] > 0
