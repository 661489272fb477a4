"""The embedded SQLite store: one database file per data directory."""

from __future__ import annotations

from pathlib import Path

from backchannel.errors import NotFound
from backchannel.local.paths import database_path
from backchannel.settings import Settings
from backchannel.store.chats import ChatStore
from backchannel.store.db import Database
from backchannel.store.events import Event, EventStore, Session
from backchannel.store.history import HistoryStore
from backchannel.store.programmes import ImportReport, ProgrammeStore
from backchannel.store.settings_store import SettingsStore
from backchannel.store.speakers import SpeakerRecord, SpeakerStore

__all__ = ["Event", "ImportReport", "Session", "SpeakerRecord", "Store"]


class Store:
    def __init__(self, path: Path | str) -> None:
        self.db = Database(path)
        self.events = EventStore(self.db)
        self.speakers = SpeakerStore(self.db, self.events)
        self.programmes = ProgrammeStore(self.db, self.events)
        self.settings = SettingsStore(self.db)
        self.chats = ChatStore(self.db)
        # Photos the history keeps live beside the database; an in-memory store keeps none.
        self.history: HistoryStore = HistoryStore(self.db, self.events, None if str(path) == ":memory:" else Path(path).parent / "media")

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
