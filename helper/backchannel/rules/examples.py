"""The situation every rule example is checked in.

Rule docs and examples speak of one fictional event so that a reader can
follow them: Learning Technologies 2013 (#LT13), and its session in room A1,
"Learning in the flow of work" by Priya Raman (@priyaraman on X).
"""

from __future__ import annotations

from datetime import datetime, timezone

from backchannel.context import EventInfo, SessionInfo, SpeakerInfo

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


def situation(name: str) -> tuple[EventInfo | None, SessionInfo | None]:
    """The (event, session) pair an example's ``situation`` names."""
    if name == "none":
        return None, None
    if name == "event":
        return EXAMPLE_EVENT, None
    if name == "session":
        return EXAMPLE_EVENT, EXAMPLE_SESSION
    raise ValueError(f"unknown example situation {name!r}")
