"""The situation every rule example is checked in.

Rule docs and examples speak of one fictional event so that a reader can
follow them: Learning Technologies 2013 (#LT13), and its session in room A1,
"Learning in the flow of work" by Priya Raman (@priyaraman on X).
"""

from __future__ import annotations

from datetime import datetime, timezone

from backchannel.context import EventInfo, History, PastPost, SessionInfo, SessionPosts, SpeakerInfo

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


def situation(name: str) -> tuple[EventInfo | None, SessionInfo | None]:
    """The (event, session) pair an example's ``situation`` names."""
    if name == "none":
        return None, None
    if name == "event":
        return EXAMPLE_EVENT, None
    if name in ("session", "history"):
        return EXAMPLE_EVENT, EXAMPLE_SESSION
    raise ValueError(f"unknown example situation {name!r}")


def example_history(name: str) -> History | None:
    """The history an example's ``situation`` names: in "session" nothing posted yet, in "history" one post at 10:05."""
    if name == "history":
        return History(at=CHECKED_AT, session={"x": SessionPosts(count=1, last=EXAMPLE_POST)}, recent=(EXAMPLE_POST,))
    if name == "session":
        return History(at=CHECKED_AT)
    return None
