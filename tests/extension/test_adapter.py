"""The X site adapter against the composer fixtures (stock Draft.js + React in X's markup).

The adapter file is loaded into the fixture page itself, so these tests need
no extension and no helper: they pin every selector and every DOM fact the
extension relies on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

import pytest

from tests.extension.browser import CHROMIUM_FLAGS, EXTENSION_DIR, chromium_executable, serve_x_fixtures
from tests.extension.photos import MAKE_FILE, close_up_photo, drop_photo, file_arg, paste_photo, small_slide_photo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

ADAPTER_FILES = ["shared/constants.js", "content/adapters/x.js"]
VARIANTS = {
    "inline": "https://x.com/home",
    "modal": "https://x.com/compose/post",
    "thread": "https://x.com/compose/post?thread=3",
    "reply": "https://x.com/priyaraman/status/1296887091901718529",
    "mobile": "https://mobile.x.com/home?layout=mobile",
    "plain": "https://x.com/home?editor=plain",
    "unlabelled": "https://x.com/home?testids=none",
    "no-toolbar": "https://x.com/home?toolbar=none",
    "messages": "https://x.com/messages",
    "twitter": "https://twitter.com/home",
    "quote": "https://x.com/compose/post?quote=https://x.com/priyaraman/status/1880000000000000042",
    "german": "https://x.com/compose/post?lang=de",
    "arabic": "https://x.com/compose/post?lang=ar",
    "timeline": "https://x.com/home?timeline=chat",  # other people's posts, to X's article markup
}


@pytest.fixture(scope="module")
def browser(playwright: "Playwright") -> Iterator["Browser"]:
    launched = playwright.chromium.launch(executable_path=chromium_executable(), headless=True, args=list(CHROMIUM_FLAGS))
    yield launched
    launched.close()


@pytest.fixture
def open_variant(browser: "Browser") -> Iterator[Any]:
    contexts = []

    def open_(name: str, query: str = "") -> "Page":
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page_api = serve_x_fixtures(context)
        page = context.new_page()
        page.x_api = page_api  # type: ignore[attr-defined]
        url = VARIANTS[name]
        page.goto(url + (("&" if "?" in url else "?") + query if query else ""))
        page.wait_for_function("window.__fixture && document.querySelector('.app')")
        for file in ADAPTER_FILES:
            page.add_script_tag(path=str(EXTENSION_DIR / file))
        return page

    yield open_
    for context in contexts:
        context.close()


def composers(page: "Page") -> list[dict[str, Any]]:
    return page.evaluate(
        """() => Backchannel.x.findComposers(document).map(c => ({
            kind: c.kind, index: c.index, testid: c.textbox.getAttribute('data-testid'), toolbar: !!c.toolbar,
            post: c.postButton && c.postButton.getAttribute('data-testid'), dialog: !!c.dialog, problems: c.problems,
            sameToolbar: c.toolbar === Backchannel.x.findComposers(document)[0].toolbar }))"""
    )


def unmatched_selectors(page: "Page") -> set[str]:
    return set(page.evaluate(
        """() => Object.entries(Backchannel.x.SELECTORS).flatMap(([name, list]) =>
               list.filter(sel => !document.querySelector(sel)).map(sel => name + ' ' + sel))"""
    ))


def attach(page: "Page", data: bytes, name: str = "slide.jpg", composer: int = 0) -> None:
    """Attach a photo through the adapter (the way the coach replaces one with its crop)."""
    page.evaluate(
        f"""(arg) => Backchannel.x.attachFiles(Backchannel.x.findComposers(document)[{composer}].scope, [({MAKE_FILE})(arg)])""",
        file_arg(data, name, "image/jpeg"),
    )


def test_every_selector_matches_in_some_fixture(open_variant: Any) -> None:
    unmatched: set[str] | None = None
    for name in VARIANTS:
        page = open_variant(name)
        states = [unmatched_selectors(page)]
        if name in {"inline", "modal", "quote"}:
            attach(page, close_up_photo(), composer=len(composers(page)) - 1)
            page.locator('[data-testid="attachments"] img').first.wait_for()
            states.append(unmatched_selectors(page))
            page.locator('[data-testid="tweetButtonInline"], [data-testid="tweetButton"]').last.click()
            page.locator('[data-testid="toast"] a').wait_for()
            states.append(unmatched_selectors(page))
        missing = set.intersection(*states)
        unmatched = missing if unmatched is None else unmatched & missing
    assert unmatched == set(), f"selectors no fixture exercises: {sorted(unmatched or ())}"


def test_home_has_one_draft_composer_and_skips_the_dm_box(open_variant: Any) -> None:
    assert composers(open_variant("inline")) == [
        {
            "kind": "draft", "index": 0, "testid": "tweetTextarea_0", "toolbar": True, "post": "tweetButtonInline", "dialog": False, "problems": [],
            "sameToolbar": True,
        }
    ]


def test_compose_modal_is_found_in_its_dialog_beside_the_home_composer(open_variant: Any) -> None:
    found = composers(open_variant("modal"))
    assert [(c["dialog"], c["post"]) for c in found] == [(False, "tweetButtonInline"), (True, "tweetButton")]


def test_thread_composer_has_numbered_boxes_sharing_one_toolbar(open_variant: Any) -> None:
    page = open_variant("thread")
    modal = [c for c in composers(page) if c["dialog"]]
    assert [c["index"] for c in modal] == [0, 1, 2]
    assert page.evaluate("() => new Set(Backchannel.x.findComposers(document).filter(c => c.dialog).map(c => c.toolbar)).size") == 1


def test_reply_composer(open_variant: Any) -> None:
    assert [(c["kind"], c["post"]) for c in composers(open_variant("reply"))] == [("draft", "tweetButtonInline")]


@pytest.mark.parametrize(("variant", "kind"), [("mobile", "textarea"), ("plain", "plain"), ("unlabelled", "draft"), ("twitter", "draft")])
def test_other_layouts(open_variant: Any, variant: str, kind: str) -> None:
    assert [c["kind"] for c in composers(open_variant(variant))] == [kind]


def test_a_missing_toolbar_is_reported_not_ignored(open_variant: Any) -> None:
    assert composers(open_variant("no-toolbar"))[0]["problems"] == ["toolbar"]


def test_a_missing_media_input_or_post_button_is_reported(open_variant: Any) -> None:
    page = open_variant("inline")
    page.evaluate("document.querySelector('[data-testid=fileInput]').remove(); document.querySelector('[data-testid=tweetButtonInline]').remove()")
    assert composers(page)[0]["problems"] == ["media-input", "post-button"]


def test_dm_composer_is_not_a_post_composer(open_variant: Any) -> None:
    page = open_variant("messages")
    assert page.locator('[data-testid="dmComposerTextInput"]').count() == 1
    assert composers(page) == []


def fixture_text(page: "Page", index: int = 0) -> str:
    return str(page.evaluate(f"__fixture.editors[{index}]()"))


def adapter_text(page: "Page", index: int = 0) -> str:
    return str(page.evaluate(f"Backchannel.x.readText(Backchannel.x.findComposers(document)[{index}].textbox)"))


@pytest.mark.parametrize("variant", ["inline", "mobile", "plain", "unlabelled"])
def test_read_text_matches_the_editors_own_state(open_variant: Any, variant: str) -> None:
    page = open_variant(variant)
    box = page.locator('[data-testid="tweetTextarea_0"], .public-DraftEditor-content').first
    box.click()
    page.keyboard.type("First line 🎤")
    page.keyboard.press("Enter")
    page.keyboard.type("second #LT13")
    page.wait_for_timeout(50)
    assert fixture_text(page) == "First line 🎤\nsecond #LT13"
    assert adapter_text(page) == fixture_text(page)


@pytest.mark.parametrize("variant", ["inline", "mobile", "plain", "reply"])
def test_append_into_an_empty_and_a_non_empty_draft(open_variant: Any, variant: str) -> None:
    page = open_variant(variant)
    page.evaluate("Backchannel.x.appendText(Backchannel.x.findComposers(document)[0].textbox, '#LT13')")
    page.wait_for_function("__fixture.editors[0]() === '#LT13'", timeout=3000)
    page.evaluate("Backchannel.x.appendText(Backchannel.x.findComposers(document)[0].textbox, ' — @priyaraman 🎤')")
    page.wait_for_function("__fixture.editors[0]() === '#LT13 — @priyaraman 🎤'", timeout=3000)
    assert adapter_text(page) == "#LT13 — @priyaraman 🎤"
    # The editor survived (Draft.js was not unmounted) and still takes typing at the end.
    page.keyboard.type("!")
    page.wait_for_function("__fixture.editors[0]().endsWith('🎤!')", timeout=3000)


@pytest.mark.parametrize("variant", ["inline", "mobile", "plain"])
def test_replace_the_whole_draft(open_variant: Any, variant: str) -> None:
    page = open_variant(variant)
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("one")
    page.keyboard.press("Enter")
    page.keyboard.type("two three")
    page.evaluate("Backchannel.x.replaceText(Backchannel.x.findComposers(document)[0].textbox, 'Replaced “quote” — @priyaraman')")
    page.wait_for_function("__fixture.editors[0]() === 'Replaced “quote” — @priyaraman'", timeout=3000)


def test_append_goes_into_the_second_box_of_a_thread(open_variant: Any) -> None:
    page = open_variant("thread")
    page.evaluate("Backchannel.x.appendText(document.querySelector('[data-testid=tweetTextarea_1]'), '#LT13')")
    page.wait_for_function("__fixture.editors[1]() === '#LT13'", timeout=3000)
    assert fixture_text(page, 0) == "" and fixture_text(page, 2) == ""


def test_composer_is_found_again_after_in_app_navigation(open_variant: Any) -> None:
    page = open_variant("inline")
    first = page.evaluate_handle("Backchannel.x.findComposers(document)[0].textbox")
    page.evaluate("__fixture.navigate('/explore')")
    assert composers(page) == []
    assert page.evaluate("el => el.isConnected", first) is False
    page.evaluate("__fixture.navigate('/home')")
    assert len(composers(page)) == 1
    assert page.evaluate("el => el === Backchannel.x.findComposers(document)[0].textbox", first) is False


def test_post_button_and_toast(open_variant: Any) -> None:
    page = open_variant("modal")
    page.locator('[role="dialog"] [data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("Posted from the modal")
    page.evaluate("Backchannel.x.first(Backchannel.x.findComposers(document)[1].scope, 'postButton').click()")
    page.locator('[data-testid="toast"] a').wait_for()
    assert page.evaluate("Backchannel.x.first(document, 'toast').textContent") == "Your post was sent.View"
    post = page.evaluate("Backchannel.x.toastPost()")
    assert post["id"] == "1890000000000000001"
    assert post["url"] == "https://x.com/ada_at_lt13/status/1890000000000000001"
    assert page.x_api.requests[0]["tweet_text"] == "Posted from the modal"


def test_a_disabled_post_button_does_not_count_as_posting(open_variant: Any) -> None:
    page = open_variant("inline")
    button = "Backchannel.x.first(document, 'postButton')"
    assert page.evaluate(f"Backchannel.x.postButtonOf({button}) === {button}")
    page.evaluate(f"{button}.setAttribute('aria-disabled', 'true')")
    assert page.evaluate(f"Backchannel.x.postButtonOf({button})") is None


def test_ctrl_enter_posts_in_the_fixture_and_is_the_adapters_shortcut(open_variant: Any) -> None:
    page = open_variant("inline")
    page.evaluate("""() => { window.__shortcuts = [];
        document.addEventListener('keydown', (e) => __shortcuts.push(Backchannel.x.isPostShortcut(e)), true); }""")
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("Sent with the keyboard")
    page.keyboard.press("Control+Enter")
    page.locator('[data-testid="toast"] a').wait_for()
    assert page.x_api.requests[0]["tweet_text"] == "Sent with the keyboard"
    assert page.evaluate("__shortcuts.at(-1)") is True and page.evaluate("__shortcuts.slice(0, -1).some(Boolean)") is False
    # The composer is emptied for the next post, as X does.
    page.wait_for_function("__fixture.editors[0]() === ''")


def test_a_reply_names_the_conversation_and_a_thread_chains_its_posts(open_variant: Any) -> None:
    reply = open_variant("reply")
    assert reply.evaluate("Backchannel.x.replyTarget(Backchannel.x.findComposers(document)[0], new URL(location.href))") == "1296887091901718529"
    reply.locator('[data-testid="tweetTextarea_0"]').click()
    reply.keyboard.type("Agreed")
    reply.locator('[data-testid="tweetButtonInline"]').click()
    reply.locator('[data-testid="toast"] a').wait_for()
    assert reply.x_api.requests[0]["reply"]["in_reply_to_tweet_id"] == "1296887091901718529"
    thread = open_variant("thread")
    modal = [c for c in composers(thread) if c["dialog"]]
    assert thread.evaluate("Backchannel.x.replyTarget(Backchannel.x.findComposers(document)[1], new URL(location.href))") is None
    for index in range(len(modal)):
        thread.locator(f'[role="dialog"] [data-testid="tweetTextarea_{index}"]').click()
        thread.keyboard.type(f"Part {index + 1}")
    thread.locator('[data-testid="tweetButton"]').click()
    thread.locator('[data-testid="toast"] a').wait_for()
    requests = thread.x_api.requests
    assert [r["tweet_text"] for r in requests] == ["Part 1", "Part 2", "Part 3"]
    assert "reply" not in requests[0]
    assert [r["reply"]["in_reply_to_tweet_id"] for r in requests[1:]] == ["1890000000000000001", "1890000000000000002"]


def test_a_refused_post_keeps_the_draft_and_shows_an_error_toast(open_variant: Any) -> None:
    page = open_variant("inline")
    page.x_api.fail_next("duplicate")
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("Same again")
    page.locator('[data-testid="tweetButtonInline"]').click()
    page.locator('[data-testid="toast"]').filter(has_text="Something went wrong").wait_for()
    assert page.evaluate("Backchannel.x.toastPost()") is None
    assert fixture_text(page) == "Same again"


def media_of(page: "Page", composer: int = 0) -> dict[str, Any]:
    """What the adapter finds in one composer's post: its media items and its description link."""
    return page.evaluate(
        f"""() => {{ const c = Backchannel.x.findComposers(document)[{composer}]; const m = Backchannel.x.partMedia(c.part);
            return {{ items: m.items.map(i => ({{ width: i.width, height: i.height, src: i.image.src, remove: !!i.remove }})),
                      description: m.description && m.description.text, problems: m.problems }}; }}"""
    )


