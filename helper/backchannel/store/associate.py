"""Which event and session a post belongs to, when nobody said so.

A post the extension recorded with an explicit event or session keeps it
('client'); one placed by the active event at posting time keeps its event
('active'). Everything else is placed here, and placed again whenever the
events or programmes change:

* event by hashtag: the post carries one of the event's hashtags or aliases
  (case-insensitive) and, when the event has dates, was posted between its
  first day's midnight and its last day's end in the event's time zone;
* event by thread: a post continuing one of the user's threads whose first
  post belongs to an event joins it, when posted within the event's dates
  (or within a day of the first post, for an event without dates);
* session by ``which_session`` (the post's own session tag, else the one
  session running when it was posted; a tag for a room with nothing on
  places it nowhere), else, for a reply in the user's own thread, the
  thread's session while it runs. With parallel sessions and nothing to tell
  them apart, no session: never guess.
"""

from __future__ import annotations

import bisect
import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from backchannel.store.db import Database
from backchannel.store.events import Event, EventStore, Session
from backchannel.store.which_session import which_session
from backchannel.timeutil import from_store, to_store, zone

AUTO_EVENT = (None, "hashtag", "thread")
THREAD_GRACE = timedelta(days=1)
_STATE_KEY = "association_fingerprint"


@dataclass(frozen=True, slots=True)
class _EventPlan:
    event: Event
    tags: frozenset[str]
    window: tuple[str, str] | None  # UTC store-format bounds, start inclusive, end exclusive
    starts: list[str]
    sessions: list[Session]
    session_tags: frozenset[str]


@dataclass(frozen=True, slots=True)
class AssociationReport:
    with_event: int
    with_session: int
    changed: int

    def to_dict(self) -> dict[str, int]:
        return {"with_event": self.with_event, "with_session": self.with_session, "changed": self.changed}


def event_window(event: Event) -> tuple[str, str] | None:
    """The event's dates as UTC bounds: from its first day's midnight to the midnight after its last, in its zone."""
    first = event.starts_on or event.ends_on
    last = event.ends_on or event.starts_on
    if not first or not last:
        return None
    tz = zone(event.time_zone)
    start = datetime.combine(date.fromisoformat(first), time(0), tz)
    end = datetime.combine(date.fromisoformat(last) + timedelta(days=1), time(0), tz)
    return to_store(start), to_store(end)


def _plans(events: EventStore) -> list[_EventPlan]:
    plans = []
    for event in events.list_events():
        sessions = sorted(events.list_sessions(event.slug), key=lambda s: s.start)
        plans.append(
            _EventPlan(
                event=event, tags=frozenset(t.casefold() for t in event.hashtags), window=event_window(event),
                starts=[to_store(s.start) for s in sessions], sessions=sessions, session_tags=frozenset(s.tag for s in sessions if s.tag),
            )
        )
    return plans


def _session_for(plan: _EventPlan, posted_at: str, hashtags: set[str]) -> tuple[int | None, str | None]:
    # Sessions starting at or before the post; the ones still running are candidates.
    stop = bisect.bisect_right(plan.starts, posted_at)
    running = [s for s in plan.sessions[:stop] if to_store(s.end) > posted_at]
    # No room: where someone sat then is not known afterwards (active_room is today's choice).
    resolved = which_session(running, hashtags=hashtags, session_tags=plan.session_tags)
    return (resolved.session.id, resolved.source) if resolved.session else (None, None)


def _running(plan: _EventPlan, session_id: int, posted_at: str) -> bool:
    return any(s.id == session_id and to_store(s.start) <= posted_at < to_store(s.end) for s in plan.sessions)


def _in_window(plan: _EventPlan, posted_at: str) -> bool:
    return plan.window is None or plan.window[0] <= posted_at < plan.window[1]


def fingerprint(db: Database) -> str:
    """Changes whenever association could come out differently: events, sessions, or new posts."""
    digest = hashlib.sha256()
    for row in db.conn.execute("SELECT id, hashtags, time_zone, starts_on, ends_on, session_tag_pattern FROM events ORDER BY id"):
        digest.update(repr(tuple(row)).encode())
    for row in db.conn.execute("SELECT id, event_id, starts_at, ends_at, tag, room, code, track FROM sessions ORDER BY id"):
        digest.update(repr(tuple(row)).encode())
    digest.update(repr(tuple(db.conn.execute("SELECT count(*), max(id), max(recorded_at) FROM posts").fetchone())).encode())
    return digest.hexdigest()


