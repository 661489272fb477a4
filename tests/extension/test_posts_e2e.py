"""Every post kept, offline or not: the real extension in Chromium posting from the
Draft.js fixtures (whose post button sends X's CreateTweet call, answered by XApi as
X's server would), the real native host, and the real helper, which tests stop and
start again. Host autostart is off, so a stopped helper stays down until a test
starts it (on a new port: the extension finds it again through the native host).

One browser for the module. The test that reloads the extension runs last.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.extension.browser import ExtensionBrowser, launch
from tests.extension.conftest import IN_SESSION, PANEL, READY, add_programme, api
from tests.extension.photos import dark_photo, pick_photo
from tests.support.helper_process import RunningHelper, helper_env, start_helper

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page, Playwright



class Helper:
    """The helper process; stop() and start() keep its data and token, the port changes."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.running: RunningHelper | None = start_helper(tmp)
        self.data_dir = self.running.data_dir
        add_programme(self.running.url, self.running.token)

    def up(self) -> RunningHelper:
        if self.running is None or self.running.process.poll() is not None:
            self.running = start_helper(self.tmp)
        return self.running

    def stop(self) -> None:
        if self.running is not None:
            self.running.stop()
            self.running = None

    def posts(self, **query: str) -> list[dict[str, Any]]:
        running = self.up()
        search = "&".join(f"{k}={v}" for k, v in {"limit": "200", **query}.items())
        return list(api(running.url, running.token, "GET", f"/v1/posts?{search}")["posts"])

    def posts_with(self, text: str) -> list[dict[str, Any]]:
        return [post for post in self.posts() if post["text"] == text]


