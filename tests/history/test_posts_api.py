"""POST /v1/posts and GET /v1/posts against the real application and a real SQLite file."""

from __future__ import annotations

import pytest

from backchannel.store import Store
from tests.history.support import Api, record_body, session_id


async def test_first_record_is_201_and_a_retry_returns_the_same_record_with_200(api: Api) -> None:
    body = record_body("Most learning happens at work #LT13")
    status, first = await api.call("POST", "/v1/posts", json=body)
    assert status == 201
    status, again = await api.call("POST", "/v1/posts", json=body)
    assert status == 200
    assert again == first
    _, page = await api.call("GET", "/v1/posts")
    assert [p["client_id"] for p in page["posts"]] == [body["client_id"]]


async def test_same_client_id_with_other_content_is_a_conflict(api: Api) -> None:
    body = record_body("Most learning happens at work #LT13")
    await api.call("POST", "/v1/posts", json=body)
    status, error = await api.call("POST", "/v1/posts", json={**body, "text": "Something else entirely"})
    assert status == 409
    assert error["error"]["code"] == "conflict"
    _, page = await api.call("GET", "/v1/posts")
    assert [p["text"] for p in page["posts"]] == ["Most learning happens at work #LT13"]


async def test_a_retry_may_add_the_remote_id_and_url_once(api: Api) -> None:
    body = record_body("Most learning happens at work #LT13")
    await api.call("POST", "/v1/posts", json=body)
    status, record = await api.call("POST", "/v1/posts", json={**body, "remote_id": "296287766157447168", "url": "https://x.com/me/status/296287766157447168"})
    assert status == 200
    assert record["remote_id"] == "296287766157447168"
    status, _ = await api.call("POST", "/v1/posts", json={**body, "remote_id": "1"})
    assert status == 409


async def test_a_post_without_event_is_placed_by_the_active_event_and_the_session_on_then(api: Api, store: Store) -> None:
    status, record = await api.call("POST", "/v1/posts", json=record_body("Great talk", posted_at="2013-01-30T10:20:00Z"))
    assert status == 201
    assert record["event"] == "lt13"
    # Two sessions run at 10:20; the active room (A1) picks one.
    assert record["session"] == session_id(store, "Learning in the flow of work")


async def test_explicit_event_and_session_win(api: Api, store: Store) -> None:
    games = session_id(store, "Games for learning")
    _, record = await api.call("POST", "/v1/posts", json=record_body("Great talk", event="lt13", session=games))
    assert record["session"] == games


async def test_a_stale_event_does_not_lose_the_post(api: Api) -> None:
    status, record = await api.call("POST", "/v1/posts", json=record_body("Great talk", event="renamed-since"))
    assert status == 201
    assert record["event"] == "lt13"
    assert "renamed-since" in record["warnings"][0]


async def test_tips_shown_while_composing_are_marked_heeded_when_they_no_longer_fire(api: Api) -> None:
    tips = [
        {"code": "CTX001", "name": "missing-event-hashtag", "level": "warning", "message": "No event hashtag", "span": None, "fix": None},
        {"code": "CTX003", "name": "missing-speaker-context", "level": "suggestion", "message": "Whose talk?", "span": None, "fix": None},
    ]
    _, record = await api.call("POST", "/v1/posts", json=record_body("Most learning happens at work #LT13", tips=tips))
    heeded = {t["code"]: t["heeded"] for t in record["tips"]}
    assert heeded == {"CTX001": True, "CTX003": False}


async def test_media_and_entities_are_kept(api: Api) -> None:
    media = [{"sha256": "ab" * 32, "width": 4000, "height": 3000, "measurements": {"luminance": 0.4}}]
    body = record_body("Slides: https://example.com/slides.pdf #LT13 @priyaraman", media=media)
    _, record = await api.call("POST", "/v1/posts", json=body)
    assert record["media"][0]["sha256"] == "ab" * 32
    assert record["media"][0]["available"] is False
    assert record["entities"]["hashtags"] == ["LT13"]
    assert record["entities"]["mentions"] == ["priyaraman"]
    assert record["entities"]["urls"][0]["expanded"] == "https://example.com/slides.pdf"


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"client_id": "not-a-uuid"}, 422, "invalid_input"),
        ({"platform": "myspace"}, 422, "invalid_input"),
        ({"posted_at": "yesterday"}, 422, "invalid_input"),
        ({"url": "javascript:alert(1)"}, 422, "invalid_input"),
        ({"remote_id": "has space"}, 422, "invalid_input"),
        ({"media": [{"sha256": "zz"}]}, 422, "invalid_input"),
        ({"tips": [{"code": "nope", "level": "error", "message": "x"}]}, 422, "invalid_input"),
        ({"unknown": 1}, 422, "invalid_input"),
        ({"session": 9999}, 201, None),  # a session that is gone: placed by time, with a warning
    ],
)
async def test_bad_records_get_the_error_shape(api: Api, change: dict, status: int, code: str | None) -> None:  # type: ignore[type-arg]
    got, body = await api.call("POST", "/v1/posts", json={**record_body("A post #LT13"), **change})
    assert got == status
    if code:
        assert set(body["error"]) == {"code", "message", "details"}
        assert body["error"]["code"] == code


