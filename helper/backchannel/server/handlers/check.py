from __future__ import annotations

from aiohttp import web

from backchannel.coach.check import check as check_draft
from backchannel.server.handlers.photos import attached_photos
from backchannel.server.io import json_response, read_json
from backchannel.server.keys import STORE
from backchannel.server.models import CheckRequest


async def check(request: web.Request) -> web.Response:
    body = await read_json(request, CheckRequest)
    photos = attached_photos(request.app, body.media) if body.media else ()
    checked = check_draft(
        request.app[STORE], body.text, platform=body.platform, event=body.event, session=body.session, at=body.at, room=body.room,
        reply_to=body.reply_to, photos=photos, chat=body.chat,
    )
    return json_response(checked.to_dict())
