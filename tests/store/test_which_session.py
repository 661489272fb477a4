"""One answer to "which session is this in": check, now, recording, the archive, and the room setting."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Awaitable, Callable, Iterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from backchannel.coach.now import what_is_on
from backchannel.coach.record import record, request_hash
from backchannel.coach.situation import find_situation
from backchannel.errors import InvalidInput
from backchannel.history.model import PostIn
from backchannel.server import create_app
from backchannel.store import Store
from tests.history.support import TOKEN, Api, record_body

UTC = timezone.utc


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """31C3 in Berlin: the keynote alone in Saal 1 at 12:15 local, then Saal 1 and Saal 2 in parallel from 14:00."""
    s = Store(tmp_path / "db.sqlite3")
    s.events.create_event("31c3", "31C3", hashtag="31c3", time_zone="Europe/Berlin", session_tag_pattern="{hashtag}{room}",
                          starts_on="2014-12-27", ends_on="2014-12-30")
    s.events.add_session("31c3", title="Keynote", start=utc(2014, 12, 27, 10), end=utc(2014, 12, 27, 12), room="Saal 1")
    s.events.add_session("31c3", title="Saal 1 afternoon", start=utc(2014, 12, 27, 13), end=utc(2014, 12, 27, 14), room="Saal 1")
    s.events.add_session("31c3", title="Saal 2 afternoon", start=utc(2014, 12, 27, 13), end=utc(2014, 12, 27, 15), room="Saal 2")
    s.settings.update({"active_event": "31c3", "active_room": "Saal 2"})
    yield s
    s.close()


def test_now_and_check_agree_when_the_chosen_room_has_nothing_on(store: Store) -> None:
    at = "2014-12-27T12:15"  # Berlin: only the Saal 1 keynote runs
    now = what_is_on(store, "31c3", at=utc(2014, 12, 27, 11, 15))
    situation = find_situation(store, at=at, text="Great start")
    assert situation.session is None
    assert now.snippet is None and now.session is None
    assert now.reason is not None and "Saal 2" in now.reason
    assert situation.reason == now.reason


def test_the_posts_own_session_tag_wins_over_the_chosen_room(store: Store) -> None:
    # 14:10 Berlin: both afternoon sessions run; the room setting says Saal 2, the post says Saal 1.
    situation = find_situation(store, at="2014-12-27T14:10", text="Good point #31c3Saal1")
    assert situation.session is not None and situation.session.title == "Saal 1 afternoon"
    assert situation.session_source == "tag"
    untagged = find_situation(store, at="2014-12-27T14:10", text="Good point")
    assert untagged.session is not None and untagged.session.title == "Saal 2 afternoon"


def test_a_session_tag_for_a_room_with_nothing_on_files_the_post_nowhere(store: Store) -> None:
    # 15:30 Berlin = 14:30 UTC: Saal 1 is empty and only Saal 2 runs.
    situation = find_situation(store, at="2014-12-27T15:30", text="Still thinking about it #31c3Saal1")
    assert situation.session is None
    assert situation.reason is not None and "31c3saal1" in situation.reason


def test_recording_files_a_tagged_post_under_its_tag(store: Store) -> None:
    body = record_body("Good point #31c3Saal1", posted_at="2014-12-27T13:10:00Z", hashtags=["31c3Saal1"])
    post = PostIn(client_id=body["client_id"], platform="x", text=body["text"], posted_at=utc(2014, 12, 27, 13, 10), hashtags=("31c3Saal1",))
    stored = record(store, post, request_hash(body)).post
    assert stored.session_id == next(s.id for s in store.events.list_sessions("31c3") if s.title == "Saal 1 afternoon")


def test_archive_placement_uses_the_same_answer(store: Store) -> None:
    from backchannel.store.associate import _plans, _session_for

    plan = next(p for p in _plans(store.events) if p.event.slug == "31c3")
    # Saal 1 is between talks at 14:30 UTC: the tag names it, so not the Saal 2 talk running then.
    assert _session_for(plan, "2014-12-27T14:30:00Z", {"31c3saal1"}) == (None, None)
    assert _session_for(plan, "2014-12-27T14:30:00Z", set())[1] == "time"


def test_an_unknown_active_room_is_refused_with_the_rooms_there_are(store: Store) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.settings.update({"active_room": "Saal 9"})
    assert "Saal 1" in caught.value.message and "Saal 2" in caught.value.message
    assert store.settings.update({"active_room": "saal 1"}).get("active_room") == "Saal 1"


def test_a_room_without_an_active_event_is_refused(tmp_path: Path) -> None:
    s = Store(tmp_path / "empty.sqlite3")
    try:
        with pytest.raises(InvalidInput, match="event use"):
            s.settings.update({"active_room": "Saal 1"})
    finally:
        s.close()


async def test_the_api_now_and_check_agree(aiohttp_client: Callable[[web.Application], Awaitable[TestClient]], store: Store) -> None:
    api = Api(await aiohttp_client(create_app(store, TOKEN)))
    status, now = await api.call("GET", "/v1/events/31c3/now?at=2014-12-27T12:15")
    assert status == 200 and now["snippet"] is None and now["session"] is None
    status, checked = await api.call("POST", "/v1/check", json={"text": "Great start", "at": "2014-12-27T12:15"})
    assert status == 200 and checked["session"] is None
    status, tagged = await api.call("POST", "/v1/check", json={"text": "Good point #31c3Saal1", "at": "2014-12-27T14:10"})
    assert status == 200 and tagged["session"] == next(s.id for s in store.events.list_sessions("31c3") if s.title == "Saal 1 afternoon")


def test_hashtags_that_are_no_session_tag_do_not_resolve_the_situation_again(store: Store) -> None:
    # Typing "#31c3" letter by letter must not reload the history on every keystroke.
    first = find_situation(store, at="2014-12-27T14:10", text="Good point #3")
    assert find_situation(store, at="2014-12-27T14:10", text="Good point #31c") is first
    assert find_situation(store, at="2014-12-27T14:10", text="Good point #31c3Saal1") is not first