def wait_for_items(page: "Page", count: int, composer: int = 0) -> None:
    page.wait_for_function(
        f"(() => {{ const m = Backchannel.x.partMedia(Backchannel.x.findComposers(document)[{composer}].part);"
        f" return m.items.length === {count} && m.items.every(i => i.width > 0); }})()"
    )


def test_an_attached_photo_is_read_with_its_size_its_remove_button_and_the_description_link(open_variant: Any) -> None:
    page = open_variant("inline")
    attach(page, small_slide_photo())
    wait_for_items(page, 1)
    found = media_of(page)
    assert [(i["width"], i["height"], i["remove"]) for i in found["items"]] == [(1600, 1200, True)]
    assert found["items"][0]["src"].startswith("blob:")
    assert (found["description"], found["problems"]) == ("Add description", [])
    page.evaluate("Backchannel.x.partMedia(Backchannel.x.findComposers(document)[0].part).items[0].remove.click()")
    assert media_of(page)["items"] == []


@pytest.mark.parametrize("variant", ["modal", "german", "arabic"])
def test_each_photo_has_its_own_remove_button_in_any_language(open_variant: Any, variant: str) -> None:
    page = open_variant(variant)
    modal = len(composers(page)) - 1
    attach(page, close_up_photo(), name="first.jpg", composer=modal)
    attach(page, small_slide_photo(), name="second.jpg", composer=modal)
    wait_for_items(page, 2, modal)
    first, second = media_of(page, modal)["items"]
    assert first["src"] != second["src"] and first["remove"] and second["remove"]
    # The second photo's remove button takes out the second photo, never the first.
    page.evaluate(f"Backchannel.x.partMedia(Backchannel.x.findComposers(document)[{modal}].part).items[1].remove.click()")
    assert [i["src"] for i in media_of(page, modal)["items"]] == [first["src"]]


