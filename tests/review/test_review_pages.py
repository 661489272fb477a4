"""The review page's guard, headers and answers, through the real application."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Awaitable, Callable, Iterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from backchannel.archive.importer import import_archive
from backchannel.review.auth import ReviewAuth
from backchannel.server import create_app
from backchannel.store import Store
from tests.archive.builders import build_zip, jpeg, lt13_archive_files
from tests.history.support import TOKEN, add_lt13

CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
PAGES = ["/review", "/review/events/lt13", "/review/search?q=learning", "/review/events/lt13?has=photos", "/review/events/lt13?q=flow"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "data" / "backchannel.sqlite3")
    add_lt13(s)
    import_archive(s, build_zip(tmp_path / "a.zip", lt13_archive_files()))
    yield s
    s.close()


@pytest.fixture
async def client(aiohttp_client: Callable[[web.Application], Awaitable[TestClient]], store: Store) -> TestClient:
    return await aiohttp_client(create_app(store, TOKEN))


async def _login(client: TestClient, store: Store) -> None:
    key = ReviewAuth(store.db).create_login()
    response = await client.get(f"/review/login?key={key}", allow_redirects=False)
    assert response.status == 303


async def test_login_link_sets_the_cookie_once_and_drops_the_key(client: TestClient, store: Store) -> None:
    key = ReviewAuth(store.db).create_login()
    first = await client.get(f"/review/login?key={key}", allow_redirects=False)
    assert first.status == 303
    assert first.headers["Location"] == "/review"
    cookie = first.headers["Set-Cookie"]
    assert cookie.startswith("bc_review=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/review" in cookie
    assert key not in cookie
    assert key not in (await first.text())
    again = await client.get(f"/review/login?key={key}", allow_redirects=False)
    assert again.status == 401
    assert "Set-Cookie" not in again.headers
    assert key not in await again.text()


async def test_stored_login_keys_and_sessions_are_hashes(store: Store) -> None:
    auth = ReviewAuth(store.db)
    key = auth.create_login()
    stored = [row[0] for row in store.db.conn.execute("SELECT key_hash FROM review_logins")]
    assert stored == [hashlib.sha256(key.encode()).hexdigest()]
    session = auth.redeem(key)
    assert session and auth.valid(session)
    assert session not in [row[0] for row in store.db.conn.execute("SELECT id_hash FROM review_sessions")]


async def test_expired_and_made_up_keys_do_not_log_in(client: TestClient, store: Store) -> None:
    key = ReviewAuth(store.db).create_login()
    with store.db.write() as conn:
        conn.execute("UPDATE review_logins SET expires_at = '2000-01-01T00:00:00.000000Z'")
    for attempt in (key, "A" * 43, "", "../../etc"):
        response = await client.get("/review/login", params={"key": attempt}, allow_redirects=False)
        assert response.status == 401, attempt
        assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example", "/v1/posts", "/review/../v1/health", "/review/events/lt13"])
async def test_next_stays_on_the_review_page(client: TestClient, store: Store, target: str) -> None:
    key = ReviewAuth(store.db).create_login()
    response = await client.get("/review/login", params={"key": key, "next": target}, allow_redirects=False)
    assert response.headers["Location"] == (target if target == "/review/events/lt13" else "/review")


@pytest.mark.parametrize("path", PAGES + ["/review/media/1", "/review/events/lt13/export?format=md", "/review/outside"])
async def test_without_the_cookie_every_review_address_is_401(client: TestClient, path: str) -> None:
    response = await client.get(path)
    assert response.status == 401
    assert (await response.json())["error"]["code"] == "unauthorized"


async def test_the_token_does_not_open_the_review_page(client: TestClient) -> None:
    response = await client.get("/review", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status == 401


async def test_foreign_origins_and_rebinding_hosts_are_refused_even_with_the_cookie(client: TestClient, store: Store) -> None:
    await _login(client, store)
    assert (await client.get("/review", headers={"Origin": "https://evil.example"})).status == 403
    assert (await client.get("/review", headers={"Host": "evil.example:80"})).status == 403
    key = ReviewAuth(store.db).create_login()
    assert (await client.get(f"/review/login?key={key}", headers={"Host": "evil.example"}, allow_redirects=False)).status == 403


@pytest.mark.parametrize("path", PAGES)
async def test_pages_carry_the_strict_csp_and_no_inline_code(client: TestClient, store: Store, path: str) -> None:
    await _login(client, store)
    response = await client.get(path)
    assert response.status == 200
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    html = await response.text()
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/review/static/review.js" defer>']
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)


async def test_event_page_shows_sessions_threads_charts_and_thanks(client: TestClient, store: Store) -> None:
    await _login(client, store)
    html = await (await client.get("/review/events/lt13")).text()
    assert html.index("Learning in the flow of work") < html.index("Measuring informal learning")
    assert "Posts per session" in html and "<svg" in html and "<rect" in html
    assert "@priyaraman &amp; friends &lt;3" in html  # the archive's text, unescaped once and escaped for HTML once
    assert 'href="https://example.com/slides" rel="noopener noreferrer"' in html
    assert "Thank you @priyaraman" in html
    assert re.search(r'<img src="/review/media/\d+"', html)


async def test_photos_are_served_by_id_only(client: TestClient, store: Store) -> None:
    await _login(client, store)
    media_id = store.db.conn.execute("SELECT id FROM post_media WHERE file IS NOT NULL").fetchone()[0]
    response = await client.get(f"/review/media/{media_id}")
    assert response.status == 200
    assert response.headers["Content-Type"] == "image/jpeg"
    assert await response.read() == jpeg()
    assert "sandbox" in response.headers["Content-Security-Policy"]
    for bad in ("999999", "abc", "..%2F..%2Fbackchannel.sqlite3"):
        assert (await client.get(f"/review/media/{bad}")).status == 404


async def test_static_files_are_a_fixed_list(client: TestClient, store: Store) -> None:
    await _login(client, store)
    assert (await client.get("/review/static/review.js")).headers["Content-Type"].startswith("text/javascript")
    for bad in ("auth.py", "..%2Fauth.py", "review.css.bak"):
        assert (await client.get(f"/review/static/{bad}")).status == 404


@pytest.mark.parametrize(("fmt", "kind"), [("md", "text/markdown"), ("html", "text/html"), ("json", "application/json"), ("csv", "text/csv")])
async def test_exports_download(client: TestClient, store: Store, fmt: str, kind: str) -> None:
    await _login(client, store)
    response = await client.get(f"/review/events/lt13/export?format={fmt}")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith(kind)
    assert response.headers["Content-Disposition"] == f'attachment; filename="lt13-notes.{fmt}"'
    assert "sandbox" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(("path", "status"), [("/review/events/nope", 404), ("/review/events/lt13?session=x", 422), ("/review/events/lt13?has=nope", 422),
                                              ("/review/events/lt13/export?format=docx", 422)])
async def test_mistakes_are_pages_with_the_right_status(client: TestClient, store: Store, path: str, status: int) -> None:
    await _login(client, store)
    response = await client.get(path)
    assert response.status == status
    assert response.headers["Content-Type"].startswith("text/html")
    assert response.headers["Content-Security-Policy"] == CSP


async def test_logout_needs_the_page_origin_and_ends_the_session(client: TestClient, store: Store) -> None:
    await _login(client, store)
    assert (await client.post("/review/logout")).status == 403
    own = f"http://127.0.0.1:{client.port}"
    response = await client.post("/review/logout", headers={"Origin": own, "Host": f"127.0.0.1:{client.port}"})
    assert response.status == 200
    assert (await client.get("/review")).status == 401


def test_cli_review_needs_a_running_helper(tmp_path: Path) -> None:
    from tests.support.cli import backchannel

    result = backchannel(tmp_path, "review", "--no-open")
    assert result.returncode == 2
    assert "not running" in result.stderr
    assert "key=" not in result.stdout


async def test_error_pages_are_styled_and_show_commands_as_code(client: TestClient) -> None:
    assert (await client.get("/review/static/review.css")).status == 200  # no cookie needed: error pages are styled too
    spent = await client.get("/review/login?key=made-up")
    html = await spent.text()
    assert spent.status == 401 and '<link rel="stylesheet" href="/review/static/review.css">' in html
    assert "<code>backchannel review</code>" in html and "`" not in html
    page = await client.get("/review", headers={"Accept": "text/html,application/xhtml+xml"})
    assert page.status == 401 and page.headers["Content-Type"].startswith("text/html")
    assert "<code>backchannel review</code>" in await page.text()


async def test_the_session_filter_lists_only_sessions_posted_from_and_the_counts_follow_the_filter(client: TestClient, store: Store) -> None:
    store.events.add_session("lt13", title="Nobody posted here", start=datetime(2013, 1, 30, 14, tzinfo=timezone.utc),
                             end=datetime(2013, 1, 30, 15, tzinfo=timezone.utc), room="C3")
    await _login(client, store)
    html = await (await client.get("/review/events/lt13")).text()
    options = re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', html)
    assert any("Learning in the flow of work" in o for o in options)
    assert not any("Nobody posted here" in o for o in options)
    assert "4 posts from 2 sessions" in html and "times in Europe/London" in html
    filtered = await (await client.get("/review/events/lt13?has=photos")).text()
    assert "Showing 1 of 4 posts, from 1 session" in filtered


async def test_search_says_how_many_match_and_marks_the_words(client: TestClient, store: Store) -> None:
    await _login(client, store)
    html = await (await client.get("/review/search?q=learning")).text()
    assert "2 posts match." in html
    assert "<mark>Learning</mark> in the flow" in html and "Most <mark>learning</mark> happens" in html
    one = await (await client.get("/review/search?q=flow")).text()
    assert "1 post matches." in one
    assert "GMT" in html  # the post's time says its zone


async def test_posts_outside_any_event_have_their_page(client: TestClient, store: Store) -> None:
    await _login(client, store)
    index = await (await client.get("/review")).text()
    assert '<a href="/review/outside">3 of them outside any event</a>' in index
    html = await (await client.get("/review/outside")).text()
    assert "Unrelated holiday photo" in html and "Back at #LT13 next year?" in html and "@someone agreed!" in html
    assert "Most learning happens at work" not in html


async def test_the_html_write_up_carries_its_photos(client: TestClient, store: Store) -> None:
    await _login(client, store)
    html = await (await client.get("/review/events/lt13/export?format=html")).text()
    assert re.search(r'<img src="data:image/jpeg;base64,[A-Za-z0-9+/=]{100,}"', html)


async def test_charts_have_values_and_axes(client: TestClient, store: Store) -> None:
    await _login(client, store)
    html = await (await client.get("/review/events/lt13")).text()
    assert re.search(r'<text [^>]*class="value">3</text>', html)  # the per-session bar's value
    assert re.search(r'<line x1="0" y1="0" x2="0" y2="[\d.]+" class="axis"/>', html)  # the bars' baseline
    assert "<desc>Learning in the flow of work: 3 posts" in html
