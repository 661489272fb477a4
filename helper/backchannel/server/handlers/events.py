from __future__ import annotations

from typing import Any

from aiohttp import web

from backchannel.context import SpeakerInfo
from backchannel.errors import InvalidInput
from backchannel.server.io import json_response, path_id, read_json
from backchannel.server.keys import STORE
from backchannel.server.models import EventCreate, EventPatch, SessionCreate, SessionPatch
from backchannel.timeutil import parse_instant


async def list_events(request: web.Request) -> web.Response:
    store = request.app[STORE]
    active = store.active_event()
    return json_response(
        {"events": [e.to_dict() for e in store.events.list_events()], "active": active.slug if active else None}
    )


async def create_event(request: web.Request) -> web.Response:
    body = await read_json(request, EventCreate)
    event = request.app[STORE].events.create_event(**body.model_dump())
    answer = event.to_dict()
    if "time_zone" not in body.model_fields_set:
        # Every time typed or shown for the event depends on its zone: say that it was not given.
        answer["notes"] = [
            "No time_zone given: the event's times are read and shown in UTC until a programme import brings the venue's zone "
            "or you set time_zone (an IANA name such as Europe/Berlin)."
        ]
    return json_response(answer, status=201)


async def get_event(request: web.Request) -> web.Response:
    return json_response(request.app[STORE].events.get_event(request.match_info["slug"]).to_dict())


async def patch_event(request: web.Request) -> web.Response:
    body = await read_json(request, EventPatch)
    changes = body.model_dump(exclude_unset=True)
    events = request.app[STORE].events
    slug = request.match_info["slug"]
    if "posting_policy" in changes:  # the organisers' words, kept apart from the card's fields
        events.set_posting_policy(slug, changes.pop("posting_policy"))
    event = events.update_event(slug, changes) if changes else events.get_event(slug)
    return json_response(event.to_dict())


async def list_sessions(request: web.Request) -> web.Response:
    sessions = request.app[STORE].events.list_sessions(request.match_info["slug"])
    return json_response({"sessions": [s.to_dict() for s in sessions]})


async def create_session(request: web.Request) -> web.Response:
    body = await read_json(request, SessionCreate)
    store = request.app[STORE]
    event = store.events.get_event(request.match_info["slug"])
    session = store.events.add_session(
        event.slug,
        title=body.title,
        start=parse_instant(body.start, default_zone=event.time_zone, field="start"),
        end=parse_instant(body.end, default_zone=event.time_zone, field="end"),
        room=body.room,
        track=body.track,
        code=body.code,
        tag=body.tag,
        speakers=[SpeakerInfo(s.name, dict(s.handles)) for s in body.speakers],
        url=body.url,
        abstract=body.abstract,
    )
    return json_response(session.to_dict(), status=201)


async def patch_session(request: web.Request) -> web.Response:
    body = await read_json(request, SessionPatch)
    store = request.app[STORE]
    event = store.events.get_event(request.match_info["slug"])
    changes: dict[str, Any] = {}
    session_id = path_id(request, "session_id", "session")
    if "do_not_post" in body.model_fields_set:  # the user's own mark, which a re-import keeps
        store.events.mark_do_not_post(event.slug, session_id, body.do_not_post)
    for name in body.model_fields_set - {"do_not_post"}:
        value = getattr(body, name)
        if name in ("title", "start", "end") and value is None:
            raise InvalidInput(f"A session's {name} can be changed but not cleared.", details={"field": name})
        if name in ("start", "end"):
            value = parse_instant(value, default_zone=event.time_zone, field=name)
        elif name == "speakers":
            value = [SpeakerInfo(s.name, dict(s.handles)) for s in value or []]
        changes[name] = value
    session = store.events.update_session(event.slug, session_id, changes) if changes else store.events.get_session(session_id, event=event.slug)
    return json_response(session.to_dict())


async def delete_session(request: web.Request) -> web.Response:
    removed = request.app[STORE].events.remove_session(request.match_info["slug"], path_id(request, "session_id", "session"))
    return json_response({"removed": removed.to_dict()})
