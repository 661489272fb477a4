"""The X site adapter against the composer fixtures (stock Draft.js + React in X's markup).

The adapter file is loaded into the fixture page itself, so these tests need
no extension and no helper: they pin every selector and every DOM fact the
extension relies on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

import pytest

from tests.extension.browser import CHROMIUM_FLAGS, EXTENSION_DIR, chromium_executable, serve_x_fixtures

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
}


@pytest.fixture(scope="module")
def browser(playwright: "Playwright") -> Iterator["Browser"]:
    launched = playwright.chromium.launch(executable_path=chromium_executable(), headless=True, args=list(CHROMIUM_FLAGS))
    yield launched
    launched.close()


@pytest.fixture
def open_variant(browser: "Browser") -> Iterator[Any]:
    contexts = []

    def open_(name: str) -> "Page":
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        serve_x_fixtures(context)
        page = context.new_page()
        page.goto(VARIANTS[name])
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


def test_every_selector_matches_in_some_fixture(open_variant: Any) -> None:
    unmatched: set[str] | None = None
    for name in VARIANTS:
        page = open_variant(name)
        if name in {"inline", "modal"}:
            page.locator('[data-testid="tweetButtonInline"], [data-testid="tweetButton"]').last.click()
        missing = set(page.evaluate(
            """() => Object.entries(Backchannel.x.SELECTORS).flatMap(([name, list]) =>
                   list.filter(sel => !document.querySelector(sel)).map(sel => name + ' ' + sel))"""
        ))
        unmatched = missing if unmatched is None else unmatched & missing
    assert unmatched == set(), f"selectors no fixture exercises: {sorted(unmatched or ())}"


def test_home_has_one_draft_composer_and_skips_the_dm_box(open_variant: Any) -> None:
    assert composers(open_variant("inline")) == [
        {"kind": "draft", "index": 0, "testid": "tweetTextarea_0", "toolbar": True, "post": "tweetButtonInline", "dialog": False, "problems": [], "sameToolbar": True}
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
    assert composers(open_variant("no-toolbar"))[0]["problems"] == ["toolbar-missing"]


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
    page.evaluate("Backchannel.x.first(Backchannel.x.findComposers(document)[1].scope, 'postButton').click()")
    assert page.evaluate("Backchannel.x.first(document, 'toast').textContent") == "Your post was sent."
