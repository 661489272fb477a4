"""The review page: login by one-time link, events, search, photos, export.

Every answer carries the page's strict CSP (no inline script or style, only
this helper's own files); errors a person can cause are shown as a page
with the right status. The guard (guard.py) has already checked Host,
Origin and the session cookie, except for the login link itself.
"""

from __future__ import annotations

import functools
import re
from typing import Awaitable, Callable

from aiohttp import web

from backchannel.coach.chats import answers_by_question, answers_markdown
from backchannel.coach.export import export_event
from backchannel.errors import BackchannelError, InvalidInput, NotFound
from backchannel.history.media import content_type
from backchannel.review import views
from backchannel.review.auth import COOKIE, SESSION_TTL, ReviewAuth
from backchannel.review.render import STATIC, render
from backchannel.review.worker import PageWorker
from backchannel.server.handlers.archive_photos import ARCHIVE_PHOTOS
from backchannel.server.io import SECURITY_HEADERS, path_id
from backchannel.server.keys import STORE
from backchannel.store import Store

REVIEW_CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self';"
    " frame-ancestors 'none'; base-uri 'none'"
)
PAGE_HEADERS = {**SECURITY_HEADERS, "Content-Security-Policy": REVIEW_CSP}
# Downloads and photos are never documents: no script, no styles, a sandbox if anything renders them.
FILE_HEADERS = {**SECURITY_HEADERS, "Content-Security-Policy": "default-src 'none'; sandbox"}
STATIC_FILES = {"review.css": "text/css", "review.js": "text/javascript"}
EXPORT_TYPES = {"md": "text/markdown", "html": "text/html", "json": "application/json", "csv": "text/csv"}
PAGES: web.AppKey[PageWorker] = web.AppKey("review_pages", PageWorker)
_NEXT = re.compile(r"^/review(?:/[A-Za-z0-9._~-]+)*/?$")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def page(body: str, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(status=status, text=body, content_type="text/html", charset="utf-8", headers={**PAGE_HEADERS, **(headers or {})})


def redirect(location: str) -> web.Response:
    return web.Response(status=303, headers={**PAGE_HEADERS, "Location": location})


def error_page(status: int, title: str, message: str) -> web.Response:
    return page(render("error.html", title=title, message=message, signed_in=False), status)


def html_errors(handler: Handler) -> Handler:
    """A person's mistake (an unknown event, a bad filter) becomes a page, not JSON."""

    @functools.wraps(handler)
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except BackchannelError as exc:
            if exc.status >= 500:
                raise
            return error_page(exc.status, "That did not work", exc.message)

    return wrapped


async def login(request: web.Request) -> web.Response:
    if request.method == "HEAD":
        # A link checker or a preview asking about the link must not spend it: only a GET does.
        return page("")
    # Never echo, log or redirect with the key: it is spent here, and the cookie takes over.
    session_id = ReviewAuth(request.app[STORE].db).redeem(request.query.get("key", ""))
    if session_id is None:
        return error_page(
            401, "This login link does not work any more",
            "Login links work once, for a few minutes. Run `backchannel review` for a new one.",
        )
    target = request.query.get("next", "/review")
    safe = _NEXT.match(target) and "//" not in target and not {".", ".."} & set(target.split("/"))
    response = redirect(target if safe else "/review")
    response.set_cookie(
        COOKIE, session_id, path="/review", httponly=True, samesite="Strict", max_age=int(SESSION_TTL.total_seconds()),
    )
    return response


async def logout(request: web.Request) -> web.Response:
    ReviewAuth(request.app[STORE].db).end(request.cookies.get(COOKIE))
    response = page(render("error.html", title="Logged out", message="Run `backchannel review` to open the page again.", signed_in=False))
    response.del_cookie(COOKIE, path="/review")
    return response


# Pages are gathered and rendered off the event loop (see review/worker.py).


@html_errors
async def index(request: web.Request) -> web.Response:
    reader = request.app[ARCHIVE_PHOTOS]
    return page(await request.app[PAGES].run(
        lambda store: render("index.html", **views.index_view(store), chats=store.chats.list_chats(), archive_photos=reader.progress_line(store))
    ))


@html_errors
async def event(request: web.Request) -> web.Response:
    filters = views.Filters.parse(request.query)
    slug = request.match_info["slug"]
    return page(await request.app[PAGES].run(lambda store: render("event.html", **views.event_view(store, slug, filters))))


@html_errors
async def search(request: web.Request) -> web.Response:
    q = (request.query.get("q") or "").strip()
    if not q:
        return redirect("/review")
    event_slug = request.query.get("event") or None
    return page(await request.app[PAGES].run(lambda store: render("search.html", **views.search_view(store, q[:500], event_slug))))


@html_errors
async def outside(request: web.Request) -> web.Response:
    before = request.query.get("before") or None
    return page(await request.app[PAGES].run(lambda store: render("outside.html", **views.outside_view(store, before))))


@html_errors
async def export(request: web.Request) -> web.Response:
    fmt = request.query.get("format", "md")
    slug = request.match_info["slug"]
    # The HTML write-up is one file: it carries the photos the page shows, not links to this helper.
    body = await request.app[PAGES].run(
        lambda store: export_event(store, slug, fmt).text
    )
    disposition = f'attachment; filename="{slug}-notes.{fmt}"'
    return web.Response(
        text=body, content_type=EXPORT_TYPES[fmt], charset="utf-8", headers={**FILE_HEADERS, "Content-Disposition": disposition}
    )


def _weeks(request: web.Request) -> int:
    raw = request.query.get("weeks", "12")
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= 520:
        raise InvalidInput(f"weeks takes 1 to 520, not {raw!r}.", details={"field": "weeks"})
    return int(raw)


@html_errors
async def chat(request: web.Request) -> web.Response:
    """A weekly chat: each run, one's answers under the question they answer."""
    slug, weeks = request.match_info["slug"], _weeks(request)

    def build(store: Store) -> str:
        found, runs = answers_by_question(store, slug, weeks=weeks)
        return render("chat.html", chat=found, runs=runs, weeks=weeks)

    return page(await request.app[PAGES].run(build))


@html_errors
async def chat_export(request: web.Request) -> web.Response:
    slug, weeks = request.match_info["slug"], _weeks(request)
    body = await request.app[PAGES].run(lambda store: answers_markdown(*answers_by_question(store, slug, weeks=weeks)))
    disposition = f'attachment; filename="{slug}-answers.md"'
    return web.Response(text=body, content_type="text/markdown", charset="utf-8", headers={**FILE_HEADERS, "Content-Disposition": disposition})


async def media(request: web.Request) -> web.Response:
    """A kept photo, found by its id in the database: never by a path from the request."""
    store = request.app[STORE]
    medium = store.history.posts.media(path_id(request, "media_id", "photo"))
    path = store.history.media.path(medium.file) if medium is not None and medium.file else None
    if path is None:
        raise NotFound("There is no such photo here.", details={"media_id": request.match_info["media_id"]})
    return web.Response(body=path.read_bytes(), content_type=content_type(path.name), headers={**FILE_HEADERS, "Content-Disposition": "inline"})


async def static(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in STATIC_FILES:
        raise NotFound("There is no such file here.", details={"file": name})
    return web.Response(body=(STATIC / name).read_bytes(), content_type=STATIC_FILES[name], charset="utf-8", headers=PAGE_HEADERS)
