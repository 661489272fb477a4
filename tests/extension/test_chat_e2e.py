"""End to end in Chromium: a weekly chat on the fixture's home timeline.

The real extension, paired with the real helper through the real native host. The helper
knows #edchat (Tuesdays 19:00 New York, moderated by @edchatmod); the page's clock is at
19:20 that Tuesday, and the home timeline shows the moderator's welcome and Q1, and a "Q7"
from someone else. The extension reads the timeline to X's article markup, sends the
questions, and the panel's button starts the answer to the current question."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

import pytest

from tests.extension.browser import ExtensionBrowser, launch
from tests.extension.conftest import PANEL, READY, api
from tests.support.helper_process import RunningHelper, helper_env, start_helper

if TYPE_CHECKING:
    from playwright.sync_api import Page, Playwright

LIVE = "2026-12-09T00:20:00Z"  # Tuesday 8 December 2026, 19:20 in New York
EDCHAT = {"slug": "edchat", "hashtag": "edchat", "weekday": "tuesday", "starts": "19:00", "time_zone": "America/New_York", "moderator": "@edchatmod"}
ANSWER = f'{PANEL} [data-backchannel-action="answer-chat"]'


@pytest.fixture(scope="module")
def helper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHelper]:
    running = start_helper(tmp_path_factory.mktemp("chat-helper"))
    api(running.url, running.token, "POST", "/v1/chats", EDCHAT)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(playwright: "Playwright", helper: RunningHelper, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExtensionBrowser]:
    launched = launch(playwright, tmp_path_factory.mktemp("chat-browser"), env=helper_env(helper.data_dir.parent), native_host_data_dir=helper.data_dir)
    yield launched
    launched.close()


def draft(page: "Page") -> str:
    return str(page.evaluate("__fixture.editors[0]()"))


def test_questions_from_the_timeline_and_one_click_answers(open_x: Any, helper: RunningHelper) -> None:
    page = open_x("https://x.com/home?timeline=chat", at=LIVE)
    button = page.locator(ANSWER)
    button.wait_for(state="visible", timeout=15000)
    assert button.text_content() == "Answer Q1 #edchat"
    live = api(helper.url, helper.token, "GET", f"/v1/chats/live?at={LIVE}")["live"][0]
    # Only the moderator's numbered posts are questions: Q7 from @someone is not.
    assert [(q["number"], q["source"], q["remote_id"]) for q in live["questions"]] == [(1, "timeline", "1866000000000000002")]

    page.locator('[data-testid="tweetTextarea_0"]').click()
    button.click()
    page.wait_for_function("__fixture.editors[0]() === 'A1  #edchat'", timeout=5000)

    # The moderator posts Q2; the panel moves on to it, and the draft's A1 now lags behind.
    page.evaluate("""__fixture.addPost({ id: '1866000000000000004', name: 'EdChat', handle: 'edchatmod',
                     text: 'Q2 How do you keep up with research? #edchat', time: '2026-12-09T00:19:00Z' })""")
    page.wait_for_function(f"document.querySelector('{PANEL}').shadowRoot.querySelector('[data-backchannel-action=\"answer-chat\"]').textContent === 'Answer "
                           "Q2 #edchat'", timeout=20000)
    page.keyboard.press("End")
    page.keyboard.type(" RSS")
    cht002 = page.locator(f'{READY} [data-rule="CHT002"]')
    cht002.wait_for(timeout=10000)
    assert "latest question is Q2" in (cht002.locator(".message").text_content() or "")
    button.click()
    page.wait_for_function("__fixture.editors[0]() === 'A2 #edchat RSS'", timeout=5000)
    assert [q["number"] for q in api(helper.url, helper.token, "GET", f"/v1/chats/live?at={LIVE}")["live"][0]["questions"]] == [1, 2]


def test_no_answer_button_when_no_chat_is_live(open_x: Any) -> None:
    page = open_x("https://x.com/home?timeline=chat", at="2026-12-10T00:20:00Z")
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("A1 hello #edchat")
    page.locator(READY).wait_for(timeout=10000)
    assert page.locator(ANSWER).is_hidden()
    assert page.locator(f'{READY} [data-rule="CHT002"]').count() == 0


def test_the_panel_marks_the_session_on_now_not_to_be_posted(open_x: Any, helper: RunningHelper) -> None:
    from tests.extension.conftest import IN_SESSION, add_programme

    add_programme(helper.url, helper.token)
    page = open_x("https://x.com/home", at=IN_SESSION)
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("Most learning happens at work #LT13")
    hold = page.locator(f'{READY} [data-backchannel-action="hold-session"]')
    hold.wait_for(state="visible", timeout=10000)
    assert page.locator(f'{READY} [data-rule="GDE001"]').count() == 0
    hold.click()
    gde001 = page.locator(f'{READY} [data-rule="GDE001"]')
    gde001.wait_for(timeout=10000)
    assert "marked in the panel" in (gde001.locator(".message").text_content() or "")
    assert page.locator(f"{PANEL} [data-backchannel-action=\"hold-session\"]").is_hidden()
    sessions = api(helper.url, helper.token, "GET", "/v1/events/lt13/sessions")["sessions"]
    assert [s["do_not_post"] for s in sessions] == ["marked in the panel"]
