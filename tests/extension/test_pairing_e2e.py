"""Pairing and its failures, in a real browser: not paired, pairing by hand on the
options page (browsers that cannot start native hosts), the native host installed
later, and the helper going down — each shown in the panel as a clear state.

The browser starts with no native host in its profile and host autostart off, so
the helper stays down once stopped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import pytest

from backchannel.native_host.install import install, plan
from tests.extension.browser import ExtensionBrowser, launch
from tests.extension.conftest import add_programme
from tests.support.helper_process import RunningHelper, helper_env, start_helper

if TYPE_CHECKING:
    from playwright.sync_api import Page, Playwright

PANEL = '[data-backchannel="coach"]'


@pytest.fixture(scope="module")
def helper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHelper]:
    running = start_helper(tmp_path_factory.mktemp("pairing-helper"))
    add_programme(running.url, running.token)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(playwright: "Playwright", helper: RunningHelper, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExtensionBrowser]:
    env = {**helper_env(helper.data_dir.parent), "BACKCHANNEL_NATIVE_HOST_AUTOSTART": "0"}
    launched = launch(playwright, tmp_path_factory.mktemp("pairing-browser"), env=env, native_host_data_dir=None)
    yield launched
    launched.close()


def typed_page(browser: ExtensionBrowser, text: str = "Most learning happens at work") -> "Page":
    page = browser.new_page()
    page.clock.set_fixed_time("2013-01-30T10:15:00Z")
    page.goto("https://x.com/home")
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type(text)
    return page


def panel_state(page: "Page", state: str) -> str:
    panel = page.locator(f'{PANEL}[data-state="{state}"]')
    panel.wait_for()
    return str(panel.locator("[data-backchannel-status]").text_content())


def test_unpaired_extension_says_how_to_pair(browser: ExtensionBrowser) -> None:
    page = typed_page(browser)
    message = panel_state(page, "not-paired")
    assert "make run" in message and "options" in message
    page.close()


def test_manual_pairing_on_the_options_page(browser: ExtensionBrowser, helper: RunningHelper) -> None:
    options = browser.options_page()
    options.locator("#manual summary").click()
    options.fill("#manual-url", helper.url)
    options.fill("#manual-token", "not-the-token")
    options.click('#manual-form button[type="submit"]')
    options.locator("#manual-result").filter(has_text="refused that token").wait_for()
    options.fill("#manual-token", helper.token)
    options.click('#manual-form button[type="submit"]')
    options.locator("#manual-result").filter(has_text=f"Paired by hand with {helper.url}").wait_for()
    assert options.input_value("#manual-token") == ""
    options.locator('[data-backchannel-options="pairing-status"][data-state="paired"]').filter(has_text="by hand").wait_for()
    options.close()
    page = typed_page(browser)
    page.locator(f'{PANEL}[data-state="ready"] [data-rule="CTX001"]').wait_for()
    page.close()


def test_manual_pairing_refuses_addresses_off_this_machine(browser: ExtensionBrowser) -> None:
    options = browser.options_page()
    options.locator("#manual summary").click()
    options.fill("#manual-url", "http://192.168.1.20:28841")
    options.fill("#manual-token", "whatever")
    options.click('#manual-form button[type="submit"]')
    options.locator("#manual-result").filter(has_text="only http://127.0.0.1:PORT").wait_for()
    options.close()


def test_native_pairing_takes_over_once_the_host_is_installed(browser: ExtensionBrowser, helper: RunningHelper) -> None:
    options = browser.options_page()
    options.locator("#manual summary").click()
    options.click("#manual-forget")
    options.locator("#manual-result").filter(has_text="Forgot").wait_for()
    # Chromium reads host manifests when the extension connects, so installing now is enough.
    install(plan(["chromium"], into=browser.profile / "NativeMessagingHosts"), data_dir=helper.data_dir)
    options.click("#pair-again")
    options.locator('[data-backchannel-options="pairing-status"][data-state="paired"]').filter(has_text="through the native host").wait_for()
    options.close()


def test_helper_down_is_shown_in_the_panel(browser: ExtensionBrowser, helper: RunningHelper) -> None:
    page = typed_page(browser)
    page.locator(f'{PANEL}[data-state="ready"]').wait_for()
    helper.stop()
    page.keyboard.type(" and in the flow")
    message = panel_state(page, "helper-down")
    assert message.startswith("The Backchannel helper is not running — start it with `make run`")
    assert page.locator(f"{PANEL} [data-rule]").count() == 0
    page.close()


def test_the_panel_recovers_when_the_helper_comes_back_on_another_port(browser: ExtensionBrowser, helper: RunningHelper) -> None:
    page = typed_page(browser)
    panel_state(page, "helper-down")
    again = start_helper(helper.data_dir.parent)  # port 0: a new port, found through the native host
    try:
        assert again.url != helper.url
        # No keystroke: the panel looks again by itself.
        page.locator(f'{PANEL}[data-state="ready"] [data-rule="CTX001"]').wait_for(timeout=15_000)
    finally:
        again.stop()
        page.close()
