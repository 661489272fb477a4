"""How many posts there are, by event: the counts the review pages show (retweets left out, as everywhere there)."""

from __future__ import annotations

from backchannel.store.db import Database


def posts_per_event(db: Database) -> dict[int | None, int]:
    """Each event's id (None: posts that belong to no event) → how many of the user's own posts it holds."""
    return {row[0]: int(row[1]) for row in db.conn.execute("SELECT event_id, count(*) FROM posts WHERE is_retweet = 0 GROUP BY event_id")}


def unassigned_count(db: Database) -> int:
    """How many of the user's own posts belong to no event."""
    return int(db.conn.execute("SELECT count(*) FROM posts WHERE event_id IS NULL AND is_retweet = 0").fetchone()[0])
