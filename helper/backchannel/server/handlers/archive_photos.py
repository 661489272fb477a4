"""The archive's photos, read in the background by the helper: how far it is, and starting it.

The reading itself is ``coach/held_photos.ArchiveReader``; this module only
answers for it. It starts with the helper when photos are left unread, and
again when asked (``backchannel import-archive`` asks after an import).
"""

from __future__ import annotations

from aiohttp import web

from backchannel.coach.held_photos import ArchiveReader
from backchannel.server.io import json_response

ARCHIVE_PHOTOS: web.AppKey[ArchiveReader] = web.AppKey("archive_photos", ArchiveReader)


async def status(request: web.Request) -> web.Response:
    """How many of the held photos are read, and whether the helper is reading them now."""
    return json_response(request.app[ARCHIVE_PHOTOS].status())


async def start(request: web.Request) -> web.Response:
    """Read the photos not read yet, in the background; 202 with the status (a reading under way goes on)."""
    reader = request.app[ARCHIVE_PHOTOS]
    reader.start()
    return json_response(reader.status(), status=202)
