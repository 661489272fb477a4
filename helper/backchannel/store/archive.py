"""Writing an X archive's tweets into the posts table: the importer's SQL, all of it here.

One import is one transaction (``ArchiveWriter``): a crash leaves the
history as it was, and the commit pays for one sync instead of one per
batch. Inside it:

* new tweets go in with ``executemany`` over prepared rows (runs of tweets
  without media; a tweet with media is inserted alone, for its row id);
* a tweet already stored (same platform and remote id) is refreshed the way
  ``upsert``'s rules say, so re-importing adds nothing and a recording made
  by the extension keeps its own text, placement and tips;
* the full-text index is filled in one statement at the end (the insert
  trigger waits while ``history_state`` holds ``fts_deferred``);
* when the archive brings more tweets than the history holds, the posts
  table's secondary indexes are dropped and built again once at the end:
  building an index from sorted rows costs a fraction of keeping it up to
  date row by row (measured: the insert itself is 3–4× faster). The
  indexes' SQL is read back from ``sqlite_master``, so they come back
  exactly as the migrations made them, in the same transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

from backchannel.history.model import MediaIn, PostIn
from backchannel.store.db import utc_now
from backchannel.timeutil import to_store

Outcome = Literal["added", "updated", "unchanged"]

# SQLite's default limit on bound variables is 999 before 3.32; stay well under it.
_CHUNK = 500

_INSERT_POST = (
    "INSERT INTO posts (source, platform, remote_id, url, text, posted_at, reply_to_remote_id, reply_to_user, is_retweet, lang,"
    " latitude, longitude, hashtags, entities, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (platform, remote_id) DO NOTHING"
)
_INSERT_MEDIA = (
    "INSERT INTO post_media (post_id, position, kind, sha256, width, height, remote_id, remote_url, file, original_name, measurements, alt_text)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _entities_json(post: PostIn) -> str:
    # The same spelling the extension's records use (json.dumps, not orjson): a re-import compares strings.
    return json.dumps(dict(post.entities), ensure_ascii=False)


def _post_row(post: PostIn, recorded_at: str) -> tuple[Any, ...]:
    return (
        post.source, post.platform, post.remote_id, post.url, post.text, to_store(post.posted_at), post.reply_to_remote_id,
        post.reply_to_user, int(post.is_retweet), post.lang, post.latitude, post.longitude, " ".join(post.hashtags),
        _entities_json(post), recorded_at,
    )


def _media_row(post_id: int, position: int, m: MediaIn) -> tuple[Any, ...]:
    return (
        post_id, position, m.kind, m.sha256, m.width, m.height, m.remote_id, m.remote_url, m.file, m.original_name,
        None if m.measurements is None else json.dumps(dict(m.measurements), ensure_ascii=False), m.alt_text,
    )


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class ArchiveWriter:
    """One archive import's writes, inside the caller's transaction (``with store.db.write() as conn``).

    ``begin()`` before the first ``write()``, ``finish()`` after the last
    (and after linking threads, which then runs without the indexes to keep
    up to date); an exception in between rolls the whole import back.
    """

    def __init__(self, conn: sqlite3.Connection, *, expected: int) -> None:
        self.conn = conn
        self.expected = expected
        self._last_indexed = 0
        self._dropped: list[str] = []  # the CREATE INDEX statements to run again in finish()
        self._recorded_at = utc_now()

    def begin(self) -> None:
        self._last_indexed = int(self.conn.execute("SELECT coalesce(max(id), 0) FROM posts").fetchone()[0])
        self.conn.execute("INSERT INTO history_state (name, value) VALUES ('fts_deferred', ?)", (str(self._last_indexed),))
        stored = int(self.conn.execute("SELECT count(*) FROM posts").fetchone()[0])
        if self.expected > stored:
            # Only the indexes the migrations wrote (sql IS NOT NULL): UNIQUE constraints' own indexes stay,
            # and the upsert's ON CONFLICT needs (platform, remote_id).
            rows = self.conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'posts' AND sql IS NOT NULL ORDER BY name"
            ).fetchall()
            for name, sql in rows:
                self.conn.execute(f'DROP INDEX "{name}"')
                self._dropped.append(sql)

    def write(self, posts: Sequence[PostIn]) -> dict[Outcome, int]:
        """Insert or refresh these tweets, in order; how many were added, updated and left unchanged."""
        counts: dict[Outcome, int] = {"added": 0, "updated": 0, "unchanged": 0}
        known = self._known(posts)
        run: list[tuple[Any, ...]] = []
        for post in posts:
            key = (post.platform, post.remote_id)
            if post.remote_id is not None and key in known:
                self._flush(run)
                counts[self._refresh(post)] += 1
                continue
            if post.media:
                self._flush(run)
                cur = self.conn.execute(_INSERT_POST, _post_row(post, self._recorded_at))
                if cur.rowcount == 1:
                    post_id = int(cur.lastrowid or 0)
                    self.conn.executemany(_INSERT_MEDIA, [_media_row(post_id, i, m) for i, m in enumerate(post.media)])
            else:
                run.append(_post_row(post, self._recorded_at))
            known.add(key)
            counts["added"] += 1
        self._flush(run)
        return counts

    def finish(self) -> None:
        """Index the new posts for search and build again any index dropped in ``begin()``."""
        self.conn.execute("DELETE FROM history_state WHERE name = 'fts_deferred'")
        self.conn.execute(
            "INSERT INTO posts_fts (rowid, text, scope) SELECT id, text, 'e' || coalesce(event_id, 0) || ' s' || coalesce(session_id, 0)"
            " FROM posts WHERE id > ?",
            (self._last_indexed,),
        )
        for sql in self._dropped:
            self.conn.execute(sql)
        self._dropped = []

    # -- the parts -----------------------------------------------------------

    def _flush(self, run: list[tuple[Any, ...]]) -> None:
        if run:
            self.conn.executemany(_INSERT_POST, run)
            run.clear()

    def _known(self, posts: Iterable[PostIn]) -> set[tuple[str, str | None]]:
        """Which of these tweets are stored already, as (platform, remote id): one query per 500 ids."""
        by_platform: dict[str, list[str]] = {}
        for post in posts:
            if post.remote_id is not None:
                by_platform.setdefault(post.platform, []).append(post.remote_id)
        found: set[tuple[str, str | None]] = set()
        for platform, ids in by_platform.items():
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                found.update(
                    (platform, row[0])
                    for row in self.conn.execute(f"SELECT remote_id FROM posts WHERE platform = ? AND remote_id IN ({marks})", (platform, *chunk))
                )
        return found

    def _refresh(self, post: PostIn) -> Outcome:
        """A tweet stored already: take what the archive knows better, keep what a recording knows better."""
        row = self.conn.execute(
            "SELECT id, source, url, entities, lang, latitude, longitude, reply_to_remote_id, reply_to_user, is_retweet, text"
            " FROM posts WHERE platform = ? AND remote_id = ?",
            (post.platform, post.remote_id),
        ).fetchone()
        entities = _entities_json(post)
        if row["source"] == "archive":
            changes: dict[str, Any] = {
                # A single tweets file does not name the account: keep the URL an earlier import made with it.
                "text": post.text, "url": row["url"] if row["url"] and post.url and "/i/web/" in post.url else post.url, "entities": entities,
                "lang": post.lang, "latitude": post.latitude, "longitude": post.longitude, "reply_to_remote_id": post.reply_to_remote_id,
                "reply_to_user": post.reply_to_user, "is_retweet": int(post.is_retweet),
            }
        else:
            changes = {"url": row["url"] or post.url, "entities": row["entities"] if row["entities"] not in ("{}", "") else entities,
                       "latitude": row["latitude"] if row["latitude"] is not None else post.latitude,
                       "longitude": row["longitude"] if row["longitude"] is not None else post.longitude}
        differs = any(row[k] != v for k, v in changes.items())
        if differs:
            assignments = ", ".join(f"{k} = ?" for k in changes)
            self.conn.execute(f"UPDATE posts SET {assignments}, hashtags = ? WHERE id = ?", (*changes.values(), " ".join(post.hashtags), row["id"]))
        media_changed = self._refresh_media(int(row["id"]), post.media)
        return "updated" if differs or media_changed else "unchanged"

    def _refresh_media(self, post_id: int, media: Sequence[MediaIn]) -> bool:
        """Add archive media the post does not have yet; fill in files found on a later import."""
        known = {r["remote_id"]: r for r in self.conn.execute("SELECT id, remote_id, file, sha256 FROM post_media WHERE post_id = ?", (post_id,))}
        changed = False
        next_position = len(known)
        for m in media:
            row = known.get(m.remote_id)
            if row is None:
                self.conn.execute(_INSERT_MEDIA, _media_row(post_id, next_position, m))
                next_position += 1
                changed = True
            elif m.file and not row["file"]:
                self.conn.execute("UPDATE post_media SET file = ?, sha256 = ?, original_name = ? WHERE id = ?", (m.file, m.sha256, m.original_name, row["id"]))
                changed = True
        return changed


def placed_counts(conn: sqlite3.Connection, platform: str, remote_ids: Iterable[str]) -> tuple[int, int]:
    """How many of the (non-retweet) posts with these remote ids have an event, and how many a session.

    Asked with the platform, so SQLite looks each id up in the (platform, remote_id) index instead of
    scanning the table once per 500 ids.
    """
    with_event = with_session = 0
    for chunk in _chunks(sorted(remote_ids)):
        marks = ",".join("?" * len(chunk))
        row = conn.execute(
            f"SELECT count(event_id), count(session_id) FROM posts WHERE platform = ? AND remote_id IN ({marks}) AND is_retweet = 0",
            (platform, *chunk),
        ).fetchone()
        with_event += int(row[0])
        with_session += int(row[1])
    return with_event, with_session
