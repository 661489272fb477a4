"""Writing an X archive's tweets into the posts table: the importer's SQL, all of it here.

An import is written in chunks of ``CHUNK`` tweets, each chunk one transaction
(``ArchiveWriter.write``), so that a helper recording a live post meanwhile
waits for at most one chunk (about a second) and never reaches its 10 s busy
timeout, however large the archive. Inside a chunk:

* new tweets go in with ``executemany`` over rows built as plain tuples
  (``ArchivedRow``; runs of tweets without media; a tweet with media is
  inserted alone, followed by its media);
* a tweet already stored (same platform and remote id) is refreshed the way
  ``_refresh``'s rules say, so re-importing adds nothing and a recording made
  by the extension keeps its own text, placement and tips;
* the full-text index is filled in one statement at the end of the chunk: the
  insert trigger is dropped for the chunk and made again from its own SQL
  (read back from ``sqlite_master``) before the commit, so no row pays for
  its check; ``history_state``'s ``fts_deferred``, set and cleared by the same
  transaction, keeps the update trigger off the rows not indexed yet;
* each new tweet goes in with its id and its thread links already worked out
  (``_links``: the thread its parent chain leads to, in this chunk or stored
  before, and its parent when that went in before it), so most rows are
  written once; ``relink_all`` then sets the parents that went in after their
  replies, links what waited for this chunk (a reply stored by an earlier
  import whose parent just arrived) and cuts reply loops, over the whole history;
* when the chunk brings more tweets than the history holds, the posts
  table's secondary indexes are dropped first and built again once at the
  end of the chunk: building an index from the rows costs a fraction of
  keeping it up to date row by row. The indexes' SQL is read back from ``sqlite_master``,
  so they come back exactly as the migrations made them.

So every committed chunk is complete: searchable, threaded, indexed. An
import stopped half-way keeps the chunks it committed; importing the same
archive again adds the rest (tweets are keyed by their id).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

from backchannel.history.model import MediaIn
from backchannel.store.db import Database, utc_now
from backchannel.store.threads import relink_all

Outcome = Literal["added", "updated", "unchanged"]

# Tweets per transaction: large enough that the first chunk of an import into a small history is built
# without its indexes (and an archive of up to this many tweets is all-or-nothing), small enough that
# one chunk holds the write lock for about a second: a helper recording a post waits up to 10 s.
CHUNK = 20_000

# SQLite's default limit on bound variables is 999 before 3.32; stay well under it.
_IDS_PER_QUERY = 500


class ROW:
    """Where each column sits in an ``ArchivedRow``: the order of ``_INSERT_POST``'s columns, less ``recorded_at``."""

    source, platform, remote_id, url, text, posted_at, reply_to_remote_id, reply_to_user = range(8)
    is_retweet, lang, latitude, longitude, hashtags, entities = range(8, 14)


# (source, platform, remote_id, url, text, posted_at (store format), reply_to_remote_id, reply_to_user,
#  is_retweet (0/1), lang, latitude, longitude, hashtags (space-separated, casefolded), entities (JSON))
ArchivedRow = tuple[Any, ...]

