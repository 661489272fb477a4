"""The review page of a weekly chat: one's answers grouped under the question they answer, and its export."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from aiohttp.test_utils import TestClient

from backchannel.coach.record import record, request_hash
from backchannel.history.model import PostIn
from backchannel.store import Store
from tests.review.test_review_pages import _login, client, store  # noqa: F401  (the fixtures)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _chat_two_days_ago(into: Store) -> datetime:
    """A chat that ran two days ago at 00:00 UTC, with Q1 and Q2, and four posts of one's own (one not an answer)."""
    start = datetime.combine((datetime.now(timezone.utc) - timedelta(days=2)).date(), time(0), timezone.utc)
    into.chats.add_chat(slug="edchat", name="EdChat", hashtag="edchat", weekday=WEEKDAYS[start.weekday()], starts="00:00",
                         minutes=60, time_zone="UTC", moderator="@edchatmod")
    into.chats.add_question("edchat", "Q1: Introduce yourself", at=start + timedelta(minutes=5), occurrence=start.date())
    into.chats.add_question("edchat", "Q2: <b>How</b> do you keep up?", at=start + timedelta(minutes=15), occurrence=start.date())
    for minute, text in ((6, "A1 Jo, teacher in Leeds #edchat"), (16, "A2 RSS <script>x</script> #edchat"), (18, "A2 and podcasts #EdChat"),
                         (30, "Great chat #edchat"), (31, "Nothing to do with it")):
        post = PostIn(platform="x", text=text, posted_at=start + timedelta(minutes=minute), client_id=f"00000000-0000-4000-8000-0000000002{minute:02d}")  # type: ignore[call-arg]
        record(into, post, request_hash({"m": minute}))
    return start


async def test_answers_are_grouped_by_question_on_the_page_and_in_the_export(client: TestClient, store: Store) -> None:  # noqa: F811
    start = _chat_two_days_ago(store)
    await _login(client, store)
    index = await (await client.get("/review")).text()
    assert 'href="/review/chats/edchat"' in index
    html = await (await client.get("/review/chats/edchat")).text()
    assert f"<h2>{start.date().isoformat()}</h2>" in html
    q1 = html.index("<h3>Q1: Introduce yourself</h3>")
    q2 = html.index("<h3>Q2: &lt;b&gt;How&lt;/b&gt; do you keep up?</h3>")
    other = html.index("<h3>Other posts</h3>")
    assert q1 < html.index("A1 Jo, teacher in Leeds") < q2
    assert q2 < html.index("A2 RSS &lt;script&gt;") < html.index("A2 and podcasts") < other < html.index("Great chat")
    assert "Nothing to do with it" not in html and "<script>x" not in html
    export = await client.get("/review/chats/edchat/export")
    assert export.headers["Content-Disposition"] == 'attachment; filename="edchat-answers.md"'
    text = await export.text()
    assert "### Q2: &lt;b&gt;How&lt;/b&gt; do you keep up?\n\n- A2 RSS &lt;script&gt;x&lt;/script&gt; \\#edchat\n- A2 and podcasts \\#EdChat" in text


async def test_unknown_chats_and_bad_weeks_are_pages_with_the_right_status(client: TestClient, store: Store) -> None:  # noqa: F811
    await _login(client, store)
    assert (await client.get("/review/chats/nope")).status == 404
    assert (await client.get("/review/chats/nope/export")).status == 404
    _chat_two_days_ago(store)
    assert (await client.get("/review/chats/edchat?weeks=0")).status == 422
