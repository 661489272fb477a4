from __future__ import annotations

from aiohttp import web

from backchannel.rules import RULES, get_rule
from backchannel.rules.catalogue import rule_to_dict
from backchannel.server.io import json_response
from backchannel.server.keys import STORE


async def list_rules(request: web.Request) -> web.Response:
    settings = request.app[STORE].settings.load()
    return json_response({"rules": [rule_to_dict(rule, settings) for rule in RULES.values()]})


async def show_rule(request: web.Request) -> web.Response:
    settings = request.app[STORE].settings.load()
    return json_response(rule_to_dict(get_rule(request.match_info["code"]), settings))
