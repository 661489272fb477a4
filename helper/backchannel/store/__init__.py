"""The embedded SQLite store: one database file per data directory.

The history, programme and speaker tables are reached through properties
that import their module on first use: checking a draft reads the settings,
events and chats only, and `backchannel check` starts faster without the
post, search and programme code (and orjson, uuid, hashlib they pull in).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from backchannel.errors import NotFound
from backchannel.local.paths import database_path
from backchannel.settings import Settings
from backchannel.store.chats import ChatStore
from backchannel.store.db import Database
from backchannel.store.events import Event, EventStore, Session
from backchannel.store.settings_store import SettingsStore

if TYPE_CHECKING:
    from backchannel.store.history import HistoryStore
    from backchannel.store.programmes import ProgrammeStore
    from backchannel.store.speakers import SpeakerStore

__all__ = ["Event", "Session", "Store"]


class Store:
    def __init__(self, path: Path | str) -> None:
        self.db = Database(path)
        self.events = EventStore(self.db)
        self.settings = SettingsStore(self.db)
        self.chats = ChatStore(self.db)
        # Photos the history keeps live beside the database; an in-memory store keeps none.
        self._media_root = None if str(path) == ":memory:" else Path(path).parent / "media"

    @cached_property
    def history(self) -> HistoryStore:
        from backchannel.store.history import HistoryStore

        return HistoryStore(self.db, self.events, self._media_root)

    @cached_property
    def programmes(self) -> ProgrammeStore:
        from backchannel.store.programmes import ProgrammeStore

        return ProgrammeStore(self.db, self.events)

    @cached_property
    def speakers(self) -> SpeakerStore:
        from backchannel.store.speakers import SpeakerStore

        return SpeakerStore(self.db, self.events)

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
