"""Reading JSON bodies and writing JSON responses, the same way everywhere."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel

from backchannel.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType

M = TypeVar("M", bound=BaseModel)

MAX_JSON_BYTES = 1024 * 1024  # 1 MiB: far above any draft, far below harm


async def read_json(request: web.Request, model: type[M]) -> M:
    """The body as ``model``; 415, 400 or 422 with a readable reason otherwise."""
    if request.content_type != "application/json":
        raise UnsupportedMediaType(f"Send JSON with `Content-Type: application/json` (got {request.content_type or 'none'}).")
    raw = await request.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"The request body is not valid UTF-8 (byte {exc.start}).") from None
    if not text.strip():
        raise BadRequest("The request body is empty; send a JSON object.")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadRequest(f"The request body is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from None
    except RecursionError:
        raise BadRequest("The request body is nested too deeply.") from None
    if not isinstance(data, dict) and not _is_root_model(model):
        raise BadRequest(f"The request body must be a JSON object, not {type(data).__name__}.")
    return model.model_validate(data)


def _is_root_model(model: type[BaseModel]) -> bool:
    return "root" in model.model_fields


def json_response(payload: Any, status: int = 200) -> web.Response:
    return web.Response(status=status, text=json.dumps(payload, ensure_ascii=False), content_type="application/json")


async def read_bytes(request: web.Request, limit: int) -> bytes:
    """The raw body, refused with 413 as soon as it passes ``limit``."""
    if request.content_length is not None and request.content_length > limit:
        raise PayloadTooLarge(f"The body is {request.content_length} bytes; the limit is {limit // (1024 * 1024)} MiB.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"The body is over the limit of {limit // (1024 * 1024)} MiB.")
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data:
        raise BadRequest("The request body is empty; send the file as the body.")
    return data
