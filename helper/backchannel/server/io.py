"""Reading JSON bodies and writing JSON responses, the same way everywhere."""

from __future__ import annotations

import asyncio
import json
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, TypeVar

import orjson
from aiohttp import web
from multidict import CIMultiDict
from pydantic import BaseModel, ValidationError

from backchannel.errors import BadRequest, InvalidInput, NotFound, PayloadTooLarge, RequestTimeout, UnsupportedMediaType
from backchannel.server import limits
from backchannel.server.models import SQL_INT_MAX, SQL_INT_MIN

M = TypeVar("M", bound=BaseModel)

# On every answer: never sniffed, never cached, never framed, never embedded elsewhere.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

# Every JSON answer's headers, built once: the response copies a CIMultiDict at C speed.
_JSON_HEADERS = CIMultiDict({**SECURITY_HEADERS, "Content-Type": "application/json"})

MAX_JSON_BYTES = 1024 * 1024  # 1 MiB: far above any draft, far below harm


async def read_json(request: web.Request, model: type[M]) -> M:
    """The body as ``model``; 415, 400 or 422 with a readable reason otherwise."""
    # The exact header the extension sends skips aiohttp's header parsing.
    if request.headers.get("Content-Type") != "application/json" and request.content_type != "application/json":
        raise UnsupportedMediaType(f"Send JSON with `Content-Type: application/json` (got {request.content_type or 'none'}).")
    _refuse_declared_size(request, MAX_JSON_BYTES)
    raw = await _body(request)
    if not raw.strip():
        raise BadRequest("The request body is empty; send a JSON object.")
    try:
        # pydantic parses and validates in one pass (and checks UTF-8): the common case stays cheap.
        return model.model_validate_json(raw)
    except ValidationError as exc:
        invalid = [err for err in exc.errors() if err["type"] == "json_invalid"]
        if invalid:
            _explain_bad_json(raw, invalid[0]["msg"])
        if not _is_root_model(model) and any(err["type"] == "model_type" and not err["loc"] for err in exc.errors()):
            raise BadRequest(f"The request body must be a JSON object, not {_json_kind(raw)}.") from None
        raise


async def _body(request: web.Request) -> bytes:
    """The whole body, within ``MAX_JSON_BYTES``.

    A draft arrives in the same packet as its headers: when the body is all there, it is
    taken without the read loop's awaits."""
    content = request.content
    if content.is_eof() and request.content_length is not None:
        return content.read_nowait()
    async with receiving():
        return await request.read()


def _refuse_declared_size(request: web.Request, limit: int) -> None:
    """413 on the declared Content-Length alone: the answer goes out before the body is sent."""
    if request.content_length is not None and request.content_length > limit:
        raise PayloadTooLarge(f"The body is {request.content_length} bytes; the limit is {_mib(limit)}.")


def _mib(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB"


@asynccontextmanager
async def receiving() -> AsyncIterator[None]:
    """Reading a request body: within ``limits.BODY_SECONDS``, and a client that goes away is no error of ours.

    A stalled client gets 408; one that closes the connection mid-body gets a 400
    nobody reads, instead of a traceback in the log."""
    try:
        async with asyncio.timeout(limits.BODY_SECONDS):
            yield
    except TimeoutError:
        raise RequestTimeout(f"The request body did not arrive within {limits.BODY_SECONDS:g} s.") from None
    except ConnectionError:  # aiohttp's "Connection lost" when the client leaves mid-body
        raise BadRequest("The connection closed before the request body was complete.") from None


def _explain_bad_json(raw: bytes, parser_message: str) -> None:
    """Raise BadRequest saying where a body stops being UTF-8 or JSON (the slow path, for errors only)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"The request body is not valid UTF-8 (byte {exc.start}).") from None
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadRequest(f"The request body is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from None
    except RecursionError:
        raise BadRequest("The request body is nested too deeply.") from None
    except ValueError:
        # Python's parser refuses integers over sys.get_int_max_str_digits() digits, as pydantic's does.
        raise BadRequest("The request body has a number too long to read.") from None
    # Valid to Python's parser but not to the strict one: a lone surrogate escape, or too deep.
    raise BadRequest(f"The request body is not valid JSON: {parser_message.removeprefix('Invalid JSON: ')}.")


_KINDS = {ord("["): "an array", ord('"'): "a string", ord("t"): "a boolean", ord("f"): "a boolean", ord("n"): "null"}


def _json_kind(raw: bytes) -> str:
    """What a valid JSON body that is not an object is, named from its first byte (no second parse)."""
    first = raw.lstrip(b" \t\r\n")[:1]
    return _KINDS.get(first[0], "a number") if first else "nothing"


def _is_root_model(model: type[BaseModel]) -> bool:
    return "root" in model.model_fields


def json_response(payload: Any, status: int = 200) -> web.Response:
    # orjson: serialising the answer is a fifth of a check's cost with the standard library.
    return web.Response(status=status, body=orjson.dumps(payload), headers=_JSON_HEADERS)


async def read_bytes(request: web.Request, limit: int) -> bytes:
    """The raw body, refused with 413 as soon as it passes ``limit``."""
    _refuse_declared_size(request, limit)
    chunks: list[bytes] = []
    size = 0
    async with receiving():
        async for chunk in request.content.iter_chunked(64 * 1024):
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge(f"The body is over the limit of {_mib(limit)}.")
            chunks.append(chunk)
    data = b"".join(chunks)
    if not data:
        raise BadRequest("The request body is empty; send the file as the body.")
    return data


def _whole_number(raw: str) -> int | None:
    """``raw`` as a 64-bit integer (what SQLite stores), or None.

    ASCII digits only: str.isdigit() and int() also take "²" or "٣", and int() takes
    "1_000" and spaces, none of which is a number in a URL."""
    digits = raw[1:] if raw[:1] == "-" else raw
    if not digits or len(digits) > 19 or not (digits.isascii() and digits.isdigit()):
        return None
    value = int(raw)
    return value if SQL_INT_MIN <= value <= SQL_INT_MAX else None


def int_param(request: web.Request, name: str, default: int | None) -> int | None:
    """The query parameter ``name`` as a whole number; 422 for anything else."""
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    value = _whole_number(raw)
    if value is None:
        raise InvalidInput(f"{name} must be a whole number, not {raw[:40]!r}.", details={"field": name})
    return value


def path_id(request: web.Request, name: str, what: str) -> int:
    """The row id in the path segment ``name``; 404 when it is not one (no row can have it)."""
    raw = request.match_info[name]
    value = _whole_number(raw)
    if value is None or value < 1:
        raise NotFound(f"There is no such {what} here.", details={name: raw[:40]})
    return value
