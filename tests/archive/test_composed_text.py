"""An archived post is checked as its author typed it: its photo's own t.co link is no bare link."""

from __future__ import annotations

from backchannel.archive.tweets import composed_text, to_post
from backchannel.checker import check_draft
from tests.archive.builders import tweet


def _post(text: str, **kwargs):  # type: ignore[no-untyped-def]
    return to_post(tweet("1221130902635458567", text, **kwargs), screen_name="me")[0]


def test_the_photo_link_x_appends_is_left_out() -> None:
    post = _post("#LT13 https://t.co/pic8567", hashtags=("LT13",), media_key="EPx1")
    assert composed_text(post.text, post.entities) == "#LT13"
    # Checked as posted, the photo's link looks like a bare link; as typed, there is no link at all.
    assert "CTX005" in {t.code for t in check_draft(post.text).tips}
    assert "CTX005" not in {t.code for t in check_draft(composed_text(post.text, post.entities)).tips}


def test_links_the_author_typed_stay() -> None:
    post = _post("slides https://t.co/abc https://t.co/pic8567", media_key="EPx1", urls=(("https://t.co/abc", "https://example.com/slides.pdf"),))
    assert composed_text(post.text, post.entities) == "slides https://t.co/abc"
    assert "CTX005" in {t.code for t in check_draft(composed_text(post.text, post.entities)).tips}
    plain = _post("slides https://t.co/abc", urls=(("https://t.co/abc", "https://example.com/slides.pdf"),))
    assert composed_text(plain.text, plain.entities) == plain.text


def test_a_media_link_inside_the_text_is_not_touched() -> None:
    post = _post("look https://t.co/pic8567 at this slide, it is the best of the day", media_key="EPx1")
    assert composed_text(post.text, post.entities) == post.text