def test_the_description_link_says_none_then_the_description_then_a_count(open_variant: Any) -> None:
    page = open_variant("modal")
    attach(page, close_up_photo(), composer=1)
    wait_for_items(page, 1, 1)
    assert media_of(page, 1)["description"] == "Add description"
    # The link opens X's description editor, a route of its own: the composer is unmounted...
    textbox = page.evaluate_handle("Backchannel.x.findComposers(document)[1].textbox")
    page.evaluate("Backchannel.x.partMedia(Backchannel.x.findComposers(document)[1].part).description.link.click()")
    page.locator('[data-testid="altTextInput"]').fill("Slide: most learning happens at work")
    assert page.evaluate("el => el.isConnected", textbox) is False
    page.get_by_role("button", name="Save").click()
    # ...and mounted again with the draft kept, the link now saying the description.
    wait_for_items(page, 1, 1)
    assert media_of(page, 1)["description"] == "Slide: most learning happens at work"
    attach(page, small_slide_photo(), composer=1)
    wait_for_items(page, 2, 1)
    assert media_of(page, 1)["description"] == "1 image descriptions"
    page.evaluate("Backchannel.x.partMedia(Backchannel.x.findComposers(document)[1].part).items[0].remove.click()")
    page.evaluate("Backchannel.x.partMedia(Backchannel.x.findComposers(document)[1].part).items[0].remove.click()")
    attach(page, close_up_photo(), composer=1)
    attach(page, small_slide_photo(), composer=1)
    wait_for_items(page, 2, 1)
    assert media_of(page, 1)["description"] == "Add descriptions"


