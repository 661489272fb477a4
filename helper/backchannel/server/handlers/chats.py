"""Weekly chats over HTTP: add and list them, what is live, questions as they arrive, answers by question."""

from __future__ import annotations

from datetime import date

from aiohttp import web

from backchannel.coach import chats as use
from backchannel.errors import InvalidInput
from backchannel.server.io import json_response, read_json
from backchannel.server.keys import STORE
from backchannel.server.models import ChatCreate, QuestionIn
from backchannel.timeutil import parse_instant


async def list_chats(request: web.Request) -> web.Response:
    return json_response({"chats": [c.to_dict() for c in request.app[STORE].chats.list_chats()]})


async def create_chat(request: web.Request) -> web.Response:
    body = await read_json(request, ChatCreate)
    chat = request.app[STORE].chats.add_chat(**body.model_dump())
    return json_response(chat.to_dict(), status=201)


async def delete_chat(request: web.Request) -> web.Response:
    removed = request.app[STORE].chats.remove_chat(request.match_info["slug"])
    return json_response({"removed": removed.to_dict()})


async def live(request: web.Request) -> web.Response:
    raw = request.query.get("at")
    at = parse_instant(raw, field="at") if raw else None
    return json_response({"live": use.live(request.app[STORE], at)})


async def add_question(request: web.Request) -> web.Response:
    body = await read_json(request, QuestionIn)
    store = request.app[STORE]
    chat = store.chats.get_chat(request.match_info["slug"])
    at = parse_instant(body.at, default_zone=chat.time_zone, field="at") if body.at else None
    on = None
    if body.on:
        try:
            on = date.fromisoformat(body.on)
        except ValueError:
            raise InvalidInput(f"on takes a date such as 2026-12-08, not {body.on!r}.", details={"field": "on"}) from None
        if at is None:
            raise InvalidInput("A question published in advance needs its time (at) too.", details={"field": "at"})
    question = use.add_question(
        store, chat.slug, body.text, at=at, number=body.number, on=on, source=body.source, remote_id=body.remote_id, author=body.author,
    )
    return json_response(question.to_dict(), status=201)


async def answers(request: web.Request) -> web.Response:
    raw = request.query.get("weeks", "12")
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= 520:
        raise InvalidInput(f"weeks takes 1 to 520, not {raw!r}.", details={"field": "weeks"})
    until = request.query.get("at")
    at = parse_instant(until, field="at") if until else None
    chat, runs = use.answers_by_question(request.app[STORE], request.match_info["slug"], weeks=int(raw), at=at)
    return json_response({"chat": chat.to_dict(), "runs": [r.to_dict() for r in runs]})
