"""End to end: the real extension in Chromium, paired with the real helper through
the real native host, coaching Draft.js composers at x.com URLs.

One browser for the module. The helper knows one event (LT13) with one session,
10:00–11:00 London on 30 January 2013; each page's clock is set inside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

import pytest

from tests.extension.browser import ExtensionBrowser, launch
from tests.extension.conftest import IN_SESSION, PANEL, READY, add_programme, api
from tests.extension.https_origin import HttpsOrigin, start_https_origin
from tests.support.helper_process import RunningHelper, backchannel, helper_env, start_helper

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page, Playwright

BETWEEN_SESSIONS = "2013-01-30T12:30:00Z"
DRAFT = "Most learning happens at work, not in courses"


@pytest.fixture(scope="module")
def helper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHelper]:
    running = start_helper(tmp_path_factory.mktemp("e2e-helper"))
    add_programme(running.url, running.token)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HttpsOrigin]:
    origin = start_https_origin(tmp_path_factory.mktemp("evil"))
    yield origin
    origin.stop()


@pytest.fixture(scope="module")
def browser(playwright: "Playwright", helper: RunningHelper, evil: HttpsOrigin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExtensionBrowser]:
    env = helper_env(helper.data_dir.parent)
    launched = launch(playwright, tmp_path_factory.mktemp("e2e-browser"), env=env, native_host_data_dir=helper.data_dir,
                      extra_args=[f"--host-resolver-rules={evil.resolver_rule}", "--ignore-certificate-errors"])
    yield launched
    launched.close()


def type_into(page: "Page", text: str, box: str = '[data-testid="tweetTextarea_0"]') -> None:
    page.locator(box).last.click()
    page.keyboard.press("End")
    page.keyboard.type(text)


def draft(page: "Page", index: int = 0) -> str:
    return str(page.evaluate(f"__fixture.editors[{index}]()"))


def tip(page: "Page", code: str) -> "Locator":
    return page.locator(f'{READY} [data-rule="{code}"]')


def wait_for_draft(page: "Page", expected: str, index: int = 0) -> None:
    page.wait_for_function(f"__fixture.editors[{index}]() === {expected!r}", timeout=5000)


def test_a_draft_without_the_event_hashtag_gets_ctx001_and_the_length_left(open_x: Any, helper: RunningHelper) -> None:
    page = open_x("https://x.com/home")
    type_into(page, DRAFT)
    ctx001 = tip(page, "CTX001")
    ctx001.wait_for()
    assert ctx001.get_attribute("data-level") == "suggestion"
    assert "#LT13" in ctx001.locator(".message").text_content()
    expected = api(helper.url, helper.token, "POST", "/v1/check", {"text": DRAFT, "platform": "x", "at": IN_SESSION})
    assert page.locator(f"{READY} [data-backchannel-length]").text_content() == f"{280 - expected['length']['weighted']} left"
    assert {t["code"] for t in expected["tips"]} == set(page.locator(f"{READY} [data-rule]").evaluate_all("els => els.map(e => e.dataset.rule)"))


@pytest.mark.parametrize(
    ("url", "box", "index"),
    [
        ("https://x.com/home", '[data-testid="tweetTextarea_0"]', 0),
        ("https://x.com/compose/post", '[role="dialog"] [data-testid="tweetTextarea_0"]', 0),
        ("https://x.com/priyaraman/status/1296887091901718529", '[data-testid="tweetTextarea_0"]', 0),
        ("https://x.com/compose/post?thread=2", '[data-testid="tweetTextarea_1"]', 1),
        ("https://mobile.x.com/home?layout=mobile", '[data-testid="tweetTextarea_0"]', 0),
        ("https://twitter.com/home?editor=plain", '[data-testid="tweetTextarea_0"]', 0),
    ],
    ids=["inline", "modal", "reply", "thread", "mobile-textarea", "plain-contenteditable"],
)
def test_the_fix_puts_the_hashtag_into_the_editors_state(open_x: Any, url: str, box: str, index: int) -> None:
    page = open_x(url)
    type_into(page, DRAFT, box)
    tip(page, "CTX001").wait_for()
    page.locator(f'{READY} [data-backchannel-fix="CTX001"]').click()
    wait_for_draft(page, f"{DRAFT} #LT13", index)
    # The panel checks the fixed draft again, and the tip is gone.
    tip(page, "CTX001").wait_for(state="detached")
    assert page.locator(f"{READY} [data-backchannel-notice]").text_content() == ""


def _import_tiny_programme_with_slides(helper: RunningHelper) -> None:
    """The Tiny Chaos Congress fixture, its opening (27 Dec 2014, 11:00 Berlin) given a programme page and slides."""
    import urllib.request
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "schedules" / "fixtures" / "frab-night.xml"
    twitter = "<link href='https://twitter.com/tinycc'>Twitter</link>"
    data = fixture.read_text(encoding="utf-8").replace(twitter, twitter + "<link href='https://speakerdeck.com/tiny/opening'>Opening slides</link>")
    data = data.replace("<slug>tinycc_-_4101", "<url>https://tiny.example.org/events/4101.html</url><slug>tinycc_-_4101", 1)
    api(helper.url, helper.token, "POST", "/v1/events", {"slug": "tinycc", "name": "Tiny Chaos Congress", "hashtag": "tinycc"})
    request = urllib.request.Request(f"{helper.url}/v1/events/tinycc/schedule?force=true", data=data.encode(), method="POST",
                                     headers={"Authorization": f"Bearer {helper.token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


def test_gde004_offers_the_slides_and_the_programme_page_as_two_buttons(open_x: Any, helper: RunningHelper) -> None:
    _import_tiny_programme_with_slides(helper)
    api(helper.url, helper.token, "PUT", "/v1/settings", {"active_event": "tinycc"})
    try:
        page = open_x("https://x.com/home", at="2014-12-27T10:10:00Z")
        type_into(page, "Slides are online #tinycc")
        tip(page, "GDE004").wait_for(timeout=15000)
        buttons = page.locator(f'{READY} [data-rule="GDE004"] [data-backchannel-fix]')
        assert buttons.all_text_contents() == ["Add the slides link", "Add the programme link"]
        buttons.nth(1).click()
        wait_for_draft(page, "Slides are online #tinycc https://tiny.example.org/events/4101.html")
        tip(page, "GDE004").wait_for(state="detached")
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        type_into(page, "Slides are online #tinycc")
        tip(page, "GDE004").wait_for(timeout=15000)
        page.locator(f'{READY} [data-rule="GDE004"] [data-backchannel-fix]').first.click()
        wait_for_draft(page, "Slides are online #tinycc https://speakerdeck.com/tiny/opening")
    finally:
        api(helper.url, helper.token, "PUT", "/v1/settings", {"active_event": "lt13"})


def test_text_the_editor_refuses_goes_to_the_clipboard_and_the_panel_says_so(open_x: Any, browser: ExtensionBrowser) -> None:
    browser.context.grant_permissions(["clipboard-read", "clipboard-write"], origin="https://x.com")
    page = open_x("https://x.com/home?paste=ignore")
    type_into(page, DRAFT)
    tip(page, "CTX001").wait_for()
    page.locator(f'{READY} [data-backchannel-fix="CTX001"]').click()
    page.locator(f"{READY} [data-backchannel-notice]").filter(has_text="on your clipboard").wait_for()
    assert draft(page) == DRAFT
    assert page.evaluate("navigator.clipboard.readText()") == "#LT13"


def test_thread_panel_says_which_post_it_coaches(open_x: Any) -> None:
    page = open_x("https://x.com/compose/post?thread=2")
    type_into(page, DRAFT, '[data-testid="tweetTextarea_1"]')
    tip(page, "CTX001").wait_for()
    assert page.locator(f"{READY} .post").text_content() == "post 2 of 2"


def test_attach_session_context_inserts_the_snippet_for_the_session_on_now(open_x: Any, helper: RunningHelper) -> None:
    page = open_x("https://x.com/home")
    type_into(page, DRAFT)
    tip(page, "CTX001").wait_for()
    page.locator(f'{READY} [data-backchannel-action="attach-session"]').click()
    snippet = api(helper.url, helper.token, "GET", f"/v1/events/lt13/now?at={IN_SESSION}&platform=x")["snippet"]
    assert snippet.startswith("#LT13 #LT13A1") and "@priyaraman" in snippet
    wait_for_draft(page, f"{DRAFT} {snippet}")
    tip(page, "CTX001").wait_for(state="detached")


def test_attach_session_context_into_an_empty_draft_with_a_hashtag_already_there(open_x: Any) -> None:
    page = open_x("https://x.com/home")
    type_into(page, "Great point #lt13")
    page.locator(f"{READY}").wait_for()
    page.locator(f'{READY} [data-backchannel-action="attach-session"]').click()
    wait_for_draft(page, "Great point #lt13 #LT13A1 “Learning in the flow of work” — @priyaraman")


def test_attach_session_context_between_sessions_says_so_and_changes_nothing(open_x: Any) -> None:
    page = open_x("https://x.com/home", at=BETWEEN_SESSIONS)
    type_into(page, DRAFT)
    tip(page, "CTX001").wait_for()
    page.locator(f'{READY} [data-backchannel-action="attach-session"]').click()
    notice = page.locator(f"{READY} [data-backchannel-notice]")
    notice.filter(has_text="No session is on now").wait_for()
    assert draft(page) == DRAFT


def test_dismiss_hides_a_tip_and_switching_a_rule_off_reaches_the_helper(open_x: Any, helper: RunningHelper) -> None:
    page = open_x("https://x.com/home")
    type_into(page, DRAFT)
    tip(page, "CTX002").wait_for()
    tip(page, "CTX001").locator('[data-backchannel-action="dismiss"]').click()
    tip(page, "CTX001").wait_for(state="detached")
    assert tip(page, "CTX002").count() == 1
    try:
        tip(page, "CTX002").locator('[data-backchannel-action="disable-rule"]').click()
        tip(page, "CTX002").wait_for(state="detached")
        settings = api(helper.url, helper.token, "GET", "/v1/settings")["settings"]
        assert settings["rules.CTX002.enabled"]["value"] is False
        assert "CTX002 is off" in page.locator(f"{READY} [data-backchannel-notice]").text_content()
    finally:
        api(helper.url, helper.token, "PUT", "/v1/settings", {"rules.CTX002.enabled": None})


def test_panels_follow_composers_through_in_app_navigation(open_x: Any) -> None:
    page = open_x("https://x.com/home")
    type_into(page, DRAFT)
    tip(page, "CTX001").wait_for()
    page.evaluate("__fixture.navigate('/explore')")
    page.locator(PANEL).first.wait_for(state="detached")
    page.evaluate("__fixture.navigate('/home')")
    page.locator(PANEL).wait_for(state="attached")
    type_into(page, "Back again")
    tip(page, "CTX001").wait_for()
    assert page.locator(PANEL).count() == 1


def test_the_dm_composer_is_never_coached(open_x: Any) -> None:
    home = open_x("https://x.com/home")
    home.locator(PANEL).wait_for(state="attached")
    assert home.locator(PANEL).count() == 1  # the home composer's, not the DM drawer's
    messages = open_x("https://x.com/messages", wait_for_panel=False)
    messages.locator('[data-testid="dmComposerTextInput"]').click()
    messages.keyboard.type(DRAFT)
    messages.wait_for_timeout(500)
    assert messages.locator(PANEL).count() == 0


def test_a_composer_without_a_toolbar_is_coached_and_the_panel_says_what_is_missing(open_x: Any) -> None:
    page = open_x("https://x.com/home?toolbar=none")
    type_into(page, DRAFT)
    tip(page, "CTX001").wait_for()
    assert "Can't find X's toolbar" in page.locator(f"{READY} [data-backchannel-problem]").text_content()


def test_a_page_without_a_composer_says_so(open_x: Any) -> None:
    page = open_x("https://x.com/compose/post?composer=none&thread=0", wait_for_panel=False)
    problem = page.locator(f"{PANEL} [data-backchannel-problem]")
    problem.filter(has_text="can't find X's post composer").wait_for(timeout=10_000)


def test_a_rotated_token_is_picked_up_through_the_native_host(open_x: Any, helper: RunningHelper, browser: ExtensionBrowser) -> None:
    page = open_x("https://x.com/home")
    type_into(page, DRAFT)
    tip(page, "CTX001").wait_for()
    rotated = backchannel(helper.data_dir.parent, "token", "--rotate")
    assert rotated.returncode == 0, rotated.stderr
    new_token = rotated.stdout.strip()
    helper.token = new_token
    page.wait_for_timeout(1100)  # the helper re-reads a rotated token at most once a second
    type_into(page, " again and again")
    wait_for_draft(page, DRAFT + " again and again")
    expected = api(helper.url, new_token, "POST", "/v1/check", {"text": DRAFT + " again and again", "platform": "x", "at": IN_SESSION})
    # A fresh check came back: the length left moved to the new draft's.
    page.locator(f"{READY} [data-backchannel-length]").filter(has_text=f"{280 - expected['length']['weighted']} left").wait_for()
    cached = browser.worker.evaluate("chrome.storage.session.get('pairing').then(r => r.pairing)")
    assert cached["token"] == new_token and cached["source"] == "native"


def test_the_pairing_survives_a_service_worker_restart(open_x: Any, browser: ExtensionBrowser) -> None:
    page = open_x("https://x.com/home")
    type_into(page, "warm up")
    page.locator(READY).wait_for()
    browser.worker.evaluate("self.__beforeRestart = true")
    options = browser.options_page()
    cdp = browser.context.new_cdp_session(options)
    statuses: list[str] = []
    cdp.on("ServiceWorker.workerVersionUpdated", lambda event: statuses.extend(v["runningStatus"] for v in event["versions"]))
    cdp.send("ServiceWorker.enable")
    cdp.send("ServiceWorker.stopAllWorkers")
    for _ in range(100):
        if "stopped" in statuses:
            break
        page.wait_for_timeout(50)
    assert "stopped" in statuses, f"the service worker did not stop: {statuses}"
    options.close()
    type_into(page, " " + DRAFT)
    tip(page, "CTX001").wait_for()
    restarted = browser.worker
    assert restarted.evaluate("self.__beforeRestart === undefined")
    # The pairing came from session storage, which outlives the worker.
    cached = restarted.evaluate("chrome.storage.session.get('pairing').then(r => r.pairing)")
    assert cached["source"] == "native"


def test_options_page_shows_pairing_and_sets_event_and_rules(browser: ExtensionBrowser, helper: RunningHelper) -> None:
    page = browser.options_page()
    try:
        status = page.locator('[data-backchannel-options="pairing-status"][data-state="paired"]')
        status.wait_for()
        assert "through the native host" in status.text_content() and helper.url in status.text_content()
        select = page.locator("#active-event")
        page.wait_for_function("document.querySelector('#active-event').options.length > 1")
        assert select.input_value() == "lt13"
        select.select_option("")
        page.locator("#event-result").filter(has_text="No event").wait_for()
        assert api(helper.url, helper.token, "GET", "/v1/events")["active"] is None
        select.select_option("lt13")
        page.locator("#event-result").filter(has_text="Coaching for").wait_for()
        assert api(helper.url, helper.token, "GET", "/v1/events")["active"] == "lt13"
        switch = page.locator('input[data-setting="rules.CTX005.enabled"]')
        assert switch.is_checked()
        switch.uncheck()
        page.locator("#rules-result").filter(has_text="Saved rules.CTX005.enabled").wait_for()
        assert api(helper.url, helper.token, "GET", "/v1/settings")["settings"]["rules.CTX005.enabled"]["value"] is False
        threshold = page.locator('input[data-setting="rules.FLW003.max_hashtags"]')
        threshold.fill("4")
        threshold.dispatch_event("change")
        page.locator("#rules-result").filter(has_text="Saved rules.FLW003.max_hashtags").wait_for()
        assert api(helper.url, helper.token, "GET", "/v1/settings")["settings"]["rules.FLW003.max_hashtags"]["value"] == 4
    finally:
        api(helper.url, helper.token, "PUT", "/v1/settings", {"rules.CTX005.enabled": None, "rules.FLW003.max_hashtags": None, "active_event": "lt13"})
        page.close()


ATTACK = """async ([helper]) => {
    const out = {};
    try { const r = await fetch(helper + '/v1/health', {headers: {Authorization: 'Bearer guessed'}}); out.read = 'status ' + r.status; }
    catch (e) { out.read = 'failed'; }
    try { const r = await fetch(helper + '/v1/events'); out.readNoToken = 'status ' + r.status; }
    catch (e) { out.readNoToken = 'failed'; }
    try {
        await fetch(helper + '/v1/settings', {method: 'PUT', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: '{"active_event": null}'});
        out.write = 'sent';
    }
    catch (e) { out.write = 'failed'; }
    return out;
}"""


@pytest.mark.parametrize("url", ["https://evil.example/", "https://x.com/home"], ids=["other-origin", "x-page-itself"])
def test_web_pages_cannot_reach_the_helper(browser: ExtensionBrowser, helper: RunningHelper, url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(url)
        outcome = page.evaluate(ATTACK, [helper.url])
    finally:
        page.close()
    # Reads fail outright (no CORS headers, Local Network Access); a blind write changes nothing.
    assert outcome["read"] == "failed" and outcome["readNoToken"] == "failed"
    assert api(helper.url, helper.token, "GET", "/v1/events")["active"] == "lt13"