def test_a_quoted_posts_pictures_and_a_gif_are_not_attached_photos(open_variant: Any) -> None:
    page = open_variant("quote")
    # The quoted post sits inside the attachments, with its avatar and photo loaded from X's CDN.
    page.wait_for_function("[...document.querySelectorAll('[data-testid=attachments] img')].filter(i => i.complete && i.naturalWidth > 0).length === 2")
    assert media_of(page, 1)["items"] == []
    attach(page, close_up_photo(), composer=1)
    wait_for_items(page, 1, 1)
    page.locator('[role="dialog"] [data-testid="gifSearchButton"]').click()
    page.wait_for_function("document.querySelectorAll('[role=dialog] [data-testid=attachments] img').length === 4")
    found = media_of(page, 1)
    assert [i["src"][:5] for i in found["items"]] == ["blob:"]
    assert found["problems"] == []


def test_each_post_of_a_thread_has_its_own_media_and_only_the_active_one_its_description_link(open_variant: Any) -> None:
    page = open_variant("thread", "thread=2")
    modal = [i for i, c in enumerate(composers(page)) if c["dialog"]]
    page.locator('[role="dialog"] [data-testid="tweetTextarea_1"]').click()
    attach(page, close_up_photo(), composer=modal[1])
    wait_for_items(page, 1, modal[1])
    assert media_of(page, modal[0])["items"] == []
    assert media_of(page, modal[1])["description"] == "Add description"
    # Writing in the first post makes it the active one: the second keeps its photo, not its link.
    page.locator('[role="dialog"] [data-testid="tweetTextarea_0"]').click()
    page.wait_for_function(f"!Backchannel.x.partMedia(Backchannel.x.findComposers(document)[{modal[1]}].part).description")
    assert len(media_of(page, modal[1])["items"]) == 1


