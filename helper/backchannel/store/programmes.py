"""Importing a programme into an event: update in place, report what changed.

An import is one transaction: either the whole programme lands or nothing
does. Sessions are matched on their key (the reader's stable identity), so a
re-import of the same or an updated programme updates sessions in place.

Nothing is lost without the person saying so:

* imported sessions that are not in the file are kept and listed; only with
  ``replace`` are they removed. So one-session files (as conferences publish
  per talk) add up instead of replacing each other;
* a programme whose dates do not overlap the event's (a 2022 file for a 2020
  event) is refused with ``ProgrammeMismatch`` unless ``force``;
* ``dry_run`` works out the same report and changes nothing.

Sessions added by hand are never touched. Speakers are matched by name
within the event, and a handle the user set by hand survives every re-import.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Callable

from backchannel.errors import ProgrammeMismatch
from backchannel.store.db import Database, utc_now
from backchannel.store.events import Event, EventStore, normalise_handle, speaker_key
from backchannel.timeutil import from_store, to_store, zone

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
    removed: list[str] = field(default_factory=list)  # titles of the sessions removed (only with replace)
    kept: list[str] = field(default_factory=list)  # titles of imported sessions not in this file, kept (without replace)
    dry_run: bool = False  # nothing was changed: this is what the import would do
    rooms: int = 0
    speakers: int = 0
    handles: int = 0
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "format": self.format,
            "sessions": {"added": self.added, "updated": self.updated, "unchanged": self.unchanged, "removed": len(self.removed), "kept": len(self.kept)},
            "removed": self.removed,
            "kept": self.kept,
            "dry_run": self.dry_run,
            "rooms": self.rooms,
            "speakers": self.speakers,
            "handles": self.handles,
            "warnings": self.warnings,
        }


_SESSION_FIELDS = ("title", "starts_at", "ends_at", "room", "track", "code", "url", "abstract", "kind", "language", "do_not_record")


class ProgrammeStore:
    def __init__(self, db: Database, events: EventStore) -> None:
        self.db = db
        self.events = events

    def import_programme(
        self, slug: str, programme: Programme, *, filename: str | None = None, progress: Progress | None = None,
        replace: bool = False, dry_run: bool = False, force: bool = False,
    ) -> ImportReport:
        """Import ``programme`` into the event; see the module's doc for ``replace``, ``dry_run`` and ``force``."""
        event = self.events.get_event(slug)
        if not force:
            self._check_matches(event, programme)
        report = ImportReport(event=slug, format=programme.format, rooms=len(programme.rooms), dry_run=dry_run)
        report.warnings = [{"message": w.message, "line": w.line, "field": w.field} for w in programme.warnings]
        mismatch = _title_mismatch(event, programme.title)
        if mismatch:
            report.warnings.insert(0, {"message": mismatch, "line": None, "field": "title"})
        try:
            self._write(event, programme, report, filename=filename, progress=progress, replace=replace, dry_run=dry_run)
        except _DryRun:
            pass
        return report

    def _check_matches(self, event: Event, programme: Programme) -> None:
        """Refuse a programme whose days do not overlap the event's: most likely the wrong file."""
        days = _programme_days(programme, event.time_zone)
        if days is None:
            return
        expected = _event_days(self.db, event)
        if expected is None:
            return
        slack = timedelta(days=1)
        if days[0] <= expected[1] + slack and days[1] >= expected[0] - slack:
            return
        title = f" “{programme.title}”" if programme.title else ""
        raise ProgrammeMismatch(
            f"This programme{title} runs {_span(days)}, but the event {event.slug!r} ({event.name}) is on {_span(expected)}: "
            "is it the right file? Nothing was imported. Import it anyway with --force, or fix the event's dates with "
            "`backchannel event update`.",
            details={"programme": {"title": programme.title, "starts_on": days[0].isoformat(), "ends_on": days[1].isoformat()},
                     "event": {"name": event.name, "starts_on": expected[0].isoformat(), "ends_on": expected[1].isoformat()}},
        )

    def _write(
        self, event: Event, programme: Programme, report: ImportReport, *, filename: str | None, progress: Progress | None,
        replace: bool, dry_run: bool,
    ) -> None:
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
                    "kind": session.kind, "language": session.language, "do_not_record": int(session.do_not_record),
                }
                row = existing.pop(session.key, None)
                links = [(link.url, link.title, link.type, link.kind) for link in session.links]
                if row is None:
                    session_id = self._insert_session(conn, event.id, session.key, values)
                    self._replace_links(conn, session_id, links)
                    report.added += 1
                else:
                    session_id = int(row["id"])
                    links_changed = self._replace_links(conn, session_id, links)
                    if any(row[name] != values[name] for name in _SESSION_FIELDS) or links_changed:
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
            for row in existing.values():
                if not replace:
                    report.kept.append(row["title"])
                    continue
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
                (
                    event.id, programme.format, filename, utc_now(),
                    report.added, report.updated, report.unchanged, len(report.removed), json.dumps(report.warnings),
                ),
            )
            if dry_run:
                raise _DryRun  # rolls the transaction back: the report says what would have changed

    @staticmethod
    def _replace_links(conn: sqlite3.Connection, session_id: int, links: list[tuple[str, str | None, str | None, str]]) -> bool:
        """Put the programme's links for a session in place of the last import's; whether they changed."""
        before = [tuple(r) for r in conn.execute("SELECT url, title, type, kind FROM session_links WHERE session_id = ? ORDER BY position", (session_id,))]
        if before == links:
            return False
        conn.execute("DELETE FROM session_links WHERE session_id = ?", (session_id,))
        conn.executemany(
            "INSERT INTO session_links (session_id, position, url, title, type, kind) VALUES (?, ?, ?, ?, ?, ?)",
            [(session_id, position, *link) for position, link in enumerate(links)],
        )
        return True

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


