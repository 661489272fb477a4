"""Placing posts in events and sessions: hashtags, dates in the event's zone, threads, and what stays put."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from backchannel.coach.record import record, request_hash
from backchannel.history.model import PostIn
from backchannel.store import Store
from backchannel.store.archive import ArchiveWriter, entities_json
from backchannel.store.associate import event_window
from backchannel.timeutil import to_store
from tests.history.support import session_id

UTC = timezone.utc


def _archived(store: Store, remote_id: str, text: str, at: datetime, hashtags: tuple[str, ...] = (), reply_to: str | None = None) -> None:
    """One archive tweet, stored the way the importer stores it (``store.archive.ArchiveWriter``)."""
    row = ("archive", "x", remote_id, None, text, to_store(at), reply_to, None, 0, None, None, None, " ".join(hashtags), entities_json({}))
    ArchiveWriter(store.db).write([(row, ())])


def _event_of(store: Store, remote_id: str) -> tuple[str | None, int | None]:
    post = next(p for p in store.history.find(limit=500).posts if p.remote_id == remote_id)
    return post.event, post.session_id


def test_the_window_is_the_events_days_in_its_own_zone(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    event = store.events.create_event("camp", "Camp", hashtag="Camp", time_zone="America/Phoenix", starts_on="2024-05-01", ends_on="2024-05-02")
    assert event_window(event) == ("2024-05-01T07:00:00Z", "2024-05-03T07:00:00Z")
    _archived(store, "1", "late on the last evening #camp", datetime(2024, 5, 3, 6, 30, tzinfo=UTC), ("camp",))  # 23:30 in Phoenix
    _archived(store, "2", "the morning after #CAMP", datetime(2024, 5, 3, 7, 30, tzinfo=UTC), ("camp",))  # 00:30 the next day
    _archived(store, "3", "no tag, same evening", datetime(2024, 5, 2, 20, 0, tzinfo=UTC))
    store.history.associate()
    assert [_event_of(store, r)[0] for r in ("1", "2", "3")] == ["camp", None, None]
    store.close()


def test_a_hand_placed_post_stays_where_the_client_put_it(store: Store) -> None:
    games = session_id(store, "Games for learning")
    post = PostIn(platform="x", text="no tags here", posted_at=datetime(2013, 1, 30, 10, 5, tzinfo=UTC), client_id="11111111-1111-4111-8111-111111111111",
                  event="lt13", session=games)
    record(store, post, request_hash({"x": 1}))
    store.history.associate()
    store.settings.update({"active_event": None})
    store.history.associate()
    listed = store.history.find(limit=10).posts[0]
    assert (listed.event, listed.session_id) == ("lt13", games)


def test_refresh_runs_only_when_something_changed(store: Store) -> None:
    _archived(store, "1", "at #LT13", datetime(2013, 1, 30, 11, 45, tzinfo=UTC), ("lt13",))
    assert store.history.refresh() is not None
    assert store.history.refresh() is None
    store.events.update_event("lt13", {"aliases": ["LT2013"]})
    assert store.history.refresh() is not None


def test_refresh_looks_over_the_posts_for_changes_once(store: Store) -> None:
    """The change check reads every post (its latest recorded_at); after a large import that is worth doing once, not twice."""
    _archived(store, "1", "at #LT13", datetime(2013, 1, 30, 11, 45, tzinfo=UTC), ("lt13",))
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        assert store.history.refresh() is not None
    finally:
        store.db.conn.set_trace_callback(None)
    assert sum("max(recorded_at)" in sql for sql in statements) == 1
    # The mark it kept still says "nothing changed" until something does.
    assert store.history.refresh() is None
    _archived(store, "2", "later at #LT13", datetime(2013, 1, 30, 12, 45, tzinfo=UTC), ("lt13",))
    assert store.history.refresh() is not None


def test_removed_sessions_let_go_of_their_posts_and_search_follows(store: Store) -> None:
    _archived(store, "1", "measuring things at #LT13", datetime(2013, 1, 30, 11, 45, tzinfo=UTC), ("lt13",))
    store.history.refresh()
    measuring = session_id(store, "Measuring informal learning")
    assert _event_of(store, "1") == ("lt13", measuring)
    with store.db.write() as conn:
        conn.execute("DELETE FROM sessions WHERE id = ?", (measuring,))
    assert _event_of(store, "1") == ("lt13", None)
    assert [p.remote_id for p in store.history.find(q="measuring", event="lt13", limit=5).posts] == ["1"]


def test_search_follows_many_posts_into_an_event_and_out_again(store: Store) -> None:
    from backchannel.store.search import match_count

    # More posts than one statement of the placement writes takes (500), on both days of LT13.
    rows = [
        ("archive", "x", str(i), None, f"post {i} about measuring", to_store(datetime(2013, 1, 30 + i % 2, 9, i % 60, tzinfo=UTC)),
         None, None, 0, None, None, None, "lt13", entities_json({}))
        for i in range(1, 1201)
    ]
    ArchiveWriter(store.db).write([(row, ()) for row in rows])
    lt13 = store.events.get_event("lt13").id
    assert match_count(store.db, "measuring", event_id=lt13) == 0
    store.history.associate()
    assert match_count(store.db, "measuring", event_id=lt13) == match_count(store.db, "measuring") == 1200
    store.events.update_event("lt13", {"starts_on": "2013-01-31"})  # the first day's 600 posts leave the event
    store.history.associate()
    assert match_count(store.db, "measuring", event_id=lt13) == 600
    assert match_count(store.db, "measuring") == 1200
    with store.db.write() as conn:
        conn.execute("INSERT INTO posts_fts (posts_fts) VALUES ('integrity-check')")  # raises when the index is damaged
