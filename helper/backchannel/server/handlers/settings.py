from __future__ import annotations

from aiohttp import web

from backchannel.server.io import json_response, read_json
from backchannel.server.keys import STORE
from backchannel.server.models import SettingsUpdate
from backchannel.settings import SETTINGS, Settings


def settings_to_dict(settings: Settings) -> dict[str, object]:
    return {
        "settings": {
            name: {"value": settings.get(name), "default": row.default, "help": row.help}
            for name, row in SETTINGS.items()
        }
    }


async def get_settings(request: web.Request) -> web.Response:
    return json_response(settings_to_dict(request.app[STORE].settings.load()))


async def put_settings(request: web.Request) -> web.Response:
    body = await read_json(request, SettingsUpdate)
    store = request.app[STORE]
    changes = body.root
    active = changes.get("active_event")
    if active and isinstance(active, str):  # any other type is refused by the settings' own check below
        store.events.get_event(active)  # NotFound for an unknown event
    return json_response(settings_to_dict(store.settings.update(changes)))