def test_the_modal_and_the_home_composer_under_it_keep_their_own_media(open_variant: Any) -> None:
    page = open_variant("modal")
    assert [c["testid"] for c in composers(page)] == ["tweetTextarea_0", "tweetTextarea_0"]
    attach(page, close_up_photo(), composer=1)
    wait_for_items(page, 1, 1)
    assert media_of(page, 0)["items"] == []


def test_the_media_input_is_the_one_the_composer_owns(open_variant: Any) -> None:
    page = open_variant("modal")
    inputs = page.evaluate("Backchannel.x.findComposers(document).map(c => Backchannel.x.isMediaInput(Backchannel.x.first(c.scope, 'mediaInput')))")
    assert inputs == [True, True]
    assert page.evaluate("Backchannel.x.isMediaInput(document.querySelector('[data-testid=tweetTextarea_0]'))") is False


@pytest.mark.parametrize("how", ["paste", "drop"])
def test_the_fixture_attaches_pasted_and_dropped_images_as_x_does(open_variant: Any, how: str) -> None:
    page = open_variant("inline")
    box = page.locator('[data-testid="tweetTextarea_0"]')
    if how == "paste":
        paste_photo(page, box, small_slide_photo("PNG"))
    else:
        drop_photo(page, box, small_slide_photo())
    page.wait_for_function("Backchannel.x.partMedia(Backchannel.x.findComposers(document)[0].part).items[0]?.width === 1600")
    assert fixture_text(page) == ""  # the image went to the attachments, not into the text


