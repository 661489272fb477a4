"""The people on an event's programme and their handles per network."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Mapping

from backchannel.errors import InvalidInput, NotFound
from backchannel.store.db import Database
from backchannel.store.events import NETWORKS, EventStore, normalise_handle
from backchannel.text.model import Platform


@dataclass(frozen=True, slots=True)
class SpeakerRecord:
    id: int
    name: str
    handles: Mapping[Platform, str]
    edited: tuple[str, ...]  # networks whose handle the user set by hand
    sessions: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "handles": dict(self.handles), "edited": list(self.edited), "sessions": self.sessions}


class SpeakerStore:
    """The people on an event's programme and their handles per network."""

    def __init__(self, db: Database, events: EventStore) -> None:
        self.db = db
        self.events = events

    def list_speakers(self, slug: str) -> list[SpeakerRecord]:
        event = self.events.get_event(slug)
        rows = self.db.conn.execute(
            "SELECT sp.id, sp.name, (SELECT count(*) FROM session_speakers ss WHERE ss.speaker_id = sp.id) AS sessions"
            " FROM speakers sp WHERE sp.event_id = ? ORDER BY sp.name COLLATE NOCASE",
            (event.id,),
        ).fetchall()
        return [self._record(row) for row in rows]

    def get_speaker(self, slug: str, speaker_id: int) -> SpeakerRecord:
        event = self.events.get_event(slug)
        row = self.db.conn.execute(
            "SELECT sp.id, sp.name, (SELECT count(*) FROM session_speakers ss WHERE ss.speaker_id = sp.id) AS sessions"
            " FROM speakers sp WHERE sp.event_id = ? AND sp.id = ?",
            (event.id, speaker_id),
        ).fetchone()
        if row is None:
            raise NotFound(f"The event {slug!r} has no speaker {speaker_id}.", details={"speaker": speaker_id})
        return self._record(row)

    def find_speaker(self, slug: str, name: str) -> SpeakerRecord:
        wanted = " ".join(name.casefold().split())
        matches = [s for s in self.list_speakers(slug) if " ".join(s.name.casefold().split()) == wanted]
        if not matches:
            raise NotFound(f"The event {slug!r} has no speaker called {name!r}.", details={"speaker": name})
        return matches[0]

    def set_handles(self, slug: str, speaker_id: int, handles: Mapping[Platform, str | None]) -> SpeakerRecord:
        """Set (or, with None, clear) handles by hand; these survive re-imports."""
        speaker = self.get_speaker(slug, speaker_id)
        rows = [(network, "" if handle is None or not str(handle).strip() else normalise_handle(network, str(handle))) for network, handle in handles.items()]
        for network, _ in rows:
            if network not in NETWORKS:
                raise InvalidInput(f"Unknown network {network!r}: use one of {', '.join(NETWORKS)}.", details={"field": "network"})
        with self.db.write() as conn:
            for network, handle in rows:
                conn.execute(
                    "INSERT INTO speaker_handles (speaker_id, network, handle, source) VALUES (?, ?, ?, 'user')"
                    " ON CONFLICT (speaker_id, network) DO UPDATE SET handle = excluded.handle, source = 'user'",
                    (speaker.id, network, handle),
                )
        return self.get_speaker(slug, speaker_id)

    def _record(self, row: sqlite3.Row) -> SpeakerRecord:
        handles: dict[Platform, str] = {}
        edited: list[str] = []
        for h in self.db.conn.execute("SELECT network, handle, source FROM speaker_handles WHERE speaker_id = ? ORDER BY network", (row["id"],)):
            if h["handle"]:
                handles[h["network"]] = h["handle"]
            if h["source"] == "user":
                edited.append(h["network"])
        return SpeakerRecord(id=row["id"], name=row["name"], handles=handles, edited=tuple(edited), sessions=row["sessions"])
