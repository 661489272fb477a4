"""Named schema migrations, applied once, in order, and recorded.

Append new migrations at the end; never edit or reorder one that has
shipped. Each runs in the same transaction as its record in ``migrations``,
so a crash mid-way leaves the database as it was before.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_events_sessions_settings",
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            time_zone TEXT NOT NULL DEFAULT 'UTC',
            hashtags TEXT NOT NULL DEFAULT '[]',          -- JSON list, primary first, without '#'
            session_tag_pattern TEXT,
            starts_on TEXT,
            ends_on TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            key TEXT NOT NULL,                             -- identity within the event, stable across re-imports
            title TEXT NOT NULL,
            starts_at TEXT NOT NULL,                       -- UTC, YYYY-MM-DDTHH:MM:SSZ (sorts as text)
            ends_at TEXT NOT NULL,
            room TEXT,
            track TEXT,
            code TEXT,
            tag TEXT,                                      -- explicit session hashtag, without '#'
            url TEXT,
            abstract TEXT,
            UNIQUE (event_id, key),
            CHECK (ends_at > starts_at)
        );
        CREATE INDEX sessions_by_time ON sessions (event_id, starts_at, ends_at);
        CREATE TABLE speakers (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            UNIQUE (event_id, key)
        );
        CREATE TABLE speaker_handles (
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            network TEXT NOT NULL,
            handle TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'user',           -- 'user' edits survive re-imports; 'import' ones are replaced
            PRIMARY KEY (speaker_id, network)
        );
        CREATE TABLE session_speakers (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (session_id, speaker_id)
        );
        CREATE INDEX session_speakers_by_speaker ON session_speakers (speaker_id);
        CREATE TABLE settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL                            -- JSON
        );
        """,
    ),
    (
        "0002_programme_import",
        """
        ALTER TABLE sessions ADD COLUMN source TEXT NOT NULL DEFAULT 'manual';  -- 'manual' or 'import'
        ALTER TABLE sessions ADD COLUMN kind TEXT;
        ALTER TABLE sessions ADD COLUMN language TEXT;
        ALTER TABLE speakers ADD COLUMN url TEXT;
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            format TEXT NOT NULL,
            filename TEXT,
            imported_at TEXT NOT NULL,
            added INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            unchanged INTEGER NOT NULL,
            removed INTEGER NOT NULL,
            warnings TEXT NOT NULL DEFAULT '[]'               -- JSON list of {message, line, field}
        );
        """,
    ),
)
