"""The session the user last posted from, once it has ended: what a closing post is offered for.

Two indexed queries, asked only when a rule reads it (``coach/situation.py`` decides): the
latest post before the moment (``posts_by_time``), and, when that post sits in a session which
has ended by then, that session's posts (``posts_by_session``)."""

from __future__ import annotations

from datetime import datetime

from backchannel.context import PastPost
from backchannel.store.db import Database
from backchannel.store.snapshot import _past
from backchannel.timeutil import to_store


def ended_session_posts(db: Database, *, event_id: int, at: datetime, platform: str = "x") -> tuple[int, tuple[PastPost, ...]] | None:
    """(session id, its posts oldest first) when the user's latest post before ``at`` on ``platform``
    is in a session of the event that has ended by ``at``; None otherwise (no post yet, the last
    one outside a session, or its session still on)."""
    stamp = to_store(at)
    latest = db.conn.execute(
        "SELECT p.session_id FROM posts p JOIN sessions s ON s.id = p.session_id"
        " WHERE p.posted_at <= ? AND p.platform = ? AND p.is_retweet = 0 AND p.event_id = ?"
        " AND p.posted_at = (SELECT max(posted_at) FROM posts WHERE posted_at <= ? AND platform = ? AND is_retweet = 0)"
        " AND s.ends_at <= ? LIMIT 1",
        (stamp, platform, event_id, stamp, platform, stamp),
    ).fetchone()
    if latest is None:
        return None
    rows = db.conn.execute(
        "SELECT id, platform, text, posted_at, client_id, remote_id, url FROM posts"
        " WHERE session_id = ? AND platform = ? AND is_retweet = 0 AND posted_at <= ? ORDER BY posted_at, id",
        (latest["session_id"], platform, stamp),
    ).fetchall()
    return int(latest["session_id"]), tuple(_past(r) for r in rows)
