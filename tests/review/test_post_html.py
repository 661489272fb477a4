"""One post drawn as HTML for the review pages: every value from the post escaped, links only from safe_href."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from backchannel.history.model import Media, Post
from backchannel.review.highlight import terms
from backchannel.review.post_html import post_html, shown_time

EVIL = "<img src=x onerror=alert(1)>\"'&"


def _post(**changes: object) -> Post:
    fields: dict[str, object] = {
        "id": 7, "client_id": None, "source": "archive", "platform": "x", "remote_id": "1", "url": "javascript:alert(1)",
        "text": f"{EVIL} see https://t.co/a and https://t.co/b", "posted_at": datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc), "event": EVIL,
        "session_id": 3, "reply_to_remote_id": "9", "reply_to_user": EVIL, "thread_of_client_id": None, "parent_id": None, "thread_id": 7,
        "is_retweet": True, "lang": "en", "latitude": None, "longitude": None,
        "entities": {"urls": [{"url": "https://t.co/a", "expanded": "javascript:alert(2)", "display": EVIL},
                              {"url": "https://t.co/b", "expanded": "https://example.com/?a=1&b=\"2\"", "display": "example.com"}]},
        "tips": ({"code": EVIL, "name": EVIL, "message": EVIL, "heeded": True}, {"code": "CTX003", "message": "Whose talk?"}),
        "recorded_at": "2024-05-01T09:30:00Z",
        "media": (Media(1, 0, "photo", "ab", 1200, 900, None, "ab.jpg", None, None, EVIL), Media(2, 1, EVIL, None, 640, 480, None, None, None, None, None)),
    }
    fields.update(changes)
    return Post(**fields)  # type: ignore[arg-type]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_every_value_from_the_post_is_escaped_and_only_safe_links_are_links() -> None:
    html = str(post_html(_post(), ZoneInfo("Europe/London"), show_session=True, sessions={3: EVIL}, found=terms("see")))
    parser = _Tags()
    parser.feed(html)
    tags = [tag for tag, _ in parser.tags]
    # The only tags are the ones the page draws: nothing the post carried became markup.
    assert set(tags) <= {"article", "div", "time", "span", "a", "p", "mark", "img", "ul", "li"}
    assert tags.count("img") == 1  # the available photo; the evil alt text stays an attribute value
    assert "onerror" not in "".join(k for _, attrs in parser.tags for k in attrs)
    hrefs = [attrs["href"] for tag, attrs in parser.tags if tag == "a"]
    assert all(h is not None and (h.startswith(("https://", "/review/"))) for h in hrefs), hrefs
    assert "https://example.com/?a=1&b=\"2\"" in hrefs  # unescaped back by the parser: the attribute was escaped
    assert "javascript" not in " ".join(h or "" for h in hrefs)
    assert html.count("&lt;img src=x onerror=alert(1)&gt;&#34;&#39;&amp;") >= 8  # text, display, reply, event, session, tips, alt, kind
    assert "<mark>see</mark>" in html
    assert re.search(r'<time datetime="2024-05-01T09:30:00\+00:00">Wed 01 May 2024 10:30 BST</time>', html)


def test_photo_sizes_follow_the_shape_of_the_photo() -> None:
    tall = _post(media=(Media(1, 0, "photo", "ab", 900, 1200, None, "ab.jpg", None, None, None),), tips=())
    wide = _post(media=(Media(1, 0, "photo", "ab", 1200, 900, None, "ab.jpg", None, None, None),), tips=())
    assert 'width="180" height="240"' in str(post_html(tall, timezone.utc))
    assert 'width="320" height="240"' in str(post_html(wide, timezone.utc))


def test_escaping_is_markupsafes_for_every_character_that_matters() -> None:
    from markupsafe import escape as markupsafe_escape

    from backchannel.review.post_html import escape

    for text in (EVIL, "&amp;", "a < b > c", "\"'\"'", "plain", "", "&&<<>>", 42, None):
        assert escape(text) == str(markupsafe_escape(text))


_ZONES = ("UTC", "Europe/London", "America/Phoenix", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Africa/Monrovia")


@settings(max_examples=500, deadline=None)
@given(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(timezone.utc)), st.sampled_from(_ZONES))
def test_the_time_line_is_what_strftime_wrote(moment: datetime, zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    assert shown_time(moment, zone) == moment.astimezone(zone).strftime("%a %d %b %Y %H:%M %Z")
