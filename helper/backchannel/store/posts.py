"""The posts table: insert (idempotent on client id or remote id), read, list.

Every write goes through ``Database.write()``: a record the API acknowledged
is committed (WAL, synchronous=FULL) before the answer leaves, so it survives
a crash of the helper at any moment.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping, Sequence

import orjson

from backchannel.errors import Conflict, InvalidInput, NotFound
from backchannel.history.model import Media, MediaIn, Post, PostEdit, PostIn
from backchannel.store.db import Database, utc_now
from backchannel.store.threads import link_new_post
from backchannel.timeutil import from_store, to_store

MAX_LIMIT = 500

_POST_COLUMNS = (
    "p.id, p.client_id, p.source, p.platform, p.remote_id, p.url, p.text, p.posted_at, e.slug AS event_slug, p.session_id,"
    " p.reply_to_remote_id, p.reply_to_user, p.thread_of_client_id, p.parent_id, p.thread_id, p.is_retweet, p.lang,"
    " p.latitude, p.longitude, p.entities, p.tips, p.recorded_at, p.scheduled_for, p.quoted_url"
)
POST_SELECT = f"SELECT {_POST_COLUMNS} FROM posts p LEFT JOIN events e ON e.id = p.event_id"


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a post belongs, and how that was decided (kept so re-association knows what it may change)."""

    event_id: int | None = None
    session_id: int | None = None
    event_source: str | None = None
    session_source: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    posts: tuple[Post, ...]
    next: str | None  # the cursor for the following page (``before=``), None on the last one

    def to_dict(self) -> dict[str, Any]:
        return {"posts": [p.to_dict() for p in self.posts], "next": self.next}


class PostStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- recording ---------------------------------------------------------

    def exists(self, client_id: str) -> bool:
        return self.db.conn.execute("SELECT 1 FROM posts WHERE client_id = ?", (client_id,)).fetchone() is not None

    def insert_recorded(self, post: PostIn, placement: Placement, request_hash: str) -> tuple[Post, bool]:
        """Record a post from the extension; a retry of the same ``client_id`` returns the stored one.

        Returns the post and whether it was created. A retry may add the
        remote id and URL once the client knows them; any other difference
        is a 409, because two different posts got the same id.
        """
        if post.client_id is None:
            raise InvalidInput("A recorded post needs its client_id.", details={"field": "client_id"})
        with self.db.write() as conn:
            existing = conn.execute("SELECT id, request_hash, remote_id, url FROM posts WHERE client_id = ?", (post.client_id,)).fetchone()
            if existing is not None:
                self._merge_retry(conn, existing, post, request_hash)
                post_id, created = int(existing["id"]), False
            else:
                post_id = self._insert(conn, post, placement, request_hash)
                created = True
        return self.get(post_id), created

    def _merge_retry(self, conn: sqlite3.Connection, existing: sqlite3.Row, post: PostIn, request_hash: str) -> None:
        if existing["request_hash"] != request_hash:
            raise Conflict(
                "A different post was already recorded with this client_id; each post needs its own id.",
                details={"client_id": post.client_id},
            )
        for column in ("remote_id", "url"):
            given, stored = getattr(post, column), existing[column]
            if given is not None and stored is not None and given != stored:
                raise Conflict(f"This post was recorded with another {column}.", details={"client_id": post.client_id, "field": column})
        if (post.remote_id and not existing["remote_id"]) or (post.url and not existing["url"]):
            try:
                conn.execute(
                    "UPDATE posts SET remote_id = coalesce(remote_id, ?), url = coalesce(url, ?) WHERE id = ?",
                    (post.remote_id, post.url, existing["id"]),
                )
            except sqlite3.IntegrityError:
                raise Conflict("Another post already has this remote_id.", details={"remote_id": post.remote_id}) from None
            link_new_post(conn, int(existing["id"]))

    def _insert(self, conn: sqlite3.Connection, post: PostIn, placement: Placement, request_hash: str | None) -> int:
        try:
            cur = conn.execute(
                "INSERT INTO posts (client_id, source, platform, remote_id, url, text, posted_at, event_id, session_id, event_source,"
                " session_source, reply_to_remote_id, reply_to_user, thread_of_client_id, is_retweet, lang, latitude, longitude,"
                " hashtags, entities, tips, request_hash, recorded_at, scheduled_for, quoted_url)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    post.client_id, post.source, post.platform, post.remote_id, post.url, post.text, to_store(post.posted_at),
                    placement.event_id, placement.session_id, placement.event_source, placement.session_source,
                    post.reply_to_remote_id, post.reply_to_user, post.thread_of_client_id, int(post.is_retweet), post.lang,
                    post.latitude, post.longitude, " ".join(post.hashtags), json.dumps(dict(post.entities), ensure_ascii=False),
                    json.dumps([dict(t) for t in post.tips], ensure_ascii=False), request_hash, utc_now(),
                    None if post.scheduled_for is None else to_store(post.scheduled_for), post.quoted_url,
                ),
            )
        except sqlite3.IntegrityError:
            raise Conflict("Another post already has this remote_id.", details={"remote_id": post.remote_id}) from None
        post_id = int(cur.lastrowid or 0)
        self._insert_media(conn, post_id, post.media)
        link_new_post(conn, post_id)
        return post_id

    def apply_edit(self, post: PostIn) -> Post | None:
        """Record ``post`` as an edit of the stored post X gave ``post.edit_of_remote_id``: the
        stored post takes the new text, id and URL, and its replaced version joins its edits.

        None when that post was never recorded (the caller records the edit as a post of its
        own). A retry of the same edit (its client id) changes nothing.
        """
        with self.db.write() as conn:
            if post.client_id:
                retried = conn.execute("SELECT post_id FROM post_edits WHERE client_id = ?", (post.client_id,)).fetchone()
                if retried is not None:
                    return self.get(int(retried["post_id"]))
            row = conn.execute(
                "SELECT id, text, remote_id, url FROM posts WHERE platform = ? AND remote_id = ?", (post.platform, post.edit_of_remote_id)
            ).fetchone()
            if row is None:
                return None
            conn.execute(
                "INSERT INTO post_edits (post_id, client_id, text, remote_id, url, replaced_at) VALUES (?, ?, ?, ?, ?, ?)",
                (row["id"], post.client_id, row["text"], row["remote_id"], row["url"], utc_now()),
            )
            try:
                conn.execute(
                    "UPDATE posts SET text = ?, remote_id = ?, url = ?, hashtags = ?, entities = ? WHERE id = ?",
                    (post.text, post.remote_id or row["remote_id"], post.url or row["url"], " ".join(post.hashtags),
                     json.dumps(dict(post.entities), ensure_ascii=False), row["id"]),
                )
            except sqlite3.IntegrityError:
                raise Conflict("Another post already has this remote_id.", details={"remote_id": post.remote_id}) from None
        return self.get(int(row["id"]))

    @staticmethod
    def _insert_media(conn: sqlite3.Connection, post_id: int, media: Sequence[MediaIn]) -> None:
        conn.executemany(
            "INSERT INTO post_media (post_id, position, kind, sha256, width, height, remote_id, remote_url, file, original_name, measurements, alt_text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    post_id, position, m.kind, m.sha256, m.width, m.height, m.remote_id, m.remote_url, m.file, m.original_name,
                    None if m.measurements is None else json.dumps(dict(m.measurements), ensure_ascii=False), m.alt_text,
                )
                for position, m in enumerate(media)
            ],
        )

    # -- reading -----------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """The rows of a ``POST_SELECT`` as plain tuples (``_post`` reads them by position: no name lookups per column)."""
        cur = self.db.conn.cursor()
        cur.row_factory = None
        return cur.execute(sql, params).fetchall()

    def get(self, post_id: int) -> Post:
        row = next(iter(self._rows(f"{POST_SELECT} WHERE p.id = ?", (post_id,))), None)
        if row is None:
            raise NotFound(f"There is no post {post_id}.", details={"post": post_id})
        return self._with_media([row])[0]

    def list_posts(
        self,
        *,
        event_id: int | None = None,
        session_id: int | None = None,
        before: str | None = None,
        limit: int = 50,
        unassigned: bool = False,
    ) -> Page:
        """Newest first; ``before`` is a cursor from a previous page or an ISO 8601 instant."""
        limit = clamp_limit(limit)
        where: list[str] = []
        params: list[Any] = []
        if event_id is not None:
            where.append("p.event_id = ?")
            params.append(event_id)
        elif unassigned:
            where.append("p.event_id IS NULL")
        if session_id is not None:
            where.append("p.session_id = ?")
            params.append(session_id)
        if before is not None:
            stamp, after_id = parse_cursor(before)
            if after_id is None:
                where.append("p.posted_at < ?")
                params.append(stamp)
            else:
                where.append("(p.posted_at < ? OR (p.posted_at = ? AND p.id < ?))")
                params.extend([stamp, stamp, after_id])
        sql = POST_SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY p.posted_at DESC, p.id DESC LIMIT ?"
        rows = self._rows(sql, (*params, limit + 1))
        posts = self._with_media(rows[:limit])
        following = cursor_for(posts[-1]) if len(rows) > limit and posts else None
        return Page(tuple(posts), following)

    def posts_by_ids(self, ids: Sequence[int]) -> list[Post]:
        """The posts with these ids, in the order given."""
        if not ids:
            return []
        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            rows.extend(self._rows(f"{POST_SELECT} WHERE p.id IN ({marks})", chunk))
        by_id = {p.id: p for p in self._with_media(rows)}
        return [by_id[i] for i in ids if i in by_id]

    def event_posts(self, event_id: int) -> list[Post]:
        """Every post of one event, oldest first (the review page and the export)."""
        return self._with_media(self._rows(f"{POST_SELECT} WHERE p.event_id = ? ORDER BY p.posted_at, p.id", (event_id,)))

    def media(self, media_id: int) -> Media:
        row = self.db.conn.execute("SELECT * FROM post_media WHERE id = ?", (media_id,)).fetchone()
        if row is None:
            raise NotFound(f"There is no photo {media_id}.", details={"media": media_id})
        return _media(row)

    def _with_media(self, rows: Sequence[tuple[Any, ...]]) -> list[Post]:
        ids = [row[0] for row in rows]
        media: dict[int, list[Media]] = {}
        edits: dict[int, list[PostEdit]] = {}
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for m in self.db.conn.execute(f"SELECT * FROM post_media WHERE post_id IN ({marks}) ORDER BY post_id, position", chunk):
                media.setdefault(m["post_id"], []).append(_media(m))
            for e in self.db.conn.execute(f"SELECT * FROM post_edits WHERE post_id IN ({marks}) ORDER BY post_id, id", chunk):
                edits.setdefault(e["post_id"], []).append(PostEdit(e["text"], e["remote_id"], e["url"], e["replaced_at"]))
        tips: dict[str, tuple[Mapping[str, Any], ...]] = {}  # most posts share a few spellings ("[]" above all)
        return [_post(row, tuple(media.get(row[0], ())), tuple(edits.get(row[0], ())), tips) for row in rows]


