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
    (
        "0003_history",
        """
        CREATE TABLE posts (
            id INTEGER PRIMARY KEY,
            client_id TEXT UNIQUE,                         -- the extension's UUID; NULL for archive imports
            source TEXT NOT NULL,                          -- 'extension' or 'archive'
            platform TEXT NOT NULL,
            remote_id TEXT,                                -- the platform's id for the post
            url TEXT,
            text TEXT NOT NULL,
            posted_at TEXT NOT NULL,                       -- UTC, YYYY-MM-DDTHH:MM:SSZ
            event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
            session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
            event_source TEXT,                             -- 'client', 'active', 'hashtag' or 'thread'
            session_source TEXT,                           -- 'client', 'tag' or 'time'
            reply_to_remote_id TEXT,
            reply_to_user TEXT,
            thread_of_client_id TEXT,
            parent_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,   -- the user's own post this one continues
            thread_id INTEGER,                             -- the first post of its thread (itself when it starts one)
            is_retweet INTEGER NOT NULL DEFAULT 0,
            lang TEXT,
            latitude REAL,
            longitude REAL,
            hashtags TEXT NOT NULL DEFAULT '',             -- casefolded, space-separated, for event association
            entities TEXT NOT NULL DEFAULT '{}',           -- JSON: hashtags, mentions, urls (expanded)
            tips TEXT NOT NULL DEFAULT '[]',               -- JSON: the tips shown while composing, each with 'heeded'
            request_hash TEXT,                             -- what a retry of the same client_id must match
            recorded_at TEXT NOT NULL,
            UNIQUE (platform, remote_id)
        );
        CREATE INDEX posts_by_time ON posts (posted_at);
        CREATE INDEX posts_by_event ON posts (event_id, posted_at);
        CREATE INDEX posts_by_session ON posts (session_id, platform, posted_at);
        CREATE INDEX posts_by_thread ON posts (thread_id, posted_at);
        CREATE INDEX posts_by_reply ON posts (platform, reply_to_remote_id) WHERE reply_to_remote_id IS NOT NULL;
        CREATE INDEX posts_by_thread_of ON posts (thread_of_client_id) WHERE thread_of_client_id IS NOT NULL;
        CREATE TABLE post_media (
            id INTEGER PRIMARY KEY,
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL DEFAULT 'photo',            -- photo, video or animated_gif
            sha256 TEXT,
            width INTEGER,
            height INTEGER,
            remote_id TEXT,
            remote_url TEXT,
            file TEXT,                                     -- name in the data directory's media folder, when we hold the bytes
            original_name TEXT,                            -- the file's name in the archive
            measurements TEXT,                             -- JSON, as the photo checks measured it
            alt_text TEXT,
            UNIQUE (post_id, position)
        );
        CREATE INDEX post_media_by_hash ON post_media (sha256);
        CREATE TABLE history_state (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        -- Contentless: the text lives in posts; 'scope' carries e<event id> s<session id> tokens so a
        -- filtered search is an index intersection inside FTS5, not a scan of every hit.
        CREATE VIRTUAL TABLE posts_fts USING fts5(text, scope, content='', tokenize='unicode61 remove_diacritics 2');
        -- A bulk import sets history_state 'fts_deferred' (to the last id indexed before it) inside its
        -- transaction and indexes its new rows in one statement at the end, which is twice as fast.
        CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts
        WHEN NOT EXISTS (SELECT 1 FROM history_state WHERE name = 'fts_deferred') BEGIN
            INSERT INTO posts_fts (rowid, text, scope)
            VALUES (new.id, new.text, 'e' || coalesce(new.event_id, 0) || ' s' || coalesce(new.session_id, 0));
        END;
        CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts
        WHEN old.id <= coalesce((SELECT CAST(value AS INTEGER) FROM history_state WHERE name = 'fts_deferred'), old.id) BEGIN
            INSERT INTO posts_fts (posts_fts, rowid, text, scope)
            VALUES ('delete', old.id, old.text, 'e' || coalesce(old.event_id, 0) || ' s' || coalesce(old.session_id, 0));
        END;
        CREATE TRIGGER posts_fts_update AFTER UPDATE OF text, event_id, session_id ON posts
        WHEN old.id <= coalesce((SELECT CAST(value AS INTEGER) FROM history_state WHERE name = 'fts_deferred'), old.id) BEGIN
            INSERT INTO posts_fts (posts_fts, rowid, text, scope)
            VALUES ('delete', old.id, old.text, 'e' || coalesce(old.event_id, 0) || ' s' || coalesce(old.session_id, 0));
            INSERT INTO posts_fts (rowid, text, scope)
            VALUES (new.id, new.text, 'e' || coalesce(new.event_id, 0) || ' s' || coalesce(new.session_id, 0));
        END;
        CREATE TABLE review_logins (
            key_hash TEXT PRIMARY KEY,                     -- sha256 of the one-time key; the key itself is never stored
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        );
        CREATE TABLE review_sessions (
            id_hash TEXT PRIMARY KEY,                      -- sha256 of the cookie's session id
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0004_post_outcomes",
        """
        -- A post X holds to send later (CreateScheduledTweet): when it is to go out (UTC stamp).
        ALTER TABLE posts ADD COLUMN scheduled_for TEXT;
        -- The post a quote quotes (its X address).
        ALTER TABLE posts ADD COLUMN quoted_url TEXT;
        -- Earlier versions of an edited post, newest last; an edit replaces the post's text, id and URL.
        CREATE TABLE post_edits (
            id INTEGER PRIMARY KEY,
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            client_id TEXT UNIQUE,                         -- the edit's own record id, so a retry is recognised
            text TEXT NOT NULL,
            remote_id TEXT,
            url TEXT,
            replaced_at TEXT NOT NULL
        );
        CREATE INDEX post_edits_post ON post_edits (post_id);
        """,
    ),
    (
        "0005_slide_text",
        """
        -- The text read from a post's photo (its slide), one row per photo that was read: a photo read
        -- with nothing legible on it has '' here, so an archive's photos are read once, and a run
        -- that stopped goes on from the first photo without a row.
        CREATE TABLE media_text (
            media_id INTEGER PRIMARY KEY REFERENCES post_media(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            read_at TEXT NOT NULL
        );
        -- The history search finds a post by the words on its slides too: the same tokenizer as posts_fts.
        CREATE VIRTUAL TABLE media_text_fts USING fts5(text, content='media_text', content_rowid='media_id',
            tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER media_text_fts_insert AFTER INSERT ON media_text BEGIN
            INSERT INTO media_text_fts (rowid, text) VALUES (new.media_id, new.text);
        END;
        CREATE TRIGGER media_text_fts_delete AFTER DELETE ON media_text BEGIN
            INSERT INTO media_text_fts (media_text_fts, rowid, text) VALUES ('delete', old.media_id, old.text);
        END;
        CREATE TRIGGER media_text_fts_update AFTER UPDATE OF text ON media_text BEGIN
            INSERT INTO media_text_fts (media_text_fts, rowid, text) VALUES ('delete', old.media_id, old.text);
            INSERT INTO media_text_fts (rowid, text) VALUES (new.media_id, new.text);
        END;
        """,
    ),
    (
        "0006_guide_and_chats",
        """
        -- The programme asks that the session not be recorded (frab <optout>, do_not_record); owned by the import.
        ALTER TABLE sessions ADD COLUMN do_not_record INTEGER NOT NULL DEFAULT 0;
        -- The user's own mark: why this session is not to be posted (NULL: no mark); survives re-imports.
        ALTER TABLE sessions ADD COLUMN do_not_post TEXT;
        -- The event's posting policy in the organisers' words ("no photos of slides"), NULL when it has none.
        ALTER TABLE events ADD COLUMN posting_policy TEXT;
        -- A weekly hashtag chat: its hashtag, weekday and local start time, length and moderator.
        CREATE TABLE chats (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            hashtag TEXT NOT NULL,                         -- without '#'
            weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),  -- Monday 0, as Python counts
            starts TEXT NOT NULL,                          -- local wall-clock HH:MM in time_zone
            minutes INTEGER NOT NULL DEFAULT 60 CHECK (minutes BETWEEN 5 AND 600),
            time_zone TEXT NOT NULL,
            moderator TEXT,                                -- '@handle' on X, NULL when not known
            created_at TEXT NOT NULL
        );
        -- A chat's questions, per occurrence (the local date it runs on): published in advance with
        -- their time, or added as they appear (pasted, or seen in the moderator's post).
        CREATE TABLE chat_questions (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
            occurrence TEXT NOT NULL,                      -- local date YYYY-MM-DD of the chat
            number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 99),
            text TEXT NOT NULL,
            asked_at TEXT NOT NULL,                        -- UTC stamp: when it is (or was) asked
            source TEXT NOT NULL DEFAULT 'pasted',         -- 'advance', 'pasted' or 'timeline'
            remote_id TEXT,                                -- the moderator's post, when seen on the timeline
            UNIQUE (chat_id, occurrence, number)
        );
        """,
    ),
    (
        "0007_session_links",
        """
        -- The links the programme lists for a session (slides, papers, sites), in its order; owned by the
        -- import, which replaces them on each import of the session. Which one is the slides is decided
        -- when read (schedules/links.py), so a better rule needs no new import.
        CREATE TABLE session_links (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            url TEXT NOT NULL,
            title TEXT,
            type TEXT,                                     -- the programme's own type ("slides", "paper"), when it gives one
            kind TEXT NOT NULL DEFAULT 'link',             -- 'link', or 'attachment': a file uploaded with the talk
            PRIMARY KEY (session_id, position)
        );
        """,
    ),
)
