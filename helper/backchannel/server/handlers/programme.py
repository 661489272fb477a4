"""Programme import, "what is on now", the pre-event kit, and speakers' handles."""

from __future__ import annotations

import asyncio
import functools

from aiohttp import web

from backchannel.coach import programme as programme_import
from backchannel.coach.now import kit_for, what_is_on
from backchannel.errors import InvalidInput
from backchannel.schedules import MAX_BYTES
from backchannel.server.io import json_response, path_id, read_bytes, read_json
from backchannel.server.keys import STORE
from backchannel.server.models import Platform, SpeakerPatch
from backchannel.timeutil import parse_instant

_PLATFORMS = ("x", "bluesky", "mastodon")


def _platform(request: web.Request) -> Platform:
    value = request.query.get("platform", "x")
    if value not in _PLATFORMS:
        raise InvalidInput(f"platform must be one of {', '.join(_PLATFORMS)}, not {value!r}.", details={"field": "platform"})
    return value  # type: ignore[return-value]


def _flag(request: web.Request, name: str) -> bool:
    value = request.query.get(name, "false").strip().lower()
    if value not in ("true", "false", "1", "0", ""):
        raise InvalidInput(f"{name} is true or false, not {value!r}.", details={"field": name})
    return value in ("true", "1")


async def import_schedule(request: web.Request) -> web.Response:
    """The programme file is the request body, as is; `?format=` skips detection, `?filename=` names it."""
    store = request.app[STORE]
    slug = request.match_info["slug"]
    event = store.events.get_event(slug)  # 404 before reading a large body
    data = await read_bytes(request, MAX_BYTES)
    read = functools.partial(
        programme_import.read, data, event_time_zone=event.time_zone, filename=request.query.get("filename"), format=request.query.get("format") or None
    )
    # Parsing a large programme takes a moment: off the loop, so other calls are not held up.
    programme = await asyncio.get_running_loop().run_in_executor(None, read)
    report = store.programmes.import_programme(
        slug, programme, filename=request.query.get("filename"),
        replace=_flag(request, "replace"), dry_run=_flag(request, "dry_run"), force=_flag(request, "force"),
    )
    return json_response(report.to_dict())


async def now(request: web.Request) -> web.Response:
    store = request.app[STORE]
    event = store.events.get_event(request.match_info["slug"])
    at = request.query.get("at")
    moment = parse_instant(at, default_zone=event.time_zone, field="at") if at else None
    result = what_is_on(store, event.slug, at=moment, room=request.query.get("room") or None, platform=_platform(request))
    return json_response(result.to_dict())


async def kit(request: web.Request) -> web.Response:
    return json_response(kit_for(request.app[STORE], request.match_info["slug"], _platform(request)).to_dict())


async def list_speakers(request: web.Request) -> web.Response:
    speakers = request.app[STORE].speakers.list_speakers(request.match_info["slug"])
    return json_response({"speakers": [s.to_dict() for s in speakers]})


async def patch_speaker(request: web.Request) -> web.Response:
    body = await read_json(request, SpeakerPatch)
    speaker_id = path_id(request, "speaker_id", "speaker")
    speaker = request.app[STORE].speakers.set_handles(request.match_info["slug"], speaker_id, dict(body.handles))
    return json_response(speaker.to_dict())
