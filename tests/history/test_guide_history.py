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
