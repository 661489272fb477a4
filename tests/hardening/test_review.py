"""The review page: login links, logout's origin, odd ids, CSV cells, and pages built off the event loop."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path
from typing import Awaitable, Callable

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from backchannel.coach import programme as programme_import
from backchannel.review.auth import ReviewAuth
from backchannel.review.export import csv_cell
from backchannel.server import create_app
from backchannel.store import Store
from tests.history.support import TOKEN
from tests.review.test_review_pages import _login, client, store  # noqa: F401 - fixtures, found by name
from tests.support.programmes import fosdem_like_xml


async def test_a_head_request_does_not_spend_the_login_link(client: TestClient, store: Store) -> None:  # noqa: F811
    key = ReviewAuth(store.db).create_login()
    head = await client.head(f"/review/login?key={key}", allow_redirects=False)
    assert head.status == 200 and "Set-Cookie" not in head.headers
    response = await client.get(f"/review/login?key={key}", allow_redirects=False)
    assert response.status == 303 and response.headers["Set-Cookie"].startswith("bc_review=")


@pytest.mark.parametrize(
    "origin", ["moz-extension://0b7a3d6e-4f4e-4b7e-9f55-1b1f4b7f2a10", "chrome-extension://ohckmjhofnjppajckmajddmpnomnahdp", "http://localhost:1"]
)
async def test_logout_refuses_every_origin_but_the_page_own(client: TestClient, store: Store, origin: str) -> None:  # noqa: F811
    await _login(client, store)
    assert (await client.post("/review/logout", headers={"Origin": origin})).status == 403
    assert (await client.get("/review")).status == 200  # still logged in


@pytest.mark.parametrize("media_id", ["99999999999999999999", "%C2%B2", "0", "-1", "1_0"])
async def test_odd_media_ids_are_404(client: TestClient, store: Store, media_id: str) -> None:  # noqa: F811
    await _login(client, store)
    assert (await client.get(f"/review/media/{media_id}")).status == 404


@pytest.mark.parametrize("session", ["%C2%B2", "99999999999999999999"])
async def test_odd_session_filters_are_a_page_not_a_500(client: TestClient, store: Store, session: str) -> None:  # noqa: F811
    await _login(client, store)
    response = await client.get(f"/review/events/lt13?session={session}")
    assert response.status in (200, 422)
    assert response.headers["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("text", [" =HYPERLINK(\"https://evil.example\")", "\n=1+1", "\r+1", "\t@SUM(A1)", '"=1+1', "  -2+3", "\u00a0=1"])
def test_formula_cells_are_neutralised_past_spaces_quotes_and_breaks(text: str) -> None:
    assert csv_cell(text) == "'" + text
    row = next(csv.reader(io.StringIO(_one_row(csv_cell(text)))))
    assert row[0].startswith("'")


def test_ordinary_cells_are_left_alone() -> None:
    assert csv_cell("Great talk = great slides") == "Great talk = great slides"
    assert csv_cell("") == ""


def _one_row(cell: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([cell])
    return buffer.getvalue()


@pytest.fixture
def big_store(tmp_path: Path) -> Store:
    big = Store(tmp_path / "data" / "backchannel.sqlite3")
    big.events.create_event("big", "Big Conference", time_zone="Europe/Brussels")
    programme_import.import_file(big, "big", fosdem_like_xml(rooms=80, talks_per_room_per_day=20, days=5))  # 8,000 sessions
    return big


async def test_a_big_event_page_does_not_hold_up_a_check(
    aiohttp_client: Callable[[web.Application], Awaitable[TestClient]], big_store: Store
) -> None:
    big_client = await aiohttp_client(create_app(big_store, TOKEN))
    await _login(big_client, big_store)
    finished: list[str] = []

    async def page() -> None:
        response = await big_client.get("/review/events/big")
        assert response.status == 200
        await response.read()
        finished.append("page")

    async def check() -> None:
        response = await big_client.post("/v1/check", json={"text": "Hello #big"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status == 200
        finished.append("check")

    rendering = asyncio.create_task(page())
    await asyncio.sleep(0.3)  # the page request is in; gathering and rendering 8,000 sessions takes far longer
    await asyncio.wait_for(asyncio.gather(check(), rendering), timeout=120)
    assert finished == ["check", "page"]
    big_store.close()
