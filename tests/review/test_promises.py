"""Open promises: the fast pattern and the one-pass search find exactly what the plain spelling found.

The pattern checks its word boundary and first letter once instead of per branch, and the
search walks the posts once from the newest back instead of once per promise; both are
checked here against the straightforward spelling, over promises, near-misses, odd case
folding (ſ, K, İ, ı) and hostile text.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from backchannel.history.model import Post
from backchannel.review.linkify import links
from backchannel.review.promises import PROMISE, open_promises, promise_in

_THING = r"(?:links?|slides?|deck|paper|preprint|code|repo|recording|video|details|notes|more)"
# The pattern as first written: three branches, each with its own leading \b.
PLAIN = re.compile(
    rf"\b{_THING}\s+(?:to\s+follow|tbc|tba|tbd|coming(?:\s+soon)?|later|soon|will\s+follow)\b"
    rf"|\b(?:will|I'?ll|we'?ll|going\s+to)\s+(?:share|post|add|link|upload|put\s+up)\b[^.!?\n]{{0,40}}\b{_THING}\b"
    rf"|\b{_THING}\b[^.!?\n]{{0,20}}\bwhen\s+(?:available|they(?:'re|\s+are)\s+(?:up|online|out))",
    re.I,
)

_PIECES = (
    "slides", "Slides", "SLIDES", "ſlides", "link", "links", "Link", "deck", "paper", "code", "repo", "notes", "more", "video", "details",
    "to follow", "to\nfollow", "TBC", "tba", "coming", "coming soon", "later", "soon", "will follow", "will", "I'll", "Ill", "we'll", "going to",
    "share", "post", "put up", "upload", "when available", "when they're up", "when they are online", "İ", "ı", "K", "ß", "é", "_", "-", ".",
    "ſhare", "wıll", "lınks", "poſt", "lin\u212a", "İ'll", "upload", "whEn", "ſoon", "add", "put", "TBD", "Follow",
    "!", "?", "\n", " ", "  ", "\t", "x", "abc", "https://example.com", "<script>", "&amp;", "'", "’",
)
texts = st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=25).map(" ".join) | st.text(max_size=80)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_the_pattern_finds_what_the_plain_spelling_found(text: str) -> None:
    plain = PLAIN.search(text)
    for ours in (PROMISE.search(text), promise_in(text)):
        assert (ours and (ours.span(), ours.group(0))) == (plain and (plain.span(), plain.group(0)))


def test_known_promises_and_non_promises() -> None:
    promises = ("Slides to follow", "I'll share the paper later", "code when available", "ſlides tbc", "Going to upload the deck", "lınk tbc",
                "wıll ſhare the deck", "lin\u212a tbc")
    for text in promises:
        assert PROMISE.search(text) is not None and promise_in(text) is not None, text
    for text in ("slideshow to follow", "great slides.", "will share.", "notes\nwhen available", "the links"):
        assert PROMISE.search(text) is None, text


def _post(i: int, text: str, session: int | None, thread: int | None, linked: bool) -> Post:
    entities: dict[str, Any] = {"urls": [{"url": f"https://t.co/{i}", "expanded": f"https://example.com/{i}"}]} if linked else {}
    return Post(
        id=i, client_id=None, source="extension", platform="x", remote_id=None, url=None, text=text,
        posted_at=datetime(2024, 5, 1, 9, tzinfo=timezone.utc) + timedelta(minutes=i % 7), event="e", session_id=session,
        reply_to_remote_id=None, reply_to_user=None, thread_of_client_id=None, parent_id=None, thread_id=thread, is_retweet=False,
        lang=None, latitude=None, longitude=None, entities=entities, tips=(), recorded_at="2024-05-01T09:00:00Z",
    )


def _same_scope(post: Post, later: Post) -> bool:
    if post.session_id is not None:
        return later.session_id == post.session_id
    return (later.thread_id or later.id) == (post.thread_id or post.id)


def _plain_open_promises(posts: Sequence[Post]) -> list[tuple[int, str]]:
    """The search as first written: every later post looked at for every promise."""
    ordered = sorted(posts, key=lambda p: (p.posted_at, p.id))
    found = []
    for i, post in enumerate(ordered):
        match = PLAIN.search(post.text)
        if match is None or links(post.entities):
            continue
        if any(_same_scope(post, later) and links(later.entities) for later in ordered[i + 1 :]):
            continue
        found.append((post.id, match.group(0)))
    return found


_SAYINGS = ("slides to follow", "I'll share the paper", "nice talk", "code when available", "more soon")
posts = st.lists(
    st.tuples(st.sampled_from(_SAYINGS), st.sampled_from((None, 1, 2)), st.sampled_from((None, 1, 2, 3)), st.booleans()), max_size=14
).map(lambda rows: [_post(i + 1, text, session, thread, linked) for i, (text, session, thread, linked) in enumerate(rows)])


@settings(max_examples=400, deadline=None)
@given(posts)
def test_open_promises_are_the_ones_the_plain_search_found(posts: list[Post]) -> None:
    assert [(p.post.id, p.words) for p in open_promises(posts)] == _plain_open_promises(posts)
