"""What is on: the current sessions (per room), the next ones, and the snippet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from backchannel.compose.snippets import Kit, event_kit, session_snippet
from backchannel.context import SpeakerInfo
from backchannel.store import Session, Store
from backchannel.store.which_session import which_session
from backchannel.text.model import Platform
from backchannel.timeutil import now_utc, to_store


@dataclass(frozen=True, slots=True)
class Now:
    event: str
    at: datetime
    platform: Platform
    current: list[tuple[Session, str]]  # (session, its snippet)
    next: list[Session]
    snippet: str | None  # for the one session the person is in; None when none or ambiguous
    session: int | None = None  # that session's id (the same answer `check` gives; see which_session)
    reason: str | None = None  # why there is no snippet, when there is none

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "at": to_store(self.at),
            "platform": self.platform,
            "current": [{**s.to_dict(), "snippet": snippet} for s, snippet in self.current],
            "next": [s.to_dict() for s in self.next],
            "snippet": self.snippet,
            "session": self.session,
            "reason": self.reason,
        }


def what_is_on(store: Store, slug: str, *, at: datetime | None = None, room: str | None = None, platform: Platform = "x") -> Now:
    event = store.events.get_event(slug)
    settings = store.settings.load()
    moment = at or now_utc()
    chosen_room = room or settings.get("active_room")
    info = event.info()
    limit = settings.limit(platform)
    running = store.events.sessions_at(slug, moment)
    current = [(s, session_snippet(info, s.info(), platform, limit)) for s in running]
    resolved = which_session(running, room=chosen_room)
    mine = resolved.session
    snippet = next((text for s, text in current if mine is not None and s.id == mine.id), None)
    upcoming = store.events.next_sessions(slug, moment)
    return Now(
        event=slug, at=moment, platform=platform, current=current, next=upcoming, snippet=snippet,
        session=mine.id if mine else None, reason=resolved.reason,
    )


def _dates(starts_on: str | None, ends_on: str | None) -> str | None:
    if not starts_on:
        return None
    start = date.fromisoformat(starts_on)
    end = date.fromisoformat(ends_on) if ends_on else start
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {start:%B %Y}"
    return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"


def kit_for(store: Store, slug: str, platform: Platform = "x") -> Kit:
    event = store.events.get_event(slug)
    speakers = [s for s in store.speakers.list_speakers(slug) if s.sessions]
    return event_kit(event.info(), [SpeakerInfo(s.name, dict(s.handles)) for s in speakers], platform, _dates(event.starts_on, event.ends_on))
