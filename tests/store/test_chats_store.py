"""Weekly chats in a real SQLite file: when a run is on (across midnight and a clock change), and the latest question."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from backchannel.errors import InvalidInput
from backchannel.store import Store
from backchannel.store.chats import parse_question


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "db.sqlite3")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def test_a_late_chat_runs_past_local_midnight_and_keeps_its_starting_day(store: Store) -> None:
    chat = store.chats.add_chat(slug="latechat", name=None, hashtag="latechat", weekday="sunday", starts="23:30", minutes=60,
                                time_zone="Europe/London", moderator=None)
    found = chat.occurrence_at(utc("2026-12-14T00:15:00"))  # Monday 00:15 in London: Sunday's run
    assert found is not None and found[0] == date(2026, 12, 13)
    assert chat.occurrence_at(utc("2026-12-14T00:31:00")) is None


def test_the_local_start_follows_a_clock_change(store: Store) -> None:
    chat = store.chats.add_chat(slug="edchat", name=None, hashtag="edchat", weekday="tue", starts="19:00", minutes=60,
                                time_zone="America/New_York", moderator="edchatmod")
    assert chat.occurrence_at(utc("2026-10-27T23:10:00")) is not None  # EDT: 19:00 is 23:00 UTC
    assert chat.occurrence_at(utc("2026-11-04T00:10:00")) is not None  # EST: 19:00 is 00:00 UTC
    assert chat.occurrence_at(utc("2026-11-03T23:10:00")) is None


def test_the_latest_question_is_the_highest_asked_by_then_and_the_draft_tag_picks_among_live_chats(store: Store) -> None:
    for slug in ("edchat", "ukedchat"):
        store.chats.add_chat(slug=slug, name=None, hashtag=slug, weekday="tue", starts="19:00", minutes=60, time_zone="UTC", moderator=None)
    day = date(2026, 12, 8)
    store.chats.add_question("edchat", "Q1: Hello", at=utc("2026-12-08T19:05:00"), occurrence=day)
    store.chats.add_question("edchat", "Q2: Next", at=utc("2026-12-08T19:15:00"), occurrence=day, source="advance")
    at = utc("2026-12-08T19:10:00")
    assert store.chats.info_at(at) is None  # two chats live, nothing says which: no guess
    info = store.chats.info_at(at, hashtags=frozenset({"edchat"}))
    assert info is not None and info.question == 1 and info.question_text == "Hello"
    assert store.chats.info_at(utc("2026-12-08T19:20:00"), slug="edchat").question == 2  # type: ignore[union-attr]
    store.chats.add_question("edchat", "Q2: Next, reworded", at=utc("2026-12-08T19:16:00"), occurrence=day)
    assert [q.text for q in store.chats.questions("edchat", day)] == ["Hello", "Next, reworded"]
    assert [q.asked_at for q in store.chats.questions("edchat", day)][1] == utc("2026-12-08T19:15:00")  # asked when first known


@pytest.mark.parametrize(("text", "parsed"), [("Q1: Hello #edchat", (1, "Hello #edchat")), ("@mod Q12) Why?", (12, "Why?")), ("q3 - what?", (3, "what?")),
                                               ("QA tonight", None), ("Question 2: hi", None), ("Q0: zero", None)])
def test_question_posts_as_moderators_write_them(text: str, parsed: tuple[int, str] | None) -> None:
    assert parse_question(text) == parsed


def test_bad_chats_are_refused_with_the_field_named(store: Store) -> None:
    base = dict(slug="edchat", name=None, hashtag="edchat", weekday="tue", starts="19:00", minutes=60, time_zone="UTC", moderator=None)
    for change, field in (({"slug": "Ed Chat"}, "slug"), ({"weekday": "tu"}, "weekday"), ({"starts": "25:00"}, "starts"),
                          ({"minutes": 2}, "minutes"), ({"moderator": "not a handle"}, "moderator"), ({"hashtag": "123"}, "hashtag")):
        with pytest.raises(InvalidInput) as raised:
            store.chats.add_chat(**{**base, **change})
        assert raised.value.details["field"] == field
