"""The text read from posts' photos (their slides): stored per photo, searched with the posts.

A photo with a row here has been read (its text may be '': nothing legible),
so reading an archive's photos resumes at the first photo without one. The
search side takes an FTS5 expression built by ``history.search.fts_query``
(``text : (...)``): ``media_text_fts`` names its column ``text`` too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from backchannel.store.db import Database, utc_now


@dataclass(frozen=True, slots=True)
class UnreadPhoto:
    media_id: int
    file: str  # its name in the data directory's media folder


def record_texts(db: Database, texts: Iterable[tuple[int, str]]) -> int:
    """Store the text read from each photo (``(media id, text)``), replacing an earlier reading."""
    rows = [(media_id, text, utc_now()) for media_id, text in texts]
    if not rows:
        return 0
    with db.write() as conn:
        # An upsert, not INSERT OR REPLACE: the replace's delete would skip the FTS trigger.
        conn.executemany(
            "INSERT INTO media_text (media_id, text, read_at) VALUES (?, ?, ?)"
            " ON CONFLICT (media_id) DO UPDATE SET text = excluded.text, read_at = excluded.read_at",
            rows,
        )
    return len(rows)


def text_of_post(db: Database, post_id: int) -> list[str]:
    """The text read from a post's photos, in the order of its photos (photos not read are left out)."""
    rows = db.conn.execute(
        "SELECT t.text FROM media_text t JOIN post_media m ON m.id = t.media_id WHERE m.post_id = ? ORDER BY m.position",
        (post_id,),
    )
    return [str(r[0]) for r in rows]


def matching_post_ids(
    db: Database,
    expression: str,
    *,
    event_id: int | None = None,
    session_id: int | None = None,
    before: str | None = None,
    limit: int | None = None,
) -> list[int]:
    """Posts with a photo whose read text matches ``expression``, newest first."""
    where: list[str] = ["media_text_fts MATCH ?"]
    params: list[object] = [expression]
    if event_id is not None:
        where.append("p.event_id = ?")
        params.append(int(event_id))
    if session_id is not None:
        where.append("p.session_id = ?")
        params.append(int(session_id))
    if before is not None:
        where.append("p.posted_at < ?")
        params.append(before)
    sql = (
        "SELECT DISTINCT p.id, p.posted_at FROM media_text_fts"
        " JOIN post_media m ON m.id = media_text_fts.rowid JOIN posts p ON p.id = m.post_id"
        f" WHERE {' AND '.join(where)} ORDER BY p.posted_at DESC, p.id DESC"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [int(r[0]) for r in db.conn.execute(sql, params)]


def unread_photos(db: Database, *, after: int = 0, limit: int = 100) -> list[UnreadPhoto]:
    """Photos whose bytes the helper holds (an archive's, a recorded post's) and that were never read, oldest first."""
    rows = db.conn.execute(
        "SELECT m.id, m.file FROM post_media m LEFT JOIN media_text t ON t.media_id = m.id"
        " WHERE m.kind = 'photo' AND m.file IS NOT NULL AND t.media_id IS NULL AND m.id > ? ORDER BY m.id LIMIT ?",
        (after, limit),
    )
    return [UnreadPhoto(int(r[0]), str(r[1])) for r in rows]


def reading_progress(db: Database) -> tuple[int, int]:
    """(photos read, photos the helper holds): how far reading the held photos has come."""
    row = db.conn.execute(
        "SELECT count(t.media_id), count(*) FROM post_media m LEFT JOIN media_text t ON t.media_id = m.id"
        " WHERE m.kind = 'photo' AND m.file IS NOT NULL"
    ).fetchone()
    return int(row[0]), int(row[1])


def media_ids_of_post(db: Database, post_id: int) -> Sequence[int]:
    return [int(r[0]) for r in db.conn.execute("SELECT id FROM post_media WHERE post_id = ? ORDER BY position", (post_id,))]