class _DryRun(Exception):
    """Raised inside the import's transaction to roll it back after the report is complete."""


def _programme_days(programme: Programme, time_zone: str) -> tuple[date, date] | None:
    """The first and last day of the programme: its sessions' local days, else the days it declares."""
    if programme.sessions:
        tz = zone(programme.time_zone or time_zone)
        return min(s.start for s in programme.sessions).astimezone(tz).date(), max(s.end for s in programme.sessions).astimezone(tz).date()
    if programme.start:
        return programme.start, programme.end or programme.start
    return None


def _event_days(db: Database, event: Event) -> tuple[date, date] | None:
    """The event's days: its card's dates, else the days of the sessions it already has."""
    if event.starts_on or event.ends_on:
        first = date.fromisoformat(event.starts_on or event.ends_on or "")
        return first, date.fromisoformat(event.ends_on or event.starts_on or "")
    row = db.conn.execute("SELECT min(starts_at), max(ends_at) FROM sessions WHERE event_id = ?", (event.id,)).fetchone()
    if row is None or row[0] is None:
        return None
    tz = zone(event.time_zone)
    return from_store(row[0]).astimezone(tz).date(), from_store(row[1]).astimezone(tz).date()


def _span(days: tuple[date, date]) -> str:
    return days[0].isoformat() if days[0] == days[1] else f"{days[0].isoformat()} to {days[1].isoformat()}"


_WORD = re.compile(r"[^\W_]{3,}")


def _title_mismatch(event: Event, title: str | None) -> str | None:
    """A warning when the programme's title shares no word with the event's name or hashtags: perhaps the wrong file."""
    if not title:
        return None
    theirs = {w.casefold() for w in _WORD.findall(title)}
    ours = {w.casefold() for w in _WORD.findall(event.name)} | {h.casefold() for h in event.hashtags}
    if not theirs or not ours or theirs & ours:
        return None
    return f"The programme is titled “{title}” and the event is “{event.name}”: check that it is the right file (`--dry-run` shows what an import would do)."
