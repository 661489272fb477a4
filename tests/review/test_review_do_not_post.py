"""The review page marks the posts made during a session that asked not to be posted."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from backchannel.store import Store
from tests.review.test_review_pages import _login, client, store  # noqa: F401  (the fixtures)


async def test_posts_from_a_session_not_to_be_posted_are_marked(client: TestClient, store: Store) -> None:  # noqa: F811
    await _login(client, store)
    before = await (await client.get("/review/events/lt13")).text()
    assert 'class="held"' not in before
    session = next(s for s in store.events.list_sessions("lt13") if s.title == "Learning in the flow of work")
    store.events.mark_do_not_post("lt13", session.id, "speaker asked: unpublished data")
    html = await (await client.get("/review/events/lt13")).text()
    start = html.index("<h2>Learning in the flow of work</h2>")
    held = html.index('class="held"')
    assert start < held < html.index("<h2>Measuring informal learning")  # under that session's heading, not another's
    assert "Not to be posted: speaker asked: unpublished data." in html
    assert html.count('class="held"') == 1


def _record(into: Store, text: str, minute: int, session: str, **extra: object) -> None:
    from datetime import datetime, timezone

    from backchannel.coach.record import record, request_hash
    from backchannel.history.model import PostIn
    from tests.history.support import session_id

    at = datetime(2013, 1, 30, 10, minute, tzinfo=timezone.utc)
    post = PostIn(platform="x", text=text, posted_at=at, client_id=f"00000000-0000-4000-8000-0000000001{minute:02d}",
                  event="lt13", session=session_id(into, session), **extra)  # type: ignore[arg-type]
    record(into, post, request_hash({"m": minute}))


async def test_promises_of_a_link_to_follow_are_listed_until_a_link_follows(client: TestClient, store: Store) -> None:  # noqa: F811
    await _login(client, store)
    assert "Open promises" not in await (await client.get("/review/events/lt13")).text()
    _record(store, "Great data on informal learning, slides to follow #LT13", 50, "Learning in the flow of work")
    _record(store, "I'll share the paper from this one later #LT13", 51, "Learning in the flow of work")
    html = await (await client.get("/review/events/lt13")).text()
    assert "Open promises" in html and "“slides to follow”" in html and "“I&#39;ll share the paper”" in html
    _record(store, "The slides: https://example.org/deck #LT13", 55, "Learning in the flow of work",
            entities={"urls": [{"url": "https://example.org/deck", "expanded": "https://example.org/deck", "display": "example.org/deck"}]})
    assert "Open promises" not in await (await client.get("/review/events/lt13")).text()
