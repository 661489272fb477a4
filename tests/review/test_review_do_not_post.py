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