def test_a_scheduled_post_goes_out_as_create_scheduled_tweet_and_its_toast_has_no_link(open_variant: Any) -> None:
    page = open_variant("modal")
    # The scheduler is a route of its own too; the composer comes back saying when it will post.
    page.locator('[role="dialog"] [data-testid="scheduleOption"]').click()
    page.locator('[data-testid="scheduledConfirmationPrimaryAction"]').click()
    page.locator('[data-testid="scheduledTweetIndicator"]').wait_for()
    page.locator('[role="dialog"] [data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("The recording goes up at two #LT13")
    page.locator('[role="dialog"] [data-testid="tweetButton"]').click()
    page.locator('[data-testid="toast"]').filter(has_text="will be sent").wait_for()
    assert page.x_api.operations == ["CreateScheduledTweet"]
    assert page.x_api.requests[0]["post_tweet_request"]["status"] == "The recording goes up at two #LT13"
    assert page.x_api.requests[0]["execute_at"] == 1359554400
    assert page.evaluate("Backchannel.x.toastPost()") is None


def test_a_replys_toast_links_the_post_it_answers(open_variant: Any) -> None:
    page = open_variant("reply")
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("Agreed")
    page.locator('[data-testid="tweetButtonInline"]').click()
    page.locator('[data-testid="toast"] a[href]').wait_for()
    # X's toast after a reply goes to the parent: the reply's own id is only in X's answer.
    assert page.evaluate("Backchannel.x.toastPost()")["id"] == "1296887091901718529"
    assert page.x_api.requests[0]["reply"]["in_reply_to_tweet_id"] == "1296887091901718529"


def test_an_undo_toast_links_nothing_until_the_post_is_out(open_variant: Any) -> None:
    page = open_variant("inline", "undo=1")
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("Undo-able")
    page.locator('[data-testid="tweetButtonInline"]').click()
    page.locator('[data-testid="toast"] a').wait_for()
    assert page.evaluate("Backchannel.x.toastPost()") is None
    assert page.x_api.requests == []
    page.locator('[data-testid="toast"] a[href]').wait_for()
    assert page.evaluate("Backchannel.x.toastPost()")["id"] == "1890000000000000001"


def test_a_quote_and_an_edit_say_so_in_the_request(open_variant: Any) -> None:
    quote = open_variant("quote")
    quote.locator('[role="dialog"] [data-testid="tweetTextarea_0"]').click()
    quote.keyboard.type("This, exactly")
    quote.locator('[role="dialog"] [data-testid="tweetButton"]').click()
    quote.locator('[data-testid="toast"] a[href]').wait_for()
    assert quote.x_api.requests[0]["attachment_url"] == "https://x.com/priyaraman/status/1880000000000000042"
    edit = open_variant("modal", "edit=1890000000000000001")
    edit.wait_for_function("__fixture.editors[0]() && __fixture.editors[0]().startsWith('The keynote')")
    edit.locator('[role="dialog"] [data-testid="tweetButton"]').click()
    edit.locator('[data-testid="toast"] a[href]').wait_for()
    assert edit.x_api.requests[0]["edit_options"] == {"previous_tweet_id": "1890000000000000001"}