@pytest.fixture(scope="module")
def helper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Helper]:
    running = Helper(tmp_path_factory.mktemp("posts-helper"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(playwright: "Playwright", helper: Helper, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExtensionBrowser]:
    env = {**helper_env(helper.tmp), "BACKCHANNEL_NATIVE_HOST_AUTOSTART": "0"}
    launched = launch(playwright, tmp_path_factory.mktemp("posts-browser"), env=env, native_host_data_dir=helper.data_dir)
    yield launched
    launched.close()


@pytest.fixture(autouse=True)
def helper_running(helper: Helper) -> None:
    helper.up()


def write(page: "Page", text: str, box: str = '[data-testid="tweetTextarea_0"]') -> None:
    page.locator(box).last.click()
    page.keyboard.press("End")
    page.keyboard.type(text)


def post_state(page: "Page", state: str) -> "Locator":
    # Every panel on the page says what became of the last post (a thread's modal and the home composer's).
    status = page.locator(f'{PANEL} [data-backchannel-post][data-post-state="{state}"]').first
    status.wait_for(state="attached")
    return status


def toast_href(page: "Page") -> str:
    link = page.locator('[data-testid="toast"] a')
    link.wait_for()
    return str(link.get_attribute("href"))


def only(posts: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(posts) == 1, posts
    return posts[0]


def test_a_post_is_recorded_with_its_id_its_session_and_the_tips_shown(open_x: Any, helper: Helper) -> None:
    page = open_x()
    text = "Most learning happens at work, not in courses"
    write(page, text)
    page.locator(f'{READY} [data-rule="CTX001"]').wait_for()
    shown = set(page.locator(f"{READY} [data-rule]").evaluate_all("els => els.map(e => e.dataset.rule)"))
    page.locator('[data-testid="tweetButtonInline"]').click()
    assert post_state(page, "recorded").text_content() == "Post recorded."
    href = toast_href(page)
    post = only(helper.posts_with(text))
    assert post["url"] == f"https://x.com{href}"
    assert post["remote_id"] == href.rsplit("/", 1)[1]
    assert post["source"] == "extension" and post["platform"] == "x"
    assert post["posted_at"].startswith("2013-01-30T10:15:00")
    assert post["event"] == "lt13" and post["session"] is not None
    assert {tip["code"] for tip in post["tips"]} == shown
    assert uuid.UUID(post["client_id"])
    assert post["reply_to_remote_id"] is None and post["parent"] is None


def test_continue_thread_opens_a_reply_to_the_last_post_with_the_draft_on_the_clipboard(
    open_x: Any, helper: Helper, browser: ExtensionBrowser
) -> None:
    browser.context.grant_permissions(["clipboard-read", "clipboard-write"], origin="https://x.com")
    page = open_x()
    write(page, "First thought from the keynote #LT13 #LT13A1")
    page.locator('[data-testid="tweetButtonInline"]').click()
    post_state(page, "recorded")
    last = helper.posts_with("First thought from the keynote #LT13 #LT13A1")[0]

    page = open_x()
    draft = "A second, separate thought #LT13 #LT13A1"
    write(page, draft)
    page.locator(f'{READY} [data-rule="FLW001"]').wait_for()
    page.locator(f'{READY} [data-backchannel-fix="FLW001"]').click()
    page.wait_for_url(last["url"])
    assert page.evaluate("navigator.clipboard.readText()") == draft


def test_ctrl_enter_and_a_post_sent_with_xhr_are_recorded(open_x: Any, helper: Helper) -> None:
    page = open_x("https://x.com/home?transport=xhr")
    write(page, "Sent with the keyboard, over XHR")
    page.locator(READY).wait_for()
    page.keyboard.press("Control+Enter")
    post_state(page, "recorded")
    assert only(helper.posts_with("Sent with the keyboard, over XHR"))["remote_id"] == toast_href(page).rsplit("/", 1)[1]


def test_a_reply_records_the_post_it_answers(open_x: Any, helper: Helper) -> None:
    page = open_x("https://x.com/priyaraman/status/1296887091901718529")
    write(page, "Agreed: the flow of work is where it happens")
    page.locator(READY).wait_for()
    page.locator('[data-testid="tweetButtonInline"]').click()
    post_state(page, "recorded")
    assert only(helper.posts_with("Agreed: the flow of work is where it happens"))["reply_to_remote_id"] == "1296887091901718529"


def test_a_thread_is_recorded_as_one_thread(open_x: Any, helper: Helper) -> None:
    page = open_x("https://x.com/compose/post?thread=2")
    write(page, "Thread, part one #LT13", '[role="dialog"] [data-testid="tweetTextarea_0"]')
    write(page, "Thread, part two #LT13", '[role="dialog"] [data-testid="tweetTextarea_1"]')
    page.locator(READY).last.wait_for()
    page.locator('[data-testid="tweetButton"]').click()
    page.locator(f'{PANEL} [data-backchannel-post][data-post-state="recorded"]').filter(has_text="Post 2 of 2").first.wait_for(state="attached")
    first = only(helper.posts_with("Thread, part one #LT13"))
    second = only(helper.posts_with("Thread, part two #LT13"))
    assert second["reply_to_remote_id"] == first["remote_id"]
    assert second["thread_of_client_id"] == first["client_id"]
    assert second["parent"] == first["id"] and second["thread"] == first["id"]


def test_the_photos_measurements_go_with_the_post(open_x: Any, helper: Helper) -> None:
    page = open_x()
    photo = dark_photo()
    write(page, "The keynote hall, lights down")
    pick_photo(page, photo)
    page.locator(f'{READY} [data-rule="PHO006"]').wait_for()
    page.locator('[data-testid="tweetButtonInline"]').click()
    post_state(page, "recorded")
    post = only(helper.posts_with("The keynote hall, lights down"))
    [media] = post["media"]
    assert media["sha256"] == hashlib.sha256(photo).hexdigest()
    assert (media["width"], media["height"]) == (1600, 1200)
    assert media["measurements"]["brightness"] < 50
    assert media["alt_text"] == ""
    assert {"PHO001", "PHO006"} <= {tip["code"] for tip in post["tips"]}
    # Once posted, X empties the composer and the panel forgets the photo.
    page.locator(f"{PANEL} [data-backchannel-photo]").wait_for(state="detached")


@pytest.mark.parametrize(("failure", "said"), [("duplicate", "Status is a duplicate"), ("forbidden", "looks like it might be automated")])
def test_a_post_x_refuses_is_not_recorded(open_x: Any, helper: Helper, browser: ExtensionBrowser, failure: str, said: str) -> None:
    assert browser.x_api is not None
    page = open_x()
    text = f"This one X refuses ({failure})"
    write(page, text)
    page.locator(READY).wait_for()
    browser.x_api.fail_next(failure)  # type: ignore[arg-type]
    page.locator('[data-testid="tweetButtonInline"]').click()
    message = post_state(page, "failed").text_content()
    assert message.startswith("X did not post it, so it was not recorded.") and said in message
    assert helper.posts_with(text) == []


@pytest.mark.parametrize(
    ("query", "text"),
    [
        # X renamed its call: the toast's link confirms the post.
        ("operation=CreatePost", "Posted through a call the extension does not know"),
        # "Undo post": the toast links nothing until X sends the post after its countdown.
        ("undo=1", "Sent after the undo countdown"),
    ],
)
def test_a_post_is_recorded_with_the_address_its_toast_links(open_x: Any, helper: Helper, query: str, text: str) -> None:
    page = open_x(f"https://x.com/home?{query}")
    write(page, text)
    page.locator(READY).wait_for()
    page.locator('[data-testid="tweetButtonInline"]').click()
    post_state(page, "recorded")
    post = only(helper.posts_with(text))
    assert post["url"] == f"https://x.com{toast_href(page)}"


def test_a_scheduled_post_is_recorded_as_scheduled_with_its_time(open_x: Any, helper: Helper, browser: ExtensionBrowser) -> None:
    assert browser.x_api is not None
    page = open_x("https://x.com/compose/post")
    # X's scheduler is a route of its own: the composer goes and comes back, scheduled.
    page.locator('[role="dialog"] [data-testid="scheduleOption"]').click()
    page.locator('[data-testid="scheduledConfirmationPrimaryAction"]').click()
    page.locator('[data-testid="scheduledTweetIndicator"]').wait_for()
    write(page, "The keynote recording goes up at two #LT13", '[role="dialog"] [data-testid="tweetTextarea_0"]')
    page.locator(READY).last.wait_for()
    page.locator('[role="dialog"] [data-testid="tweetButton"]').click()
    assert post_state(page, "scheduled").text_content() == "Scheduled post recorded."
    assert browser.x_api.operations[-1] == "CreateScheduledTweet"
    post = only(helper.posts_with("The keynote recording goes up at two #LT13"))
    assert post["scheduled_for"] == "2013-01-30T14:00:00Z" and post["posted_at"] == "2013-01-30T14:00:00Z"
    assert post["remote_id"] is None and post["url"] is None


def test_an_edit_updates_the_recorded_post_and_keeps_its_history(open_x: Any, helper: Helper) -> None:
    page = open_x()
    first = "Keynote by Priya Ramen on learning at work"
    write(page, first)
    page.locator(READY).wait_for()
    page.locator('[data-testid="tweetButtonInline"]').click()
    post_state(page, "recorded")
    original = only(helper.posts_with(first))
    # X's edit: the composer opens with the post's text, and the edit gets an id of its own.
    edit = open_x(f"https://x.com/compose/post?edit={original['remote_id']}&text={first.replace(' ', '+')}")
    edit.wait_for_function(f"__fixture.editors[0]() === {first!r}")
    edit.locator('[role="dialog"] [data-testid="tweetTextarea_0"]').click()
    edit.keyboard.press("Control+A")
    edit.keyboard.type("Keynote by Priya Raman on learning at work")
    edit.locator(READY).last.wait_for()
    edit.locator('[role="dialog"] [data-testid="tweetButton"]').click()
    post_state(edit, "edited")
    assert helper.posts_with(first) == []
    updated = only(helper.posts_with("Keynote by Priya Raman on learning at work"))
    assert updated["id"] == original["id"] and updated["remote_id"] != original["remote_id"]
    assert [(e["text"], e["remote_id"]) for e in updated["edits"]] == [(first, original["remote_id"])]


def test_a_quote_keeps_the_address_of_the_quoted_post(open_x: Any, helper: Helper) -> None:
    quoted = "https://x.com/priyaraman/status/1880000000000000042"
    page = open_x(f"https://x.com/compose/post?quote={quoted}")
    write(page, "This, exactly #LT13", '[role="dialog"] [data-testid="tweetTextarea_0"]')
    page.locator(READY).last.wait_for()
    # The quoted post's avatar and photo are not the user's photos: nothing is judged.
    assert page.locator(f"{PANEL} [data-backchannel-photo]").count() == 0
    page.locator('[role="dialog"] [data-testid="tweetButton"]').click()
    post_state(page, "recorded")
    post = only(helper.posts_with("This, exactly #LT13"))
    assert post["quoted_url"] == quoted and post["media"] == []


def test_a_post_x_takes_without_saying_which_stays_unconfirmed_and_a_reply_never_takes_the_toasts_id(
    open_x: Any, helper: Helper, browser: ExtensionBrowser
) -> None:
    assert browser.x_api is not None
    # X answers "tweet_results: {}": the post may exist, so it is not "failed"; the toast has no link.
    untold = open_x()
    write(untold, "X took this one without saying which it is")
    untold.locator(READY).wait_for()
    browser.x_api.answer_next("empty")
    untold.locator('[data-testid="tweetButtonInline"]').click()
    untold.locator('[data-testid="toast"]').filter(has_text="Your post was sent.").wait_for()
    # A reply sent through a call the extension does not know: its toast links the parent.
    reply = open_x("https://x.com/priyaraman/status/1296887091901718529?operation=CreateReply")
    write(reply, "A reply X confirms only with a toast")
    reply.locator(READY).wait_for()
    reply.locator('[data-testid="tweetButtonInline"]').click()
    assert toast_href(reply).endswith("/status/1296887091901718529")
    # Neither is recorded as posted, and neither is called refused.
    assert post_state(untold, "unconfirmed").text_content() == "X did not confirm the post, so it was not recorded."
    post_state(reply, "unconfirmed")
    assert untold.locator(f'{PANEL} [data-backchannel-post][data-post-state="failed"]').count() == 0
    assert helper.posts_with("X took this one without saying which it is") == []
    assert helper.posts_with("A reply X confirms only with a toast") == []
    assert all(post["remote_id"] != "1296887091901718529" for post in helper.posts())


def test_photos_the_helper_forgot_in_a_restart_are_sent_again(open_x: Any, helper: Helper) -> None:
    page = open_x()
    write(page, "The hall before the keynote")
    pick_photo(page, dark_photo())
    page.locator(f'{READY} [data-rule="PHO006"]').wait_for()
    helper.stop()
    helper.up()  # a new helper process: its photo cache is empty
    write(page, ", lights down")
    # The check names a photo the helper no longer has (404); the extension sends it again,
    # and the draft as it is now is checked with it.
    text = "The hall before the keynote, lights down"
    page.locator(f"{READY} [data-backchannel-length]").filter(has_text=f"{280 - len(text)} left").wait_for(timeout=15_000)
    assert {"PHO001", "PHO006", "CTX001"} <= set(page.locator(f"{READY} [data-rule]").evaluate_all("els => els.map(e => e.dataset.rule)"))
    assert page.locator(f'{PANEL} [data-backchannel-photo="1"]').get_attribute("data-photo-state") == "ready"


def pending(options: "Page", count: int) -> None:
    options.locator(f'[data-backchannel-options="posts-pending"][data-count="{count}"]').wait_for(timeout=15_000)


def test_a_post_made_while_the_helper_is_down_is_kept_and_arrives_once(open_x: Any, helper: Helper, browser: ExtensionBrowser) -> None:
    page = open_x()
    write(page, "warm up")
    page.locator(READY).wait_for()
    helper.stop()
    page.keyboard.press("Control+a")
    text = "Posted while the helper was down"
    page.keyboard.type(text)
    page.locator('[data-testid="tweetButtonInline"]').click()
    assert post_state(page, "queued").text_content() == "Post saved, will sync when the helper is back."
    options = browser.options_page()
    pending(options, 1)
    assert text in options.locator("#posts-pending-list").text_content()
    helper.up()
    # The next call the helper answers (here: the next draft's check) sends the queue.
    write(page, "Back online")
    page.locator(f'{READY} [data-rule="CTX001"]').wait_for(timeout=15_000)
    pending(options, 0)
    post = only(helper.posts_with(text))
    assert post["remote_id"] and post["event"] == "lt13"
    # Sending again changes nothing: the helper has it once.
    options.click("#posts-sync")
    pending(options, 0)
    assert len(helper.posts_with(text)) == 1
    options.close()


def test_a_post_the_helper_refuses_is_dropped_and_the_options_page_says_so(browser: ExtensionBrowser, helper: Helper) -> None:
    client_id = str(uuid.uuid4())
    too_long = {"client_id": client_id, "platform": "x", "text": "x" * 25_001, "posted_at": IN_SESSION, "media": [], "tips": []}
    answer = browser.worker.evaluate("(record) => Backchannel.postQueue.add(record)", too_long)
    assert answer["state"] == "dropped" and "refused" in answer["message"]
    options = browser.options_page()
    dropped = options.locator('[data-backchannel-options="posts-dropped"][data-count="1"]')
    dropped.wait_for()
    assert "422" in dropped.text_content()
    pending(options, 0)
    options.click("#posts-forget")
    options.locator('[data-backchannel-options="posts-dropped"]').wait_for(state="hidden")
    options.close()


def test_the_same_client_id_is_never_stored_twice(browser: ExtensionBrowser, helper: Helper) -> None:
    record = {"client_id": str(uuid.uuid4()), "platform": "x", "text": "Recorded once, sent twice", "posted_at": IN_SESSION, "media": [], "tips": []}
    first = browser.worker.evaluate("(record) => Backchannel.postQueue.add(record)", record)
    again = browser.worker.evaluate("(record) => Backchannel.postQueue.add(record)", record)
    # A different post under an id the helper holds is a 409: the id is taken, nothing to retry.
    changed = browser.worker.evaluate("(record) => Backchannel.postQueue.add(record)", {**record, "text": "Something else"})
    assert [first["state"], again["state"], changed["state"]] == ["stored", "stored", "stored"]
    assert len(helper.posts_with("Recorded once, sent twice")) == 1 and helper.posts_with("Something else") == []
    status = browser.worker.evaluate("Backchannel.postQueue.status()")
    assert status["pending"] == [] and status["dropped"] == []


def reopened_options(browser: ExtensionBrowser) -> "Page":
    """The options page once the reloading extension is back (until then Chromium blocks its pages)."""
    page = browser.new_page()
    for _ in range(100):
        try:
            page.goto(f"chrome-extension://{browser.extension_id}/options/options.html")
            return page
        except PlaywrightError:
            page.wait_for_timeout(100)
    raise AssertionError("the extension did not come back after its reload")


def test_a_queued_post_survives_reloading_the_extension(open_x: Any, helper: Helper, browser: ExtensionBrowser) -> None:
    page = open_x()
    write(page, "warm up")
    page.locator(READY).wait_for()
    helper.stop()
    page.keyboard.press("Control+a")
    text = "Queued, then the extension was reloaded"
    page.keyboard.type(text)
    page.locator('[data-testid="tweetButtonInline"]').click()
    post_state(page, "queued")
    browser.worker.evaluate("chrome.runtime.reload()")
    # The reloaded extension finds the queue in storage.local (and cannot send it: the helper is down).
    options = reopened_options(browser)
    pending(options, 1)
    cdp = browser.context.new_cdp_session(options)
    cdp.send("ServiceWorker.enable")
    cdp.send("ServiceWorker.stopAllWorkers")
    helper.up()
    # A worker that starts sends what it finds queued, before anyone asks it anything.
    cdp.send("ServiceWorker.startWorker", {"scopeURL": f"chrome-extension://{browser.extension_id}/"})
    for _ in range(150):
        if helper.posts_with(text):
            break
        options.wait_for_timeout(100)
    pending(options, 0)
    assert len(helper.posts_with(text)) == 1
    options.close()
