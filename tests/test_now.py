"""What is on now, the context snippet, and the pre-event kit."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import pytest

from backchannel.checker import check_draft
from backchannel.coach.now import kit_for, what_is_on
from backchannel.compose.snippets import session_snippet
from backchannel.context import EventInfo, SessionInfo, SpeakerInfo
from backchannel.store import Store
from backchannel.text import weighted_length


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "db.sqlite3")
    s.events.create_event("ccc", "Congress", hashtag="31C3", time_zone="Europe/Berlin", session_tag_pattern="{hashtag}{room}",
                          starts_on="2014-12-27", ends_on="2014-12-30")
    add = s.events.add_session
    add("ccc", title="Opening", start=utc(2014, 12, 27, 10), end=utc(2014, 12, 27, 11), room="Saal 1",
        speakers=[SpeakerInfo("Erdgeist", {"x": "@erdgeist"}), SpeakerInfo("Geraldine de Bastion", {"mastodon": "@gdb@chaos.social"})])
    add("ccc", title="Parallel talk", start=utc(2014, 12, 27, 10, 30), end=utc(2014, 12, 27, 11, 30), room="Saal 2")
    add("ccc", title="Next in one", start=utc(2014, 12, 27, 11), end=utc(2014, 12, 27, 12), room="Saal 1")
    add("ccc", title="Late night", start=utc(2014, 12, 27, 23), end=utc(2014, 12, 28, 1, 15), room="Saal 1")
    yield s
    s.close()


def test_start_inclusive_end_exclusive(store: Store) -> None:
    at_eleven = what_is_on(store, "ccc", at=utc(2014, 12, 27, 11))
    assert [s.title for s, _ in at_eleven.current] == ["Next in one", "Parallel talk"]
    assert [s.title for s, _ in what_is_on(store, "ccc", at=utc(2014, 12, 27, 10, 59)).current] == ["Opening", "Parallel talk"]


def test_parallel_rooms_need_a_room_for_the_snippet(store: Store) -> None:
    now = what_is_on(store, "ccc", at=utc(2014, 12, 27, 10, 45))
    assert len(now.current) == 2 and now.snippet is None
    assert all(snippet for _, snippet in now.current)
    mine = what_is_on(store, "ccc", at=utc(2014, 12, 27, 10, 45), room="saal 2")
    assert mine.snippet == "#31C3 #31C3Saal2 “Parallel talk”"


def test_single_session_gives_the_snippet_with_platform_handles(store: Store) -> None:
    x = what_is_on(store, "ccc", at=utc(2014, 12, 27, 10, 10))
    assert x.snippet == "#31C3 #31C3Saal1 “Opening” — @erdgeist, Geraldine de Bastion"
    mastodon = what_is_on(store, "ccc", at=utc(2014, 12, 27, 10, 10), platform="mastodon")
    assert mastodon.snippet == "#31C3 #31C3Saal1 “Opening” — Erdgeist, @gdb@chaos.social"


def test_past_midnight(store: Store) -> None:
    now = what_is_on(store, "ccc", at=utc(2014, 12, 28, 0, 30))
    assert [s.title for s, _ in now.current] == ["Late night"]


def test_next_sessions_per_room(store: Store) -> None:
    now = what_is_on(store, "ccc", at=utc(2014, 12, 27, 9))
    assert [s.title for s in now.next] == ["Opening", "Parallel talk"]
    assert now.current == [] and now.snippet is None


def test_snippet_fits_half_the_limit_by_shortening() -> None:
    event = EventInfo("e", "E", ("VeryLongEventHashtag2026",))
    session = SessionInfo(
        1, "A remarkably long session title about " + "many different and interesting things " * 6,
        utc(2026, 1, 1, 10), utc(2026, 1, 1, 11), tag="VeryLongEventHashtag2026Room12",
        speakers=tuple(SpeakerInfo(f"Speaker Number {i}", {"x": f"@speaker_number_{i}"}) for i in range(6)),
    )
    snippet = session_snippet(event, session, "x", 280)
    assert weighted_length(snippet, "x") <= 140
    assert snippet.startswith("#VeryLongEventHashtag2026 #VeryLongEventHashtag2026Room12 “A remarkably")
    assert "…”" in snippet and "+5" in snippet


def test_kit_lists_handles_and_an_announcement_that_passes(store: Store) -> None:
    kit = kit_for(store, "ccc")
    assert kit.follow["x"] == ["@erdgeist"]
    assert kit.follow["mastodon"] == ["@gdb@chaos.social"]
    assert kit.without_handle["x"] == ["Geraldine de Bastion"]
    assert "27–30 December 2014" in kit.announcement
    result = check_draft(kit.announcement, event=store.events.get_event("ccc").info())
    assert result.tips == (), [t.message for t in result.tips]
