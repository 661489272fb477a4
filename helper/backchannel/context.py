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
    posting_policy: str | None = None  # the organisers' posting rules in their words ("no photos of slides")

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
    do_not_post: str | None = None  # why this session is not to be posted (the programme's flag or the user's mark), None: it may be
    url: str | None = None  # the session's page in the programme
    about: str | None = None  # one line of what the session is about (from the programme's abstract)
    slides: str | None = None  # the slides' link, when the programme lists one (see backchannel.session_links)


@dataclass(frozen=True, slots=True)
class ChatInfo:
    """The weekly hashtag chat on now, as the chat rules see it."""

    slug: str
    hashtag: str  # without '#'
    moderator: str | None = None  # '@handle'
    question: int | None = None  # the latest question asked so far (Q<n>), None before the first
    question_text: str | None = None


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
class EndedSession:
    """The session the user last posted from, now over, and their posts in it (oldest first)."""

    session: SessionInfo
    posts: tuple[PastPost, ...]


@dataclass(frozen=True, slots=True)
class History:
    """The user's history as the rules see it, as of ``at``."""

    at: datetime
    session: Mapping[str, SessionPosts] = field(default_factory=dict)  # platform -> posts in the current session
    recent: tuple[PastPost, ...] = ()  # newest first, within the window the switched-on rules ask for
    ended: EndedSession | None = None  # the session last posted from, when it has ended since (for the closing post)

    def in_session(self, platform: Platform) -> SessionPosts | None:
        return self.session.get(platform)