def clamp_limit(limit: int) -> int:
    if limit < 1 or limit > MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}, not {limit}.", details={"field": "limit"})
    return limit


def cursor_for(post: Post) -> str:
    return f"{to_store(post.posted_at)}~{post.id}"


def parse_cursor(value: str) -> tuple[str, int | None]:
    """A page cursor (``2013-01-30T10:05:00Z~17``) or a bare ISO 8601 instant."""
    from backchannel.timeutil import parse_instant

    stamp, sep, post_id = value.partition("~")
    instant = parse_instant(stamp, field="before")
    if not sep:
        return to_store(instant), None
    if not post_id.isdigit():
        raise InvalidInput(f"before must be a cursor from a previous page or an ISO 8601 instant, not {value!r}.", details={"field": "before"})
    return to_store(instant), int(post_id)


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _media(row: sqlite3.Row) -> Media:
    return Media(
        id=row["id"], position=row["position"], kind=row["kind"], sha256=row["sha256"], width=row["width"], height=row["height"],
        remote_url=row["remote_url"], file=row["file"], original_name=row["original_name"],
        measurements=json.loads(row["measurements"]) if row["measurements"] else None, alt_text=row["alt_text"],
    )


def _json(text: str) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # integers beyond 64 bits, lone surrogates: the standard library reads those
        return json.loads(text)


def _stamp(text: str) -> datetime:
    # The store's own spelling (2013-01-30T10:05:00Z): fromisoformat reads it, UTC and all, far faster than strptime.
    return datetime.fromisoformat(text) if text.endswith("Z") else from_store(text)


def _post(row: tuple[Any, ...], media: tuple[Media, ...], edits: tuple[PostEdit, ...] = (),
          tips_seen: dict[str, tuple[Mapping[str, Any], ...]] | None = None) -> Post:
    """A ``POST_SELECT`` row (in ``_POST_COLUMNS``' order) as a ``Post``."""
    (post_id, client_id, source, platform, remote_id, url, text, posted_at, event_slug, session_id, reply_to_remote_id, reply_to_user,
     thread_of_client_id, parent_id, thread_id, is_retweet, lang, latitude, longitude, entities, tips_json, recorded_at, scheduled_for,
     quoted_url) = row
    tips_json = tips_json or "[]"
    tips = tips_seen.get(tips_json) if tips_seen is not None else None
    if tips is None:
        tips = tuple(_json(tips_json))
        if tips_seen is not None:
            tips_seen[tips_json] = tips
    # Positional, in the dataclass's field order: keyword arguments cost more, and this runs for every post of a page.
    return Post(
        post_id, client_id, source, platform, remote_id, url, text, _stamp(posted_at), event_slug, session_id, reply_to_remote_id, reply_to_user,
        thread_of_client_id, parent_id, thread_id, bool(is_retweet), lang, latitude, longitude, _json(entities) if entities else {}, tips,
        recorded_at, media, _stamp(scheduled_for) if scheduled_for else None, quoted_url, edits,
    )
