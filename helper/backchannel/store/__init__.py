"""The embedded SQLite store: one database file per data directory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from pathlib import Path

from backchannel.context import EventInfo, SessionInfo
from backchannel.errors import InvalidInput, NotFound
from backchannel.paths import database_path
from backchannel.settings import Settings
from backchannel.store.db import Database
from backchannel.store.events import Event, EventStore, Session, Speaker, SpeakerRecord, SpeakerStore
from backchannel.store.programmes import ImportReport, ProgrammeStore
from backchannel.store.settings_store import SettingsStore
from backchannel.timeutil import now_utc, parse_instant

__all__ = ["Event", "ImportReport", "Session", "Situation", "Speaker", "SpeakerRecord", "Store"]


@dataclass(frozen=True, slots=True)
class Situation:
    """What a draft is checked against, resolved from the store."""

    event: EventInfo | None
    session: SessionInfo | None
    settings: Settings

    def check_context(self) -> dict[str, Any]:
        """What ``check_draft`` takes from the situation, as keyword arguments."""
        return {"event": self.event, "session": self.session, "settings": self.settings}


class Store:
    def __init__(self, path: Path | str) -> None:
        self.db = Database(path)
        self.events = EventStore(self.db)
        self.speakers = SpeakerStore(self.db, self.events)
        self.programmes = ProgrammeStore(self.db, self.events)
        self.settings = SettingsStore(self.db)

    @classmethod
    def open(cls, data_dir: Path) -> "Store":
        return cls(database_path(data_dir))

    def close(self) -> None:
        self.db.close()

    def active_event(self, settings: Settings | None = None) -> Event | None:
        slug = (settings or self.settings.load()).get("active_event")
        if not slug:
            return None
        try:
            return self.events.get_event(slug)
        except NotFound:
            # The active event was deleted or renamed: no event, rather than an error on every check.
            return None

    def situation(
        self,
        *,
        event: str | None = None,
        session: int | None = None,
        at: datetime | str | None = None,
        room: str | None = None,
    ) -> Situation:
        """The event (explicit, else the active one) and the session (explicit, else the one on at ``at``).

        ``at`` as text is ISO 8601; without an offset it is in the event's time zone.

        When several sessions run at once and no room narrows them down, there
        is no current session: the rules never guess.
        """
        settings = self.settings.load()
        chosen = self.events.get_event(event) if event else self.active_event(settings)
        if isinstance(at, str):
            at = parse_instant(at, default_zone=chosen.time_zone if chosen else "UTC", field="at")
        if chosen is None:
            if session is not None:
                raise InvalidInput("A session needs its event: pass the event too, or make it the active event.", details={"field": "session"})
            return Situation(None, None, settings)
        current = None
        if session is not None:
            current = self.events.get_session(session, event=chosen.slug)
        else:
            running = self.events.sessions_at(chosen.slug, at or now_utc(), room or settings.get("active_room"))
            if len(running) == 1:
                current = running[0]
        return Situation(chosen.info(), current.info() if current else None, settings)
