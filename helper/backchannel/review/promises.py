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
# Three ways of promising, each starting at a word boundary with one of the letters the words above
# (or will / I'll / we'll / going) start with. The boundary and that letter are checked once, up
# front, so the engine tries the three branches only where a candidate word starts: four times fewer
# steps over a post, the same matches as the three branches each with its own leading ``\b``.
PROMISE = re.compile(
    r"\b(?=[lsdpcrvnmwig])"
    rf"(?:{_THING}\s+(?:to\s+follow|tbc|tba|tbd|coming(?:\s+soon)?|later|soon|will\s+follow)\b"
    rf"|(?:will|I'?ll|we'?ll|going\s+to)\s+(?:share|post|add|link|upload|put\s+up)\b[^.!?\n]{{0,40}}\b{_THING}\b"
    rf"|{_THING}\b[^.!?\n]{{0,20}}\bwhen\s+(?:available|they(?:'re|\s+are)\s+(?:up|online|out)))",
    re.I,
)
# Every promise holds one of these words, letter for letter: the second half of each branch above.
# Most posts hold none, and looking for them with ``in`` costs a tenth of the pattern; the pattern
# runs only on posts that have one. Under re.I "ı" and "İ" match i, "ſ" s and the Kelvin sign k:
# they are folded to those letters first, so no promise is missed.
_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "\u212a": "k"})


def _may_promise(text: str) -> bool:
    t = (text if text.isascii() else text.translate(_FOLD)).lower()
    # Spelled out rather than any(... for word in ...): this runs for every post of an event.
    return ("follow" in t or "tbc" in t or "tba" in t or "tbd" in t or "coming" in t or "later" in t or "soon" in t or "share" in t
            or "post" in t or "add" in t or "link" in t or "upload" in t or "put" in t or "when" in t)


def promise_in(text: str) -> re.Match[str] | None:
    """The first promise ``text`` makes (``PROMISE.search``), quickly ruling out the posts that make none."""
    return PROMISE.search(text) if _may_promise(text) else None


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
    promised = [(i, match) for i, post in enumerate(ordered) if (match := promise_in(post.text)) is not None]
    if not promised:
        return ()
    # One pass from the newest post back to the first promise: the sessions and threads a linked
    # post was seen in after each post, instead of looking through every later post per promise.
    kept_after: dict[int, bool] = {}
    linked_sessions: set[int] = set()
    linked_threads: set[int] = set()
    first = promised[0][0]
    wanted = {i for i, _ in promised}
    for i in range(len(ordered) - 1, first - 1, -1):
        post = ordered[i]
        if i in wanted:
            if post.session_id is not None:
                kept_after[i] = post.session_id in linked_sessions
            else:
                kept_after[i] = (post.thread_id or post.id) in linked_threads
        if links(post.entities):
            if post.session_id is not None:
                linked_sessions.add(post.session_id)
            linked_threads.add(post.thread_id or post.id)
    return tuple(OpenPromise(ordered[i], match.group(0)) for i, match in promised if not kept_after[i] and not links(ordered[i].entities))