# Each new post goes in with its id (the one SQLite would give it: one more than the largest) and its
# thread links already worked out, so the thread linking that follows finds little left to write.
_INSERT_POST = (
    "INSERT INTO posts (id, source, platform, remote_id, url, text, posted_at, reply_to_remote_id, reply_to_user, is_retweet, lang,"
    " latitude, longitude, hashtags, entities, recorded_at, parent_id, thread_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (platform, remote_id) DO NOTHING"
)
_INSERT_MEDIA = (
    "INSERT INTO post_media (post_id, position, kind, sha256, width, height, remote_id, remote_url, file, original_name, measurements, alt_text)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

# The same spelling the extension's records use (json.dumps, not orjson: a re-import compares strings),
# with the encoder made once rather than once per tweet.
entities_json = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _media_row(post_id: int, position: int, m: MediaIn) -> tuple[Any, ...]:
    return (
        post_id, position, m.kind, m.sha256, m.width, m.height, m.remote_id, m.remote_url, m.file, m.original_name,
        None if m.measurements is None else json.dumps(dict(m.measurements), ensure_ascii=False), m.alt_text,
    )


def _chunks(items: Sequence[str], size: int = _IDS_PER_QUERY) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class ArchiveWriter:
    """One archive import's writes: ``write()`` for each chunk of tweets, each its own transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._recorded_at = utc_now()

    def write(self, tweets: Sequence[tuple[ArchivedRow, Sequence[MediaIn]]]) -> tuple[dict[Outcome, int], int]:
        """Insert or refresh these tweets, in order, and link threads, in one transaction committed on return:
        how many were added, updated and left unchanged, and how many posts of the history continue a thread."""
        counts: dict[Outcome, int] = {"added": 0, "updated": 0, "unchanged": 0}
        with self.db.write() as conn:
            last_indexed = int(conn.execute("SELECT coalesce(max(id), 0) FROM posts").fetchone()[0])
            conn.execute("INSERT INTO history_state (name, value) VALUES ('fts_deferred', ?)", (str(last_indexed),))
            dropped = self._drop_indexes(conn) if len(tweets) > int(conn.execute("SELECT count(*) FROM posts").fetchone()[0]) else []
            # The trigger's check would run once per row only to find the index deferred; in the same
            # transaction, so no other connection ever sees the table without it.
            insert_trigger = self._drop_insert_trigger(conn)
            known = self._known(conn, tweets)
            # The id each new tweet gets, in turn (one more than the largest, as SQLite would give it); None: stored already.
            ids: list[int | None] = []
            next_id = last_indexed + 1
            for row, _ in tweets:
                key = (row[ROW.platform], row[ROW.remote_id])
                if key in known:
                    ids.append(None)
                else:
                    known.add(key)
                    ids.append(next_id)
                    next_id += 1
            parents, threads = _links(conn, tweets, ids)
            recorded_at = self._recorded_at
            run: list[tuple[Any, ...]] = []
            for (row, media), post_id in zip(tweets, ids):
                if post_id is None:
                    self._flush(conn, run)
                    counts[self._refresh(conn, row, media)] += 1
                    continue
                # A parent stored before this row (a smaller id) goes in with it. X lists the newest tweets first, so
                # most replies come before their parent: their parent_id waits for relink_all, as a foreign key must
                # (deferring the check instead would make SQLite scan the table for children at every later insert).
                parent = parents.get(post_id)
                values = (post_id, *row, recorded_at, parent if parent is not None and parent < post_id else None, threads.get(post_id, post_id))
                if media:
                    self._flush(conn, run)
                    conn.execute(_INSERT_POST, values)
                    conn.executemany(_INSERT_MEDIA, [_media_row(post_id, i, m) for i, m in enumerate(media)])
                else:
                    run.append(values)
                counts["added"] += 1
            self._flush(conn, run)
            # Writes what the inserts could not: the parents of replies that went in before them, stored posts that
            # were waiting for one of these, loops in a doctored archive. Every other new row it reads and leaves.
            in_threads = relink_all(conn)
            conn.execute("DELETE FROM history_state WHERE name = 'fts_deferred'")
            conn.execute(
                "INSERT INTO posts_fts (rowid, text, scope) SELECT id, text, 'e' || coalesce(event_id, 0) || ' s' || coalesce(session_id, 0)"
                " FROM posts WHERE id > ?",
                (last_indexed,),
            )
            conn.execute(insert_trigger)
            for sql in dropped:
                conn.execute(sql)
        return counts, in_threads

    def link_threads(self) -> int:
        """Resolve every waiting reply link over the whole history (one transaction); how many posts continue a thread."""
        with self.db.write() as conn:
            return relink_all(conn)

    # -- the parts -----------------------------------------------------------

    @staticmethod
    def _drop_indexes(conn: sqlite3.Connection) -> list[str]:
        """Drop the posts table's secondary indexes; the CREATE INDEX statements that build them again."""
        # Only the indexes the migrations wrote (sql IS NOT NULL): UNIQUE constraints' own indexes stay,
        # and the insert's ON CONFLICT needs (platform, remote_id).
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'posts' AND sql IS NOT NULL ORDER BY name").fetchall()
        for name, _ in rows:
            conn.execute(f'DROP INDEX "{name}"')
        return [sql for _, sql in rows]

    @staticmethod
    def _drop_insert_trigger(conn: sqlite3.Connection) -> str:
        """Drop the trigger that indexes each new post for search; the CREATE TRIGGER statement that makes it again."""
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'posts_fts_insert'").fetchone()
        conn.execute("DROP TRIGGER posts_fts_insert")
        return str(sql)

    @staticmethod
    def _flush(conn: sqlite3.Connection, run: list[tuple[Any, ...]]) -> None:
        if run:
            conn.executemany(_INSERT_POST, run)
            run.clear()

    @staticmethod
    def _known(conn: sqlite3.Connection, tweets: Iterable[tuple[ArchivedRow, Sequence[MediaIn]]]) -> set[tuple[str, str | None]]:
        """Which of these tweets are stored already, as (platform, remote id): one query per 500 ids."""
        by_platform: dict[str, list[str]] = {}
        for row, _ in tweets:
            by_platform.setdefault(row[ROW.platform], []).append(row[ROW.remote_id])
        found: set[tuple[str, str | None]] = set()
        for platform, ids in by_platform.items():
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                found.update(
                    (platform, r[0]) for r in conn.execute(f"SELECT remote_id FROM posts WHERE platform = ? AND remote_id IN ({marks})", (platform, *chunk))
                )
        return found

    def _refresh(self, conn: sqlite3.Connection, new: ArchivedRow, media: Sequence[MediaIn]) -> Outcome:
        """A tweet stored already: take what the archive knows better, keep what a recording knows better."""
        row = conn.execute(
            "SELECT id, source, url, entities, lang, latitude, longitude, reply_to_remote_id, reply_to_user, is_retweet, text"
            " FROM posts WHERE platform = ? AND remote_id = ?",
            (new[ROW.platform], new[ROW.remote_id]),
        ).fetchone()
        url, entities, latitude, longitude = new[ROW.url], new[ROW.entities], new[ROW.latitude], new[ROW.longitude]
        if row["source"] == "archive":
            changes: dict[str, Any] = {
                # A single tweets file does not name the account: keep the URL an earlier import made with it.
                "text": new[ROW.text], "url": row["url"] if row["url"] and url and "/i/web/" in url else url, "entities": entities,
                "lang": new[ROW.lang], "latitude": latitude, "longitude": longitude, "reply_to_remote_id": new[ROW.reply_to_remote_id],
                "reply_to_user": new[ROW.reply_to_user], "is_retweet": new[ROW.is_retweet],
            }
        else:
            changes = {"url": row["url"] or url, "entities": row["entities"] if row["entities"] not in ("{}", "") else entities,
                       "latitude": row["latitude"] if row["latitude"] is not None else latitude,
                       "longitude": row["longitude"] if row["longitude"] is not None else longitude}
        differs = any(row[k] != v for k, v in changes.items())
        if differs:
            assignments = ", ".join(f"{k} = ?" for k in changes)
            conn.execute(f"UPDATE posts SET {assignments}, hashtags = ? WHERE id = ?", (*changes.values(), new[ROW.hashtags], row["id"]))
        media_changed = self._refresh_media(conn, int(row["id"]), media)
        return "updated" if differs or media_changed else "unchanged"

    @staticmethod
    def _refresh_media(conn: sqlite3.Connection, post_id: int, media: Sequence[MediaIn]) -> bool:
        """Add archive media the post does not have yet; fill in files found on a later import."""
        known = {r["remote_id"]: r for r in conn.execute("SELECT id, remote_id, file, sha256 FROM post_media WHERE post_id = ?", (post_id,))}
        changed = False
        next_position = len(known)
        for m in media:
            row = known.get(m.remote_id)
            if row is None:
                conn.execute(_INSERT_MEDIA, _media_row(post_id, next_position, m))
                next_position += 1
                changed = True
            elif m.file and not row["file"]:
                conn.execute("UPDATE post_media SET file = ?, sha256 = ?, original_name = ? WHERE id = ?", (m.file, m.sha256, m.original_name, row["id"]))
                changed = True
        return changed


def _links(
    conn: sqlite3.Connection, tweets: Sequence[tuple[ArchivedRow, Sequence[MediaIn]]], ids: Sequence[int | None]
) -> tuple[dict[int, int], dict[int, int]]:
    """The new posts' parents and threads, by post id, as ``relink_all`` would set them.

    A reply's parent is the post with the platform and remote id it replies to, in this chunk or
    stored before; its thread is the one its parent chain leads to (a stored parent's thread as
    stored). A loop is left for ``relink_all`` to cut, as it always was.
    """
    by_remote: dict[tuple[str, str], int] = {}
    replies: list[tuple[int, tuple[str, str]]] = []
    for (row, _), post_id in zip(tweets, ids):
        if post_id is None:
            continue
        by_remote[(row[ROW.platform], row[ROW.remote_id])] = post_id
        if row[ROW.reply_to_remote_id] is not None:
            replies.append((post_id, (row[ROW.platform], row[ROW.reply_to_remote_id])))
    wanted: dict[str, list[str]] = {}
    for _, key in replies:
        if key not in by_remote:
            wanted.setdefault(key[0], []).append(key[1])
    stored: dict[tuple[str, str], tuple[int, int]] = {}  # (platform, remote id) -> (id, thread id)
    for platform, remote_ids in wanted.items():
        for chunk in _chunks(sorted(set(remote_ids))):
            marks = ",".join("?" * len(chunk))
            for remote_id, post_id, thread_id in conn.execute(
                f"SELECT remote_id, id, coalesce(thread_id, id) FROM posts WHERE platform = ? AND remote_id IN ({marks})", (platform, *chunk)
            ):
                stored[(platform, remote_id)] = (int(post_id), int(thread_id))
    parents: dict[int, int] = {}
    stored_threads: dict[int, int] = {}
    for post_id, key in replies:
        parent = by_remote.get(key)
        if parent is None and key in stored:
            parent, stored_threads[parent] = stored[key]
        if parent is not None:
            parents[post_id] = parent
    threads: dict[int, int] = {}
    for post_id in parents:
        chain: list[int] = []
        seen: set[int] = set()
        current = post_id
        while current in parents and current not in threads and current not in seen:
            chain.append(current)
            seen.add(current)
            current = parents[current]
        top = threads.get(current) or stored_threads.get(current, current)
        for item in chain:
            threads[item] = top
    return parents, threads


def placed_counts(conn: sqlite3.Connection, platform: str, remote_ids: Iterable[str]) -> tuple[int, int]:
    """How many of the (non-retweet) posts with these remote ids have an event, and how many a session.

    One pass over the table for the placed posts, counted against the ids here: looking each of
    an archive's ids up in the (platform, remote_id) index costs several times more.
    """
    wanted = remote_ids if isinstance(remote_ids, (set, frozenset)) else set(remote_ids)
    with_event = with_session = 0
    cur = conn.cursor()
    cur.row_factory = None
    for remote_id, event_id, session_id in cur.execute(
        # +platform: scan the table rather than walk the (platform, remote_id) index and look every row up.
        "SELECT remote_id, event_id, session_id FROM posts WHERE +platform = ? AND is_retweet = 0 AND (event_id IS NOT NULL OR session_id IS NOT NULL)",
        (platform,),
    ):
        if remote_id in wanted:
            with_event += event_id is not None
            with_session += session_id is not None
    return with_event, with_session