async def test_not_json_is_400(api: Api) -> None:
    status, body = await api.call("POST", "/v1/posts", data=b"{oops", headers={"Content-Type": "application/json"})
    assert (status, body["error"]["code"]) == (400, "bad_request")


async def test_listing_pages_newest_first_with_a_cursor(api: Api) -> None:
    for minute in range(5):
        await api.call("POST", "/v1/posts", json=record_body(f"Post number {minute}", posted_at=f"2013-01-30T10:0{minute}:00Z"))
    _, first = await api.call("GET", "/v1/posts?limit=2")
    assert [p["text"] for p in first["posts"]] == ["Post number 4", "Post number 3"]
    _, second = await api.call("GET", f"/v1/posts?limit=2&before={first['next']}")
    assert [p["text"] for p in second["posts"]] == ["Post number 2", "Post number 1"]
    _, third = await api.call("GET", f"/v1/posts?limit=2&before={second['next']}")
    assert [p["text"] for p in third["posts"]] == ["Post number 0"]
    assert third["next"] is None


async def test_search_ranks_and_filters(api: Api, store: Store) -> None:
    games = session_id(store, "Games for learning")
    await api.call("POST", "/v1/posts", json=record_body("Informal learning, informal learning everywhere #LT13"))
    await api.call("POST", "/v1/posts", json=record_body("Some learning happens in courses #LT13"))
    await api.call("POST", "/v1/posts", json=record_body("Games teach informal skills #LT13", event="lt13", session=games))
    _, found = await api.call("GET", "/v1/posts?q=informal")
    assert found["posts"][0]["text"].startswith("Informal learning, informal learning")
    assert len(found["posts"]) == 2
    _, in_session = await api.call("GET", f"/v1/posts?q=informal&session={games}")
    assert [p["text"] for p in in_session["posts"]] == ["Games teach informal skills #LT13"]
    _, prefix = await api.call("GET", "/v1/posts?q=cours*")
    assert [p["text"] for p in prefix["posts"]] == ["Some learning happens in courses #LT13"]
    _, phrase = await api.call("GET", '/v1/posts?q="learning everywhere"')
    assert len(phrase["posts"]) == 1


@pytest.mark.parametrize("q", ['"unbalanced', "NEAR(a b)", "col:umn", "*", "a OR", "^start", "AND", "(", "'; DROP TABLE posts; --"])
async def test_search_syntax_never_breaks(api: Api, q: str) -> None:
    await api.call("POST", "/v1/posts", json=record_body("start a column near the table #LT13"))
    status, body = await api.call("GET", "/v1/posts", params={"q": q})
    assert status in (200, 422)
    if status == 422:
        assert body["error"]["code"] == "invalid_input"


@pytest.mark.parametrize(("query", "field"), [("limit=0", "limit"), ("limit=x", "limit"), ("session=x", "session"), ("before=soon", "before")])
async def test_bad_history_queries_are_422(api: Api, query: str, field: str) -> None:
    status, body = await api.call("GET", f"/v1/posts?{query}")
    assert status == 422
    assert body["error"]["details"]["field"] == field


async def test_unknown_event_filter_is_404(api: Api) -> None:
    status, body = await api.call("GET", "/v1/posts?event=nope")
    assert (status, body["error"]["code"]) == (404, "not_found")


async def test_check_sees_the_history(api: Api) -> None:
    """A recorded post makes FLW001 fire on the next top-level draft, and a reply silences it."""
    first = record_body("Now at #LT13 #LT13A1: “Learning in the flow of work” — @priyaraman", remote_id="111", url="https://x.com/me/status/111")
    await api.call("POST", "/v1/posts", json=first)
    draft = {"text": "She says most learning happens at work #LT13 #LT13A1", "at": "2013-01-30T10:30"}
    _, result = await api.call("POST", "/v1/check", json=draft)
    flw001 = next(t for t in result["tips"] if t["code"] == "FLW001")
    assert flw001["fix"]["action"] == {"type": "reply", "remote_id": "111", "url": "https://x.com/me/status/111", "client_id": first["client_id"], "post": 1}
    assert flw001["fix"]["edits"] == []
    _, as_reply = await api.call("POST", "/v1/check", json={**draft, "reply_to": "111"})
    assert "FLW001" not in {t["code"] for t in as_reply["tips"]}


async def test_thread_of_client_id_links_a_thread(api: Api) -> None:
    first = record_body("Part one #LT13")
    second = record_body("Part two #LT13", posted_at="2013-01-30T10:06:00Z", thread_of_client_id=first["client_id"])
    # The offline queue may deliver them in any order.
    _, child = await api.call("POST", "/v1/posts", json=second)
    _, parent = await api.call("POST", "/v1/posts", json=first)
    _, page = await api.call("GET", "/v1/posts")
    by_text = {p["text"]: p for p in page["posts"]}
    assert by_text["Part two #LT13"]["parent"] == parent["id"]
    assert by_text["Part two #LT13"]["thread"] == parent["id"] == by_text["Part one #LT13"]["thread"]
    assert child["thread"] == child["id"]  # before its parent arrived, it stood alone


