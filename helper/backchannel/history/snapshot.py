"""What the history-aware rules know about past posts: plain values, filled in by the store
(``backchannel.store.snapshot``) for every check."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Mapping


@dataclass(frozen=True, slots=True)
class PastPost:
    id: int
    platform: str
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

    def in_session(self, platform: str) -> SessionPosts | None:
        return self.session.get(platform)
