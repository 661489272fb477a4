"""Open promises: posts that said a link or the slides would follow, where none followed.

"Link to follow", "slides TBC", "will share the paper later": followers wait for it. A
promise is kept when a later post of the same session (or, outside any session, of the same
thread) carries a link; the review page lists the ones still open so they can be kept now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from backchannel.history.model import Post
from backchannel.review.linkify import links

_THING = r"(?:links?|slides?|deck|paper|preprint|code|repo|recording|video|details|notes|more)"
PROMISE = re.compile(
    rf"\b{_THING}\s+(?:to\s+follow|tbc|tba|tbd|coming(?:\s+soon)?|later|soon|will\s+follow)\b"
    rf"|\b(?:will|I'?ll|we'?ll|going\s+to)\s+(?:share|post|add|link|upload|put\s+up)\b[^.!?\n]{{0,40}}\b{_THING}\b"
    rf"|\b{_THING}\b[^.!?\n]{{0,20}}\bwhen\s+(?:available|they(?:'re|\s+are)\s+(?:up|online|out))",
    re.I,
)


@dataclass(frozen=True, slots=True)
class OpenPromise:
    post: Post
    words: str  # what the post promised, as written


def _same_scope(post: Post, later: Post) -> bool:
    """Whether ``later`` could keep ``post``'s promise: the same session, or, outside any session, the same thread."""
    if post.session_id is not None:
        return later.session_id == post.session_id
    return (later.thread_id or later.id) == (post.thread_id or post.id)


def open_promises(posts: Sequence[Post]) -> tuple[OpenPromise, ...]:
    """The promises in ``posts`` with no later linked post in the same session (or thread), oldest first."""
    ordered = sorted(posts, key=lambda p: (p.posted_at, p.id))
    found: list[OpenPromise] = []
    for i, post in enumerate(ordered):
        match = PROMISE.search(post.text)
        if match is None or links(post.entities):
            continue
        if any(_same_scope(post, later) and links(later.entities) for later in ordered[i + 1 :]):
            continue
        found.append(OpenPromise(post, match.group(0)))
    return tuple(found)
