from __future__ import annotations

from aiohttp import web

from backchannel import __version__
from backchannel.server.io import json_response
from backchannel.server.keys import STORE


async def health(request: web.Request) -> web.Response:
    store = request.app[STORE]
    migrations = store.db.applied_migrations()
    return json_response(
        {
            "status": "ok",
            "version": __version__,
            "database": {"status": "ok", "migrations": len(migrations), "latest": migrations[-1] if migrations else None},
        }
    )
