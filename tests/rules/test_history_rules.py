"""CTX006, FLW001 and FLW002 on a real store: the situation carries the history into the check."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from backchannel.checker import check_draft
from backchannel.coach.record import record, request_hash
from backchannel.coach.situation import find_situation
from backchannel.history.model import PostIn
from backchannel.rules import Tip
from backchannel.rules.flw import similarity
from backchannel.store import Store

UTC = timezone.utc


def _record(store: Store, text: str, at: datetime, *, platform: str = "x", remote_id: str | None = None) -> None:
    post = PostIn(platform=platform, text=text, posted_at=at, client_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{at.isoformat()} {text}")), remote_id=remote_id)
    record(store, post, request_hash({"text": text, "at": at.isoformat()}))


def _codes(store: Store, text: str, at: str, *, platform: str = "x", reply_to: str | None = None) -> dict[str, Tip]:
    situation = find_situation(store, at=at)
    result = check_draft(text, platform=platform, reply_to=reply_to, **situation.check_context())
    return {t.code: t for t in result.tips}


def test_first_post_in_a_session_is_asked_to_introduce_it(store: Store) -> None:
    tips = _codes(store, "Most learning happens at work #LT13 #LT13A1", "2013-01-30T10:10")
    fix = tips["CTX006"].fix
    assert fix is not None
    # The snippet does not repeat tags the draft already has.
    assert fix.result == "“Learning in the flow of work” — @priyaraman\nMost learning happens at work #LT13 #LT13A1"
    assert "CTX006" not in _codes(store, fix.result, "2013-01-30T10:10")


def test_after_the_first_post_ctx006_is_quiet_and_flw001_offers_the_thread(store: Store) -> None:
    _record(store, "Now at #LT13 #LT13A1: “Learning in the flow of work” — @priyaraman", datetime(2013, 1, 30, 10, 5, tzinfo=UTC), remote_id="42")
    tips = _codes(store, "Most learning happens at work #LT13 #LT13A1", "2013-01-30T10:10")
    assert "CTX006" not in tips
    fix = tips["FLW001"].fix
    assert fix is not None and fix.action is not None
    assert fix.action["remote_id"] == "42"
    assert "(10:05)" in tips["FLW001"].message  # the event's zone: London is on UTC in January
    assert "FLW001" not in _codes(store, "Most learning happens at work", "2013-01-30T10:10", reply_to="42")
    assert "FLW001" not in _codes(store, "Most learning happens at work", "2013-01-30T10:10", platform="bluesky")


def test_checking_a_past_moment_does_not_see_later_posts(store: Store) -> None:
    _record(store, "Now at #LT13 #LT13A1: “Learning in the flow of work”", datetime(2013, 1, 30, 10, 40, tzinfo=UTC))
    assert "FLW001" not in _codes(store, "An earlier thought #LT13", "2013-01-30T10:10")
    assert "FLW001" in _codes(store, "A later thought #LT13", "2013-01-30T10:50")


def test_near_duplicates_within_the_window_only(store: Store) -> None:
    _record(store, "Most learning happens in the flow of work, not in courses #LT13", datetime(2013, 1, 30, 10, 5, tzinfo=UTC))
    assert "FLW002" in _codes(store, "Most learning happens in the flow of work, not in courses! #lt13", "2013-01-30T10:20")
    assert "FLW002" not in _codes(store, "Most learning happens in the flow of work, not in courses #LT13", "2013-01-30T23:00")
    store.settings.update({"rules.FLW002.hours": 24})
    assert "FLW002" in _codes(store, "Most learning happens in the flow of work, not in courses #LT13", "2013-01-30T23:00")
    store.settings.update({"rules.FLW002.similarity": 1.0})
    assert "FLW002" not in _codes(store, "Most learning happens in the flow of work, not in lectures #LT13", "2013-01-30T12:00")


def test_similarity_ignores_links_case_and_punctuation() -> None:
    assert similarity("Great keynote talk by @priya! https://t.co/x", "great keynote talk by @priya https://example.com") == 1.0
    assert similarity("short", "short") == 0.0  # too short to judge
    assert similarity("Most learning happens at work, not in courses", "Games are a serious tool for teaching adults") < 0.3


def test_without_a_store_history_rules_stay_silent() -> None:
    result = check_draft("Most learning happens at work #LT13")
    assert not {t.code for t in result.tips} & {"CTX006", "FLW001", "FLW002"}


def test_a_new_post_reaches_the_next_check_at_once(store: Store) -> None:
    """The history is cached between checks; storing a post must invalidate it."""
    draft = "Most learning happens at work #LT13 #LT13A1"
    assert "FLW001" not in _codes(store, draft, "2013-01-30T10:10")
    _record(store, "Now at #LT13 #LT13A1: “Learning in the flow of work” — @priyaraman", datetime(2013, 1, 30, 10, 5, tzinfo=UTC))
    assert "FLW001" in _codes(store, draft, "2013-01-30T10:10")


def test_continue_thread_points_at_the_later_of_two_posts_in_the_same_minute(store: Store) -> None:
    moment = datetime(2013, 1, 30, 10, 5, tzinfo=UTC)
    _record(store, "First from the keynote #LT13 #LT13A1", moment, remote_id="1")
    _record(store, "Second from the keynote #LT13 #LT13A1", moment, remote_id="2")
    fix = _codes(store, "Third thought #LT13 #LT13A1", "2013-01-30T10:10")["FLW001"].fix
    assert fix is not None and fix.action is not None and fix.action["remote_id"] == "2"
