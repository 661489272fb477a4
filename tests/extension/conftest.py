"""Browser fixtures: one Playwright per session, Chromium from Debian.

Browser tests skip (with the reason) only when Chromium or Playwright truly
is not there; `make test` installs both (scripts/test-deps.sh), so in CI
they run.
"""

from __future__ import annotations

import json
import urllib.request
from typing import TYPE_CHECKING, Any, Callable, Iterator

import pytest

from tests.extension.browser import ExtensionBrowser, build_fixtures, chromium_executable

if TYPE_CHECKING:
    from playwright.sync_api import Page, Playwright

IN_SESSION = "2013-01-30T10:15:00Z"  # inside the example programme's session (add_programme)
PANEL = '[data-backchannel="coach"]'
READY = f'{PANEL}[data-state="ready"]'


@pytest.fixture(scope="module")
def playwright() -> Iterator["Playwright"]:
    # Module scope, not session: a live sync Playwright keeps an event loop running in this
    # thread, and the asyncio tests that come after the browser tests need it stopped.
    if chromium_executable() is None:
        pytest.skip("chromium is not installed: run scripts/test-deps.sh (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: pip install -e '.[test]'")
    build_fixtures()
    with sync_playwright() as running:
        yield running


@pytest.fixture
def open_x(browser: ExtensionBrowser) -> Iterator[Callable[..., "Page"]]:
    """Open a fixture page at an x.com URL with the page clock fixed; closes what it opened.

    Each browser test module provides its own `browser` (its helper and environment differ).
    """
    pages: list["Page"] = []

    def open_(url: str = "https://x.com/home", at: str = IN_SESSION, wait_for_panel: bool = True) -> "Page":
        page = browser.new_page()
        pages.append(page)
        page.clock.set_fixed_time(at)
        page.goto(url)
        page.wait_for_function("window.__fixture && document.querySelector('.app')")
        if wait_for_panel:
            page.locator(PANEL).first.wait_for(state="attached")
        return page

    yield open_
    for page in pages:
        if not page.is_closed():
            page.close()


def api(url: str, token: str, method: str, path: str, body: Any = None) -> Any:
    """Call the helper as the CLI would (no Origin), for arranging and checking state."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + path, data=data, method=method, headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def add_programme(url: str, token: str) -> None:
    """The event from PRODUCT.md: LT13 with one session in room A1 on 30 January 2013, 10:00–11:00 London."""
    api(url, token, "POST", "/v1/events", {"slug": "lt13", "name": "Learning Technologies 2013", "hashtag": "LT13",
                                           "time_zone": "Europe/London", "session_tag_pattern": "{hashtag}{room}"})
    api(url, token, "POST", "/v1/events/lt13/sessions", {"title": "Learning in the flow of work", "start": "2013-01-30T10:00", "end": "2013-01-30T11:00",
                                                         "room": "A1", "speakers": [{"name": "Priya Raman", "handles": {"x": "@priyaraman"}}]})
    api(url, token, "PUT", "/v1/settings", {"active_event": "lt13"})
