"""The toolbar popup in real Chromium: not paired (and exactly what to do), paired with the
active event and the session on now, and the switch that pauses coaching on x.com.

The browser starts with no native host in its profile, as a browser started with its own
profile (--user-data-dir) does; the test then installs it with `native-host install --profile`,
the command the popup names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

import pytest

from tests.extension.browser import ExtensionBrowser, extension_manifest, launch
from tests.extension.conftest import IN_SESSION, PANEL, add_programme
from tests.support.helper_process import RunningHelper, backchannel, helper_env, start_helper

if TYPE_CHECKING:
    from playwright.sync_api import Page, Playwright

@pytest.fixture(scope="module")
def helper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHelper]:
    running = start_helper(tmp_path_factory.mktemp("popup-helper"))
    add_programme(running.url, running.token)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(playwright: "Playwright", helper: RunningHelper, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExtensionBrowser]:
    env = {**helper_env(helper.data_dir.parent), "BACKCHANNEL_NATIVE_HOST_AUTOSTART": "0"}
    launched = launch(playwright, tmp_path_factory.mktemp("popup-browser"), env=env, native_host_data_dir=None)
    yield launched
    launched.close()


def popup(browser: ExtensionBrowser, at: str | None = None) -> "Page":
    page = browser.new_page()
    if at:
        page.clock.set_fixed_time(at)
    page.goto(f"chrome-extension://{browser.extension_id}/{extension_manifest()['action']['default_popup']}")
    return page


def test_the_toolbar_button_opens_the_popup() -> None:
    action = extension_manifest()["action"]
    assert action["default_popup"] == "popup/popup.html" and action["default_title"] == "Backchannel Coach"


def test_unpaired_popup_and_options_name_the_exact_next_step(browser: ExtensionBrowser) -> None:
    page = popup(browser)
    page.locator('[data-backchannel-popup="pairing"][data-state="not-paired"]').wait_for()
    steps = page.locator('[data-backchannel-popup="next-steps"]')
    steps.wait_for()
    text = str(steps.text_content())
    assert "make run" in text and "native-host install --browser chromium --profile DIR" in text
    assert page.locator('[data-backchannel-popup="next-steps"] code').count() >= 3  # commands shown as code
    page.close()
    options = browser.options_page()
    options.locator('[data-backchannel-options="pairing-status"][data-state="not-paired"]').wait_for()
    said = str(options.locator('[data-backchannel-options="pairing-steps"]').text_content())
    assert "“Pair by hand” below" in said and "in the extension options" not in said
    assert "Flatpak" in str(options.locator("#manual summary").text_content()) and "sandboxed" in str(options.locator("#manual summary").text_content())
    assert options.get_attribute("#manual-url", "placeholder") == "http://127.0.0.1:PORT (as make run printed it)"
    options.close()


def test_paired_popup_shows_the_event_and_the_session_on_now(browser: ExtensionBrowser, helper: RunningHelper) -> None:
    installed = backchannel(helper.data_dir.parent, "native-host", "install", "--browser", "chromium", "--profile", str(browser.profile))
    assert installed.returncode == 0, installed.stderr
    page = popup(browser, at=IN_SESSION)
    page.click("#pair-again")
    page.locator('[data-backchannel-popup="pairing"][data-state="paired"]').filter(has_text=helper.url).wait_for()
    assert page.locator('[data-backchannel-popup="next-steps"]').is_hidden()
    page.locator("#event-name").filter(has_text="Learning Technologies 2013 (#LT13)").wait_for()
    session = page.locator('[data-backchannel-popup="session"]')
    session.filter(has_text="On now").wait_for()
    assert str(session.text_content()) == "On now: “Learning in the flow of work” in A1, 10:00–11:00 GMT."
    page.close()
    later = popup(browser, at="2013-01-30T12:00:00Z")
    later.locator('[data-backchannel-popup="session"]').filter(has_text="Nothing on now.").wait_for()
    later.close()


def test_the_switch_pauses_coaching_on_x_and_back(browser: ExtensionBrowser) -> None:
    control = popup(browser)
    control.locator('[data-backchannel-popup="pairing"][data-state="paired"]').wait_for()
    assert control.is_checked("#coach-site")
    control.click("#coach-site")
    control.locator("#site-note").filter(has_text="Paused").wait_for()

    page = browser.new_page()
    page.clock.set_fixed_time(IN_SESSION)
    page.goto("https://x.com/home")
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("Most learning happens at work")
    paused = page.locator(f'{PANEL}[data-state="paused"] [data-backchannel-status]')
    paused.wait_for()
    assert re.search("paused on this site", str(paused.text_content()))
    assert page.locator(f"{PANEL} [data-rule]").count() == 0

    fresh = popup(browser)  # the choice outlives the popup
    fresh.locator("#site-note").filter(has_text="Paused").wait_for()
    assert not fresh.is_checked("#coach-site")
    fresh.click("#coach-site")
    fresh.locator("#site-note").filter(has_text="Tips appear").wait_for()
    page.keyboard.type(" and in the flow")
    page.locator(f'{PANEL}[data-state="ready"] [data-rule="CTX001"]').wait_for()
    for opened in (control, fresh, page):
        opened.close()