async def test_reply_to_own_remote_id_continues_the_thread(api: Api) -> None:
    _, root = await api.call("POST", "/v1/posts", json=record_body("Root #LT13", remote_id="500"))
    _, reply = await api.call("POST", "/v1/posts", json=record_body("Reply #LT13", posted_at="2013-01-30T10:07:00Z", remote_id="501", reply_to_remote_id="500"))
    _, other = await api.call("POST", "/v1/posts", json=record_body("@someone yes", posted_at="2013-01-30T10:08:00Z", reply_to_remote_id="999"))
    assert reply["thread"] == root["id"]
    assert other["thread"] == other["id"]


async def test_a_posted_photo_the_helper_analysed_is_kept_without_its_location(api: Api, store: Store) -> None:
    import io

    from PIL import Image

    picture = Image.new("RGB", (640, 480), (180, 180, 180))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPS
    raw = io.BytesIO()
    picture.save(raw, "JPEG", exif=exif)
    status, analysed = await api.call("POST", "/v1/photos", data=raw.getvalue(), headers={"Content-Type": "image/jpeg"})
    assert status == 200
    _, record = await api.call("POST", "/v1/posts", json=record_body("The slide #LT13", media=[{"sha256": analysed["id"], "width": 640, "height": 480}]))
    medium = record["media"][0]
    assert medium["available"] is True
    kept = store.history.media.path(store.history.posts.media(medium["id"]).file or "")
    assert kept is not None
    assert 0x8825 not in Image.open(kept).getexif()


async def test_a_scheduled_post_is_kept_as_scheduled_at_its_time(api: Api, store: Store) -> None:
    body = record_body("The keynote recording goes up at two #LT13", posted_at="2013-01-30T10:20:00Z", scheduled_for="2013-01-30T14:00:00Z")
    status, record = await api.call("POST", "/v1/posts", json=body)
    assert status == 201
    assert record["scheduled_for"] == "2013-01-30T14:00:00Z"
    assert record["remote_id"] is None and record["url"] is None
    # A retry of the same record is the same record.
    assert await api.call("POST", "/v1/posts", json=body) == (200, record)


async def test_a_quote_keeps_the_quoted_posts_address(api: Api) -> None:
    quoted = "https://x.com/priyaraman/status/1880000000000000042"
    _, record = await api.call("POST", "/v1/posts", json=record_body("This, exactly #LT13", quoted_url=quoted, remote_id="1890000000000000001"))
    assert record["quoted_url"] == quoted
    _, page = await api.call("GET", "/v1/posts")
    assert page["posts"][0]["quoted_url"] == quoted


async def test_an_edit_updates_the_stored_post_and_keeps_its_history(api: Api) -> None:
    original = record_body("Keynote by Priya Ramen #LT13", remote_id="1890000000000000001", url="https://x.com/ada/status/1890000000000000001")
    _, first = await api.call("POST", "/v1/posts", json=original)
    edit = record_body("Keynote by Priya Raman #LT13", remote_id="1890000000000000002", url="https://x.com/ada/status/1890000000000000002",
                       edit_of_remote_id="1890000000000000001")
    status, edited = await api.call("POST", "/v1/posts", json=edit)
    assert status == 200
    assert edited["id"] == first["id"]
    assert (edited["text"], edited["remote_id"]) == ("Keynote by Priya Raman #LT13", "1890000000000000002")
    assert [(e["text"], e["remote_id"]) for e in edited["edits"]] == [("Keynote by Priya Ramen #LT13", "1890000000000000001")]
    # One post in the history, found by its new words, not two; a retry of the edit changes nothing.
    assert await api.call("POST", "/v1/posts", json=edit) == (200, edited)
    _, page = await api.call("GET", "/v1/posts")
    assert [p["id"] for p in page["posts"]] == [first["id"]]
    _, found = await api.call("GET", "/v1/posts?q=Raman")
    assert [p["id"] for p in found["posts"]] == [first["id"]]


async def test_an_edit_of_a_post_never_recorded_is_kept_as_a_post_of_its_own(api: Api) -> None:
    edit = record_body("Keynote by Priya Raman #LT13", remote_id="1890000000000000002", edit_of_remote_id="1890000000000000001")
    status, record = await api.call("POST", "/v1/posts", json=edit)
    assert status == 201
    assert record["text"] == "Keynote by Priya Raman #LT13" and record["edits"] == []
    assert "never recorded" in record["warnings"][0]


@pytest.mark.parametrize(
    "change",
    [{"scheduled_for": "next tuesday"}, {"quoted_url": "javascript:alert(1)"}, {"edit_of_remote_id": "has space"}],
)
async def test_bad_outcome_fields_are_422(api: Api, change: dict) -> None:  # type: ignore[type-arg]
    status, error = await api.call("POST", "/v1/posts", json=record_body("Great talk", **change))
    assert status == 422
    assert error["error"]["code"] == "invalid_input"
