"""What a draft is checked against: the active event, the current session and the user's history.

Plain frozen dataclasses built by the store (or by tests and examples); the
rules only read them. Event-aware rules stay silent when ``event`` is None,
session-aware rules when ``session`` is None, and history-aware rules when
``history`` is None: the checker never guesses. Nothing here runs a query:
``backchannel.store.snapshot`` fills ``History`` from the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Mapping

from backchannel.text.model import Platform


@dataclass(frozen=True, slots=True)
class SpeakerInfo:
    name: str
    handles: Mapping[Platform, str] = field(default_factory=dict)  # network -> "@handle"

    def handle_for(self, platform: Platform) -> str | None:
        return self.handles.get(platform)

    def reference(self, platform: Platform) -> str:
        """How to name this speaker in a post on ``platform``: handle, else name."""
        return self.handles.get(platform) or self.name


@dataclass(frozen=True, slots=True)
class EventInfo:
    slug: str
    name: str
    hashtags: tuple[str, ...] = ()  # without '#', the primary one first
    time_zone: str = "UTC"

    @property
    def hashtag(self) -> str | None:
        return self.hashtags[0] if self.hashtags else None


@dataclass(frozen=True, slots=True)
class SessionInfo:
    id: int
    title: str
    start: datetime
    end: datetime
    room: str | None = None
    tag: str | None = None  # the session hashtag without '#', when the event defines one
    speakers: tuple[SpeakerInfo, ...] = ()


@dataclass(frozen=True, slots=True)
class PastPost:
    id: int
    platform: Platform
    text: str
    posted_at: datetime
    client_id: str | None = None
    remote_id: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class SessionPosts:
    """The user's posts so far in the current session, on one platform."""

    count: int
    last: PastPost


@dataclass(frozen=True, slots=True)
class History:
    """The user's history as the rules see it, as of ``at``."""

    at: datetime
    session: Mapping[str, SessionPosts] = field(default_factory=dict)  # platform -> posts in the current session
    recent: tuple[PastPost, ...] = ()  # newest first, within the near-duplicate window

    def in_session(self, platform: Platform) -> SessionPosts | None:
        return self.session.get(platform)
