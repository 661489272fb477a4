"""Importing a programme into an event: update in place, report what changed.

An import is one transaction: either the whole programme lands or nothing
does. Sessions are matched on their key (the reader's stable identity), so a
re-import of the same or an updated programme updates sessions in place;
imported sessions that are no longer in the file are removed and reported;
sessions added by hand are never touched. Speakers are matched by name
within the event, and a handle the user set by hand survives every re-import.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable
from backchannel.store.db import Database, utc_now
from backchannel.store.events import EventStore, normalise_handle, speaker_key
from backchannel.timeutil import to_store

if TYPE_CHECKING:  # the readers (and icalendar) load only when a programme is imported
    from backchannel.schedules.model import Programme

Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    event: str
    format: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)  # titles of the sessions no longer in the programme
    rooms: int = 0
    speakers: int = 0
    handles: int = 0
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "format": self.format,
            "sessions": {"added": self.added, "updated": self.updated, "unchanged": self.unchanged, "removed": len(self.removed)},
            "removed": self.removed,
            "rooms": self.rooms,
            "speakers": self.speakers,
            "handles": self.handles,
            "warnings": self.warnings,
        }


_SESSION_FIELDS = ("title", "starts_at", "ends_at", "room", "track", "code", "url", "abstract", "kind", "language")


class ProgrammeStore:
    def __init__(self, db: Database, events: EventStore) -> None:
        self.db = db
        self.events = events

    def import_programme(self, slug: str, programme: Programme, *, filename: str | None = None, progress: Progress | None = None) -> ImportReport:
        event = self.events.get_event(slug)
        report = ImportReport(event=slug, format=programme.format, rooms=len(programme.rooms))
        report.warnings = [{"message": w.message, "line": w.line, "field": w.field} for w in programme.warnings]
        total = len(programme.sessions)
        with self.db.write() as conn:
            existing = {
                row["key"]: row
                for row in conn.execute(
                    "SELECT id, key, " + ", ".join(f for f in _SESSION_FIELDS) + " FROM sessions WHERE event_id = ? AND source = 'import'",
                    (event.id,),
                )
            }
            speaker_ids: dict[str, int] = {}
            for done, session in enumerate(programme.sessions, 1):
                values = {
                    "title": session.title, "starts_at": to_store(session.start), "ends_at": to_store(session.end), "room": session.room,
                    "track": session.track, "code": session.code, "url": session.url, "abstract": session.abstract,
                    "kind": session.kind, "language": session.language,
                }
                row = existing.pop(session.key, None)
                if row is None:
                    session_id = self._insert_session(conn, event.id, session.key, values)
                    report.added += 1
                else:
                    session_id = int(row["id"])
                    if any(row[name] != values[name] for name in _SESSION_FIELDS):
                        conn.execute(
                            "UPDATE sessions SET " + ", ".join(f"{name} = :{name}" for name in _SESSION_FIELDS) + " WHERE id = :id",
                            {**values, "id": session_id},
                        )
                        report.updated += 1
                    else:
                        report.unchanged += 1
                conn.execute("DELETE FROM session_speakers WHERE session_id = ?", (session_id,))
                for position, speaker in enumerate(session.speakers):
                    key = speaker_key(speaker.name)
                    if key not in speaker_ids:
                        speaker_ids[key] = self._upsert_speaker(conn, event.id, key, speaker.name, speaker.url, speaker.handles)
                    conn.execute(
                        "INSERT OR IGNORE INTO session_speakers (session_id, speaker_id, position) VALUES (?, ?, ?)",
                        (session_id, speaker_ids[key], position),
                    )
                if progress is not None and (done % 200 == 0 or done == total):
                    progress(done, total)
            for key, row in existing.items():
                conn.execute("DELETE FROM sessions WHERE id = ?", (row["id"],))
                report.removed.append(row["title"])
            # Speakers left with no session and nothing the user typed are gone with their sessions.
            conn.execute(
                "DELETE FROM speakers WHERE event_id = ? AND id NOT IN (SELECT speaker_id FROM session_speakers)"
                " AND id NOT IN (SELECT speaker_id FROM speaker_handles WHERE source = 'user')",
                (event.id,),
            )
            report.speakers = len(speaker_ids)
            report.handles = conn.execute(
                "SELECT count(*) FROM speaker_handles h JOIN speakers s ON s.id = h.speaker_id WHERE s.event_id = ?", (event.id,)
            ).fetchone()[0]
            self._fill_event_card(conn, event.id, event.time_zone, event.starts_on, event.ends_on, programme)
            conn.execute(
                "INSERT INTO imports (event_id, format, filename, imported_at, added, updated, unchanged, removed, warnings)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (event.id, programme.format, filename, utc_now(), report.added, report.updated, report.unchanged, len(report.removed), json.dumps(report.warnings)),
            )
        return report

    @staticmethod
    def _insert_session(conn: sqlite3.Connection, event_id: int, key: str, values: dict[str, Any]) -> int:
        cur = conn.execute(
            "INSERT INTO sessions (event_id, key, source, " + ", ".join(_SESSION_FIELDS) + ")"
            " VALUES (:event_id, :key, 'import', " + ", ".join(f":{name}" for name in _SESSION_FIELDS) + ")",
            {**values, "event_id": event_id, "key": key},
        )
        return int(cur.lastrowid or 0)

    @staticmethod
    def _upsert_speaker(conn: sqlite3.Connection, event_id: int, key: str, name: str, url: str | None, handles: dict[str, str]) -> int:
        conn.execute(
            "INSERT INTO speakers (event_id, key, name, url) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (event_id, key) DO UPDATE SET url = coalesce(excluded.url, speakers.url)",
            (event_id, key, name, url),
        )
        speaker_id = int(conn.execute("SELECT id FROM speakers WHERE event_id = ? AND key = ?", (event_id, key)).fetchone()[0])
        for network, handle in handles.items():
            # A handle the user typed wins over whatever the programme says.
            conn.execute(
                "INSERT INTO speaker_handles (speaker_id, network, handle, source) VALUES (?, ?, ?, 'import')"
                " ON CONFLICT (speaker_id, network) DO UPDATE SET handle = excluded.handle WHERE speaker_handles.source = 'import'",
                (speaker_id, network, normalise_handle(network, handle)),
            )
        return speaker_id

    @staticmethod
    def _fill_event_card(conn: sqlite3.Connection, event_id: int, time_zone: str, starts_on: str | None, ends_on: str | None, programme: Programme) -> None:
        """Fill in what the event card leaves open (dates, a zone still at the UTC default) from the programme."""
        updates: dict[str, Any] = {}
        if not starts_on and programme.start:
            updates["starts_on"] = programme.start.isoformat()
        if not ends_on and programme.end:
            updates["ends_on"] = programme.end.isoformat()
        if time_zone == "UTC" and programme.time_zone and programme.time_zone != "UTC":
            updates["time_zone"] = programme.time_zone
        if updates:
            conn.execute(
                "UPDATE events SET " + ", ".join(f"{k} = :{k}" for k in updates) + " WHERE id = :id",
                {**updates, "id": event_id},
            )
