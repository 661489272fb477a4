"""What a draft is checked against: the active event and the current session.

Plain frozen dataclasses built by the store (or by tests and examples); the
rules only read them. Event-aware rules stay silent when ``event`` is None,
and session-aware rules when ``session`` is None: the checker never guesses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Mapping


@dataclass(frozen=True, slots=True)
class SpeakerInfo:
    name: str
    handles: Mapping[str, str] = field(default_factory=dict)  # network -> "@handle"

    def handle_for(self, platform: str) -> str | None:
        return self.handles.get(platform)

    def reference(self, platform: str) -> str:
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
