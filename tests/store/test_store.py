from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from backchannel.coach.situation import find_situation
from backchannel.context import SpeakerInfo
from backchannel.errors import Conflict, InvalidInput, NotFound
from backchannel.store import Store
from backchannel.store.migrations import MIGRATIONS


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "db.sqlite3")
    yield s
    s.close()


def test_database_is_wal_with_foreign_keys_and_recorded_migrations(store: Store) -> None:
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.applied_migrations() == [name for name, _ in MIGRATIONS]
    assert oct(store.db.path.stat().st_mode & 0o777) == "0o600"


def test_migrations_run_once(tmp_path: Path) -> None:
    Store(tmp_path / "db.sqlite3").close()
    again = Store(tmp_path / "db.sqlite3")
    assert again.db.applied_migrations() == [name for name, _ in MIGRATIONS]
    again.close()


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    from backchannel.errors import StoreError

    with pytest.raises(StoreError, match="Cannot open the database"):
        Store(path)


def test_event_card_round_trip(store: Store) -> None:
    event = store.events.create_event(
        "lt13", "Learning Technologies 2013", time_zone="Europe/London", hashtag="#LT13", aliases=["LearningTech13", "lt13"],
        session_tag_pattern="{hashtag}{room}", starts_on="2013-01-30", ends_on="2013-01-31",
    )
    assert event.hashtags == ("LT13", "LearningTech13")  # the duplicate alias (case-insensitive) is dropped
    assert store.events.get_event("lt13") == event
    updated = store.events.update_event("lt13", {"name": "LT 2013", "aliases": []})
    assert updated.name == "LT 2013" and updated.hashtags == ("LT13",)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"slug": "Bad Slug", "name": "x"},
        {"slug": "ok", "name": " "},
        {"slug": "ok", "name": "x", "time_zone": "Mars/Olympus"},
        {"slug": "ok", "name": "x", "hashtag": "#not a tag"},
        {"slug": "ok", "name": "x", "hashtag": "2013"},
        {"slug": "ok", "name": "x", "session_tag_pattern": "{speaker}"},
        {"slug": "ok", "name": "x", "starts_on": "2013-02-01", "ends_on": "2013-01-01"},
    ],
)
def test_bad_event_cards_are_refused(store: Store, kwargs: dict) -> None:  # type: ignore[type-arg]
    slug = kwargs.pop("slug")
    name = kwargs.pop("name")
    with pytest.raises(InvalidInput):
        store.events.create_event(slug, name, **kwargs)
    assert store.events.list_events() == []


def test_duplicate_slug_conflicts(store: Store) -> None:
    store.events.create_event("lt13", "LT")
    with pytest.raises(Conflict):
        store.events.create_event("lt13", "LT again")


def test_sessions_now_start_inclusive_end_exclusive(store: Store) -> None:
    store.events.create_event("lt13", "LT", hashtag="LT13", session_tag_pattern="{hashtag}{room}")
    first = store.events.add_session("lt13", title="Keynote", start=utc(2013, 1, 30, 9), end=utc(2013, 1, 30, 10), room="A1",
                                     speakers=[SpeakerInfo("Priya Raman", {"x": "priyaraman"})])
    second = store.events.add_session("lt13", title="Next", start=utc(2013, 1, 30, 10), end=utc(2013, 1, 30, 11), room="A1")
    assert [s.id for s in store.events.sessions_at("lt13", utc(2013, 1, 30, 9))] == [first.id]
    assert [s.id for s in store.events.sessions_at("lt13", utc(2013, 1, 30, 10))] == [second.id]
    assert store.events.sessions_at("lt13", utc(2013, 1, 30, 11)) == []
    assert first.tag == "LT13A1"
    assert first.speakers[0].handles == {"x": "@priyaraman"}


def test_situation_never_guesses_between_parallel_sessions(store: Store) -> None:
    store.events.create_event("lt13", "LT", hashtag="LT13")
    store.events.add_session("lt13", title="Room A talk", start=utc(2013, 1, 30, 9), end=utc(2013, 1, 30, 10), room="A")
    b = store.events.add_session("lt13", title="Room B talk", start=utc(2013, 1, 30, 9), end=utc(2013, 1, 30, 10), room="B")
    at = utc(2013, 1, 30, 9, 30)
    assert find_situation(store, event="lt13", at=at).session is None
    assert find_situation(store, event="lt13", at=at, room="b").session.id == b.id  # type: ignore[union-attr]
    store.settings.update({"active_event": "lt13", "active_room": "B"})
    chosen = find_situation(store, at=at)
    assert chosen.event is not None and chosen.event.slug == "lt13"
    assert chosen.session is not None and chosen.session.id == b.id


def test_no_active_event_means_no_situation(store: Store) -> None:
    assert find_situation(store).event is None
    with pytest.raises(NotFound):
        find_situation(store, event="nope")


def test_session_of_another_event_is_not_found(store: Store) -> None:
    store.events.create_event("a", "A")
    store.events.create_event("b", "B")
    s = store.events.add_session("a", title="T", start=utc(2020, 1, 1, 9), end=utc(2020, 1, 1, 10))
    with pytest.raises(NotFound):
        find_situation(store, event="b", session=s.id)


def test_session_must_end_after_start(store: Store) -> None:
    store.events.create_event("a", "A")
    with pytest.raises(InvalidInput):
        store.events.add_session("a", title="T", start=utc(2020, 1, 1, 10), end=utc(2020, 1, 1, 10))


def test_settings_are_validated_and_atomic(store: Store) -> None:
    from backchannel.errors import InvalidInput as Invalid

    with pytest.raises(Invalid):
        store.settings.update({"rules.FLW003.max_hashtags": 5, "rules.CTX005.max_words": "many"})
    assert store.settings.load().get("rules.FLW003.max_hashtags") == 3  # nothing of the failed update landed
    settings = store.settings.update({"rules.FLW003.max_hashtags": "5", "rules.CTX001.enabled": "off"})
    assert settings.get("rules.FLW003.max_hashtags") == 5
    assert settings.rule_enabled("CTX001") is False
    assert store.settings.update({"rules.FLW003.max_hashtags": None}).get("rules.FLW003.max_hashtags") == 3
    with pytest.raises(NotFound):
        store.settings.update({"no.such.setting": 1})


def test_writes_roll_back_on_error(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        with store.db.write() as conn:
            conn.execute("INSERT INTO settings (name, value) VALUES ('x', '1')")
            conn.execute("INSERT INTO settings (name, value) VALUES ('x', '2')")
    assert store.db.conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_settings_cache_sees_changes_from_another_process(tmp_path: Path) -> None:
    import time as clock

    from backchannel.store import db as db_module

    server_side = Store(tmp_path / "db.sqlite3")
    cli_side = Store(tmp_path / "db.sqlite3")
    assert server_side.settings.load().get("rules.FLW003.max_hashtags") == 3
    cli_side.settings.update({"rules.FLW003.max_hashtags": 7})
    deadline = clock.monotonic() + 5 * db_module.OTHERS_STALE_AFTER
    while server_side.settings.load().get("rules.FLW003.max_hashtags") != 7 and clock.monotonic() < deadline:
        clock.sleep(0.05)
    assert server_side.settings.load().get("rules.FLW003.max_hashtags") == 7
    server_side.settings.update({"rules.FLW003.max_hashtags": 2})
    assert server_side.settings.load().get("rules.FLW003.max_hashtags") == 2, "our own writes count at once"
    server_side.close()
    cli_side.close()
