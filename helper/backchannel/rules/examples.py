"""The situation every rule example is checked in.

Rule docs and examples speak of one fictional event so that a reader can
follow them: Learning Technologies 2013 (#LT13), and its session in room A1,
"Learning in the flow of work" by Priya Raman (@priyaraman on X).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from backchannel.context import ChatInfo, EndedSession, EventInfo, History, PastPost, SessionInfo, SessionPosts, SpeakerInfo

EXAMPLE_EVENT = EventInfo(slug="lt13", name="Learning Technologies 2013", hashtags=("LT13", "LearningTech13"), time_zone="Europe/London")

EXAMPLE_SPEAKER = SpeakerInfo(
    name="Priya Raman",
    handles={"x": "@priyaraman", "bluesky": "@priyaraman.bsky.social", "mastodon": "@priya@scholar.social"},
)

EXAMPLE_SESSION = SessionInfo(
    id=1,
    title="Learning in the flow of work",
    start=datetime(2013, 1, 30, 10, 0, tzinfo=timezone.utc),
    end=datetime(2013, 1, 30, 11, 0, tzinfo=timezone.utc),
    room="A1",
    tag="LT13A1",
    speakers=(EXAMPLE_SPEAKER,),
    url="https://lt13.example.org/talk/a1",
)


# The user's post from the example session at 10:05, for the history-aware rules.
EXAMPLE_POST = PastPost(
    id=1,
    platform="x",
    text="Now at #LT13 #LT13A1: “Learning in the flow of work” — @priyaraman",
    posted_at=datetime(2013, 1, 30, 10, 5, tzinfo=timezone.utc),
    client_id="0b6f2c1e-5d4a-4e3b-9c2d-1a2b3c4d5e6f",
    remote_id="296287766157447168",
    url="https://x.com/example/status/296287766157447168",
)
CHECKED_AT = datetime(2013, 1, 30, 10, 30, tzinfo=timezone.utc)


# The guide rules' situations: a session that asks not to be posted, an event with a posting policy.
DO_NOT_POST_SESSION = replace(EXAMPLE_SESSION, do_not_post="the programme marks it do-not-record")
POLICY_EVENT = replace(EXAMPLE_EVENT, posting_policy="No photos of slides, no posting of unpublished data")


def _post(minute: int, text: str) -> PastPost:
    posted_at = EXAMPLE_SESSION.start + timedelta(minutes=minute)
    return replace(EXAMPLE_POST, id=100 + minute, text=text, posted_at=posted_at, client_id=None, remote_id=None, url=None)


# Two bare quotes from the example session, at 10:20 and 10:25 (newest first).
QUOTE_POSTS = (
    _post(25, "“Nobody ever learned to ride a bike from a slide deck” — @priyaraman #LT13 #LT13A1"),
    _post(20, "“Learning happens between the meetings” @priyaraman #LT13"),
)
# Five posts between 10:21 and 10:29 (newest first).
BURST_POSTS = tuple(_post(minute, f"Point {minute} from the talk #LT13") for minute in (29, 27, 25, 23, 21))


# The example weekly chat: #edchat, moderated by @edchatmod, with Q2 the latest question.
EXAMPLE_CHAT = ChatInfo(slug="edchat", hashtag="edchat", moderator="@edchatmod", question=2, question_text="How do you keep up with research?")


def example_chat(name: str) -> ChatInfo | None:
    """The chat an example's ``situation`` names: the example chat in "chat", none otherwise."""
    return EXAMPLE_CHAT if name == "chat" else None


def situation(name: str) -> tuple[EventInfo | None, SessionInfo | None]:
    """The (event, session) pair an example's ``situation`` names."""
    if name == "none":
        return None, None
    if name == "event":
        return EXAMPLE_EVENT, None
    if name in ("session", "history", "quotes", "history-empty", "burst"):
        return EXAMPLE_EVENT, EXAMPLE_SESSION
    if name in ("ended", "ended-closed"):
        return EXAMPLE_EVENT, None
    if name == "do-not-post":
        return EXAMPLE_EVENT, DO_NOT_POST_SESSION
    if name == "chat":
        return None, None
    if name == "policy":
        return POLICY_EVENT, None
    raise ValueError(f"unknown example situation {name!r}")


def example_history(name: str) -> History | None:
    """The history an example's ``situation`` names: in "session" and "history-empty" nothing posted yet, in
    "history" one post at 10:05, in "quotes" two bare quotes before the draft, in "burst" five posts in ten minutes,
    in "ended" and "ended-closed" the example session over (without, and with, a thank-you in its thread)."""
    if name == "history":
        return History(at=CHECKED_AT, session={"x": SessionPosts(count=1, last=EXAMPLE_POST)}, recent=(EXAMPLE_POST,))
    if name == "quotes":
        return History(at=CHECKED_AT, session={"x": SessionPosts(count=3, last=QUOTE_POSTS[0])}, recent=(*QUOTE_POSTS, EXAMPLE_POST))
    if name == "burst":
        return History(at=CHECKED_AT, session={"x": SessionPosts(count=6, last=BURST_POSTS[0])}, recent=(*BURST_POSTS, EXAMPLE_POST))
    if name in ("ended", "ended-closed"):
        # At 11:05: the example session ended at 11:00; in "ended" its thread has no link or thanks.
        closed = _post(40, "Thanks @priyaraman, great talk! #LT13A1")
        posts = (EXAMPLE_POST, *reversed(QUOTE_POSTS)) + ((closed,) if name == "ended-closed" else ())
        at = EXAMPLE_SESSION.end + timedelta(minutes=5)
        return History(at=at, recent=tuple(reversed(posts)), ended=EndedSession(EXAMPLE_SESSION, posts))
    if name in ("session", "history-empty", "do-not-post", "policy"):
        return History(at=CHECKED_AT)
    return None
