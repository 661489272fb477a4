"""The history a check sees, read for every check.

/v1/check runs on every pause in typing, so this is two indexed queries:
the user's latest post in the current session (per platform, with a count),
and the posts of the last few hours for the near-duplicate rule. Retweets
are left out: they are not the user's own words.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from backchannel.context import History, PastPost, SessionPosts
from backchannel.store.db import Database
from backchannel.timeutil import from_store, to_store

RECENT_LIMIT = 50  # the near-duplicate rule compares against at most this many recent posts


def parse_stamp(stamp: str) -> datetime:
    # The store's own format (2013-01-30T10:05:00Z); fromisoformat is far cheaper than strptime, on every check.
    return datetime.fromisoformat(stamp[:-1]).replace(tzinfo=timezone.utc) if stamp.endswith("Z") else from_store(stamp)


def _past(row: sqlite3.Row) -> PastPost:
    return PastPost(
        id=row["id"], platform=row["platform"], text=row["text"], posted_at=parse_stamp(row["posted_at"]),
        client_id=row["client_id"], remote_id=row["remote_id"], url=row["url"],
    )


def load_history(db: Database, *, session_id: int | None, at: datetime, window_hours: float, until: datetime | None) -> History:
    """The history for a check at ``at``; ``until`` bounds it when checking a past moment."""
    upper = to_store(until) if until is not None else "9999"
    session: dict[str, SessionPosts] = {}
    if session_id is not None:
        # One row per platform: the latest post (the later stored one when two share a minute) and the count.
        rows = db.conn.execute(
            "SELECT id, platform, text, posted_at, client_id, remote_id, url, n FROM ("
            " SELECT id, platform, text, posted_at, client_id, remote_id, url, count(*) OVER (PARTITION BY platform) AS n,"
            " row_number() OVER (PARTITION BY platform ORDER BY posted_at DESC, id DESC) AS latest"
            " FROM posts WHERE session_id = ? AND posted_at <= ? AND is_retweet = 0) WHERE latest = 1",
            (session_id, upper),
        ).fetchall()
        session = {row["platform"]: SessionPosts(count=int(row["n"]), last=_past(row)) for row in rows}
    start = to_store(at - timedelta(hours=window_hours))
    recent = db.conn.execute(
        "SELECT id, platform, text, posted_at, client_id, remote_id, url FROM posts"
        " WHERE posted_at >= ? AND posted_at <= ? AND is_retweet = 0 ORDER BY posted_at DESC LIMIT ?",
        (start, upper, RECENT_LIMIT),
    ).fetchall()
    return History(at=at, session=session, recent=tuple(_past(r) for r in recent))