def associate(db: Database, events: EventStore) -> AssociationReport:
    """Place every post that was not placed by hand; one transaction."""
    plans = _plans(events)
    by_id = {p.event.id: p for p in plans}
    any_tag = frozenset().union(*(p.tags for p in plans))
    # Plain tuples, oldest first (a thread's first post is placed before its replies look at it):
    # this reads every post of the history, so no name lookups per column and one sort.
    cur = db.conn.cursor()
    cur.row_factory = None
    rows: list[tuple[int, str, str, int | None, str | None, int | None, str | None, int | None]] = cur.execute(
        "SELECT id, hashtags, posted_at, event_id, event_source, session_id, session_source, thread_id FROM posts WHERE is_retweet = 0"
    ).fetchall()
    rows.sort(key=lambda row: (row[2], row[0]))
    event_of: dict[int, int | None] = {}
    source_of: dict[int, str | None] = {}
    for post_id, hashtags, posted_at, event_id, event_source, _, _, _ in rows:
        if event_source not in AUTO_EVENT:
            event_of[post_id], source_of[post_id] = event_id, event_source
            continue
        tags = set(hashtags.split()) if hashtags else set()
        if tags.isdisjoint(any_tag):  # most posts carry no event's tag: nothing to weigh
            event_of[post_id] = source_of[post_id] = None
            continue
        matches = [p for p in plans if p.tags & tags and _in_window(p, posted_at)]
        # An event with dates is the stronger claim; among equals, the oldest event card.
        matches.sort(key=lambda p: (p.window is None, p.event.id))
        event_of[post_id] = matches[0].event.id if matches else None
        source_of[post_id] = "hashtag" if matches else None
    posted = {r[0]: r[2] for r in rows}
    for post_id, _, posted_at, _, event_source, _, _, root in rows:
        if event_of[post_id] is not None or event_source not in AUTO_EVENT or root is None or root == post_id:
            continue
        root_event = event_of.get(root)
        plan = by_id.get(root_event) if root_event is not None else None
        if plan is None:
            continue
        within = _in_window(plan, posted_at) if plan.window else posted_at < to_store(from_store(posted[root]) + THREAD_GRACE)
        if within:
            event_of[post_id], source_of[post_id] = plan.event.id, "thread"
    updates = []
    with_event = with_session = 0
    session_of: dict[int, int | None] = {}
    for post_id, hashtags, posted_at, current_event, current_source, current_session, current_session_source, thread_id in rows:
        event_id, event_source = event_of[post_id], source_of[post_id]
        session_id, session_source = current_session, current_session_source
        plan = by_id.get(event_id) if event_id is not None else None
        if plan is None:
            session_id, session_source = (session_id, session_source) if session_source == "client" else (None, None)
        elif session_source != "client" and (event_source in AUTO_EVENT or session_id is None):
            session_id, session_source = _session_for(plan, posted_at, set(hashtags.split()))
            root_session = session_of.get(thread_id) if thread_id not in (None, post_id) else None
            if session_id is None and root_session is not None and _running(plan, root_session, posted_at):
                # Parallel sessions and no tag: a reply in the user's thread stays in that thread's session.
                session_id, session_source = root_session, "thread"
        session_of[post_id] = session_id
        with_event += event_id is not None
        with_session += session_id is not None
        if (event_id, event_source, session_id, session_source) != (current_event, current_source, current_session, current_session_source):
            updates.append((event_id, event_source, session_id, session_source, post_id))
    if updates:
        with db.write() as conn:
            _write_placements(conn, updates)
    return AssociationReport(with_event=with_event, with_session=with_session, changed=len(updates))


_SCOPE = "'e' || coalesce(event_id, 0) || ' s' || coalesce(session_id, 0)"


def _write_placements(conn: sqlite3.Connection, updates: list[tuple[int | None, str | None, int | None, str | None, int]]) -> None:
    """Store the new placements, and the search index's scope tokens with them, a few statements in all.

    Row by row, the update trigger takes each post out of the search index and puts it back,
    and FTS5 writes its pending terms out as a new segment at the end of every statement: a
    segment per post, 0.3 ms each. Here the trigger waits (``fts_deferred`` set to 0, inside this
    transaction) while the changed posts' old scopes leave the index and their new ones go in,
    500 posts per statement, in rowid order.
    """
    ids = sorted(update[-1] for update in updates)
    conn.execute("INSERT INTO history_state (name, value) VALUES ('fts_deferred', '0')")
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        conn.execute(
            f"INSERT INTO posts_fts (posts_fts, rowid, text, scope) SELECT 'delete', id, text, {_SCOPE} FROM posts WHERE id IN ({marks}) ORDER BY id",
            chunk,
        )
    conn.executemany("UPDATE posts SET event_id = ?, event_source = ?, session_id = ?, session_source = ? WHERE id = ?", updates)
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        conn.execute(f"INSERT INTO posts_fts (rowid, text, scope) SELECT id, text, {_SCOPE} FROM posts WHERE id IN ({marks}) ORDER BY id", chunk)
    conn.execute("DELETE FROM history_state WHERE name = 'fts_deferred'")


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def refresh(db: Database, events: EventStore) -> AssociationReport | None:
    """Associate again only if events, sessions or posts changed since the last time; None when nothing did."""
    mark = fingerprint(db)
    row = db.conn.execute("SELECT value FROM history_state WHERE name = ?", (_STATE_KEY,)).fetchone()
    if row is not None and row[0] == mark:
        return None
    report = associate(db, events)
    # The mark taken before placing: placing changes no column the fingerprint reads (it scans every post
    # for its latest recorded_at, so once per refresh is enough), and a post recorded meanwhile by another
    # connection then changes the next fingerprint, so it is placed next time rather than never.
    with db.write() as conn:
        conn.execute(
            "INSERT INTO history_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (_STATE_KEY, mark),
        )
    return report
