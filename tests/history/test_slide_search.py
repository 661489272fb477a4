"""Posts found by the words on their slides: the text read from a post's photos is stored with
it (POST /v1/posts `slide_text`, or the helper's own reading of a photo it analysed) and the
history search and the review page find the post by it."""

from __future__ import annotations

from pathlib import Path
from typing import Awaitable, Callable

from aiohttp import web
from aiohttp.test_utils import TestClient

from backchannel.photos.samples import sample_bytes
from backchannel.review.auth import ReviewAuth
from backchannel.server import create_app
from backchannel.store import Store, slides
from backchannel.store.search import match_count, ranked_ids
from tests.history.support import TOKEN, Api, record_body

SHA = "ab" * 32


def photo(sha: str = SHA, **extra: object) -> dict[str, object]:
    return {"sha256": sha, "width": 1200, "height": 900, **extra}


async def test_a_post_is_found_by_the_words_on_its_slide(api: Api) -> None:
    status, post = await api.call("POST", "/v1/posts", json=record_body("Great keynote #LT13", media=[photo(slide_text="Polymer power tools\nShadow DOM")]))
    assert status == 201
    await api.call("POST", "/v1/posts", json=record_body("Coffee first"))
    status, found = await api.call("GET", "/v1/posts?q=polymer")
    assert status == 200 and [p["id"] for p in found["posts"]] == [post["id"]]
    assert [p["id"] for p in (await api.call("GET", '/v1/posts?q="shadow dom"'))[1]["posts"]] == [post["id"]]
    assert (await api.call("GET", "/v1/posts?q=polymer&event=lt13"))[1]["posts"][0]["id"] == post["id"]
    assert (await api.call("GET", "/v1/posts?q=polymer&before=2013-01-30T10:00:00Z"))[1]["posts"] == []


async def test_the_posts_own_text_ranks_before_its_slides_and_a_post_is_listed_once(api: Api, store: Store) -> None:
    _, on_slide = await api.call("POST", "/v1/posts", json=record_body("Slides", posted_at="2013-01-30T10:06:00Z", media=[photo(slide_text="Polymer")]))
    _, in_text = await api.call("POST", "/v1/posts", json=record_body("Polymer is great", media=[photo("cd" * 32, slide_text="Polymer polymer")]))
    assert ranked_ids(store.db, "polymer") == [in_text["id"], on_slide["id"]]
    assert match_count(store.db, "polymer") == 2


async def test_the_helper_takes_the_text_it_read_on_a_photo_it_analysed(api: Api) -> None:
    from backchannel.server.handlers.photos import PHOTOS

    api.client.app[PHOTOS].seconds = 120.0  # a machine busy with other work must not time the reading out
    data = sample_bytes("slide-close-up")
    status, analysed = await api.call("POST", "/v1/photos?text=later", data=data, headers={"Content-Type": "image/jpeg"})
    assert status == 200 and analysed["text_pending"]
    # Posted before the slide is read: the helper waits for its reading.
    status, post = await api.call("POST", "/v1/posts", json=record_body("Look at this", media=[photo(analysed["id"])]))
    assert status == 201
    _, whole = await api.call("GET", f"/v1/photos/{analysed['id']}")
    words = [w for line in whole["text"]["lines"] if line["recognised"] for w in line["text"].split() if w.isalpha() and len(w) > 3]
    assert words
    status, found = await api.call("GET", f"/v1/posts?q={words[0]}")
    assert [p["id"] for p in found["posts"]] == [post["id"]]


async def test_the_review_page_search_finds_a_post_by_its_slide(aiohttp_client: Callable[[web.Application], Awaitable[TestClient]], store: Store) -> None:
    client = await aiohttp_client(create_app(store, TOKEN))
    api = Api(client)
    await api.call("POST", "/v1/posts", json=record_body("Great keynote", media=[photo(slide_text="Polymer power tools")]))
    key = ReviewAuth(store.db).create_login()
    assert (await client.get(f"/review/login?key={key}", allow_redirects=False)).status == 303
    html = await (await client.get("/review/search?q=polymer")).text()
    assert "1 post matches." in html and "Great keynote" in html


def test_a_reading_replaced_is_searched_as_it_is_now(store: Store, tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from backchannel.coach.record import record
    from backchannel.history.model import MediaIn, PostIn

    post = PostIn(platform="x", text="Slides", posted_at=datetime(2013, 1, 30, 10, 5, tzinfo=timezone.utc), source="extension",
                  client_id="6a4f1f8e-9c1b-4e0b-9a37-0c8a2b1d2e3f", media=(MediaIn(sha256=SHA, slide_text="Polymer"),))
    stored = record(store, post, "hash").post
    media_id = slides.media_ids_of_post(store.db, stored.id)[0]
    assert ranked_ids(store.db, "polymer") == [stored.id]
    slides.record_texts(store.db, [(media_id, "Web components")])
    assert ranked_ids(store.db, "polymer") == [] and ranked_ids(store.db, "components") == [stored.id]
    assert slides.text_of_post(store.db, stored.id) == ["Web components"]
