"""The application factory: wires the store, the token, the guard and the routes."""

from __future__ import annotations

from aiohttp import web

from backchannel.coach.held_photos import ArchiveReader
from backchannel.review.worker import PageWorker
from backchannel.server.auth import TokenSource
from backchannel.server.guard import TOKEN_KEY, guard
from backchannel.server.handlers.archive_photos import ARCHIVE_PHOTOS
from backchannel.server.handlers.photos import PHOTOS, PhotoDesk
from backchannel.server.handlers.review import PAGES
from backchannel.server.io import MAX_JSON_BYTES
from backchannel.server.keys import STORE
from backchannel.server.routes import setup_routes
from backchannel.store import Store


def create_app(store: Store, token: str | TokenSource) -> web.Application:
    app = web.Application(client_max_size=MAX_JSON_BYTES, middlewares=[guard])
    app[STORE] = store
    app[TOKEN_KEY] = token if isinstance(token, TokenSource) else TokenSource(token)
    app[PHOTOS] = desk = PhotoDesk()  # analysed photos, kept in memory for /v1/check and the fixes
    app[PAGES] = pages = PageWorker(store)  # the review pages, built off the event loop
    # The archive's photos, read in the background and giving way to every live photo.
    app[ARCHIVE_PHOTOS] = ArchiveReader(store, live=lambda: desk.active, live_idle=desk.wait_idle)

    async def read_archive_photos(app: web.Application) -> None:
        app[ARCHIVE_PHOTOS].start()  # photos an earlier run left unread; it ends at once when there are none

    async def close_pages(app: web.Application) -> None:
        await app[ARCHIVE_PHOTOS].stop()
        pages.close()

    app.on_startup.append(read_archive_photos)
    app.on_cleanup.append(close_pages)
    setup_routes(app)
    return app
