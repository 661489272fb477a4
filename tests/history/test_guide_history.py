"""The guide rules that read recent posts see them through the real API and store,
whichever other rules are switched off."""

from __future__ import annotations

from backchannel.store import Store
from tests.history.support import Api, record_body


async def _codes(api: Api, text: str, at: str) -> list[str]:
    status, body = await api.call("POST", "/v1/check", json={"text": text, "event": "lt13", "at": at})
    assert status == 200
    return [t["code"] for t in body["tips"]]


async def test_pacing_counts_recorded_posts_even_with_the_near_duplicate_rule_off(api: Api, store: Store) -> None:
    status, _ = await api.call("PUT", "/v1/settings", json={"rules.FLW002.enabled": False})
    assert status == 200
    for minute in range(1, 6):
        posted = await api.call("POST", "/v1/posts", json=record_body(f"Point {minute} from Priya #LT13", posted_at=f"2013-01-30T10:2{minute}:00Z"))
        assert posted[0] == 201
    assert "GDE006" in await _codes(api, "Point six #LT13", "2013-01-30T10:27:00Z")
    assert "GDE006" not in await _codes(api, "Point six #LT13", "2013-01-30T10:45:00Z")  # the burst is over


async def test_the_first_event_post_of_the_day_gets_the_heads_up_and_the_next_does_not(api: Api) -> None:
    assert "GDE005" in await _codes(api, "Opening keynote is packed #LT13", "2013-01-30T09:05:00Z")
    await api.call("POST", "/v1/posts", json=record_body("Opening keynote is packed #LT13", posted_at="2013-01-30T09:06:00Z"))
    assert "GDE005" not in await _codes(api, "Second point #LT13", "2013-01-30T09:20:00Z")


async def test_a_post_after_midnight_in_the_events_zone_is_the_first_of_a_new_day(api: Api) -> None:
    # LT13 is in London. Late evening and after midnight there, the store must hand the rule the whole local day.
    await api.call("POST", "/v1/posts", json=record_body("Conference dinner #LT13", posted_at="2013-01-30T23:50:00Z"))
    assert "GDE005" in await _codes(api, "Day two keynote #LT13", "2013-01-31T00:10:00Z")
    await api.call("POST", "/v1/posts", json=record_body("I'll be posting from #LT13 today", posted_at="2013-01-31T08:00:00Z"))
    assert "GDE005" not in await _codes(api, "Day two keynote #LT13", "2013-01-31T23:40:00Z")  # fifteen hours later, still that day


async def test_the_first_post_after_a_session_offers_to_close_its_thread(api: Api) -> None:
    for minute, text in ((5, "Most learning happens at work #LT13A1"), (20, "Courses miss the point, says Priya #LT13A1")):
        body = record_body(text, posted_at=f"2013-01-30T10:{minute:02d}:00Z", remote_id=f"2960000000000000{minute:02d}")
        assert (await api.call("POST", "/v1/posts", json=body))[0] == 201
    during = await api.call("POST", "/v1/check", json={"text": "One more point #LT13A1", "event": "lt13", "at": "2013-01-30T10:30:00Z"})
    assert "GDE008" not in [t["code"] for t in during[1]["tips"]]  # the session is still on
    status, body = await api.call("POST", "/v1/check", json={"text": "Coffee, then the panel #LT13", "event": "lt13", "at": "2013-01-30T11:05:00Z"})
    tip = next(t for t in body["tips"] if t["code"] == "GDE008")
    action = tip["fix"]["action"]
    assert action["type"] == "reply" and action["remote_id"] == "296000000000000020"
    assert action["text"] == "Thanks @priyaraman for “Learning in the flow of work”!"
    assert tip["fix"]["result"] == "Coffee, then the panel #LT13"
    # Once something is posted after the session, the next draft is not the first after it any more.
    await api.call("POST", "/v1/posts", json=record_body("Coffee, then the panel #LT13", posted_at="2013-01-30T11:06:00Z"))
    later = await api.call("POST", "/v1/check", json={"text": "Panel starts #LT13", "event": "lt13", "at": "2013-01-30T11:10:00Z"})
    assert "GDE008" not in [t["code"] for t in later[1]["tips"]]


async def test_a_thread_closed_with_thanks_gets_no_closing_post(api: Api) -> None:
    await api.call("POST", "/v1/posts", json=record_body("Most learning happens at work #LT13A1", posted_at="2013-01-30T10:05:00Z"))
    await api.call("POST", "/v1/posts", json=record_body("Thanks @priyaraman, great talk #LT13A1", posted_at="2013-01-30T10:58:00Z"))
    status, body = await api.call("POST", "/v1/check", json={"text": "Coffee, then the panel #LT13", "event": "lt13", "at": "2013-01-30T11:05:00Z"})
    assert "GDE008" not in [t["code"] for t in body["tips"]]
