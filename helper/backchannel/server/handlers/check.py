from __future__ import annotations

from aiohttp import web

from backchannel.checker import check_draft
from backchannel.models import CheckRequest
from backchannel.server.handlers.photos import attached_photos
from backchannel.server.io import json_response, read_json
from backchannel.server.keys import STORE


async def check(request: web.Request) -> web.Response:
    body = await read_json(request, CheckRequest)
    store = request.app[STORE]
    situation = store.situation(event=body.event, session=body.session, at=body.at, room=body.room, text=body.text)
    photos = attached_photos(request.app, body.media) if body.media else ()
    result = check_draft(
        body.text, platform=body.platform, reply_to=body.reply_to, photos=photos,
        event=situation.event, session=situation.session, settings=situation.settings, history=situation.history,
    )
    payload = result.to_dict()
    payload["event"] = situation.event.slug if situation.event else None
    payload["session"] = situation.session.id if situation.session else None
    return json_response(payload)
