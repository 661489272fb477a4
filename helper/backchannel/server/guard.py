"""Who may call the helper: Host, Origin and token checks, in that order.

``guard`` is the application's one aiohttp middleware (app.py), so every
request passes it, whichever route (or the catch-all for unknown addresses
and methods, routes.py) answers it; nothing reaches a handler unguarded.
It does two jobs:
1. the guard, in this order:
   Host: only 127.0.0.1, localhost or [::1] with the port we listen on, so a
   DNS-rebinding page (evil.example resolving to 127.0.0.1) is refused.
   Origin: a request that says where it comes from must come from the
   extension or from the helper's own pages; every web page is refused.
   Token: every API call carries ``Authorization: Bearer <token>``; the
   review page (/review) carries its session cookie instead;
2. errors: anything raised by the guard or the handler becomes the one error
   shape, and every answer carries the security headers.
There are no CORS headers at all: the extension's background worker does
not need them, and no web page may read a response.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Awaitable, Callable

from aiohttp import web

from backchannel.errors import BackchannelError, Forbidden, Unauthorized
from backchannel.local.identity import is_extension_origin
from backchannel.review.auth import check_review_request, is_review_path
from backchannel.server.auth import TokenSource
from backchannel.server.errors import to_response
from backchannel.server.io import SECURITY_HEADERS
from backchannel.server.keys import STORE

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

TOKEN_KEY: web.AppKey[TokenSource] = web.AppKey("token", TokenSource)



def local_port(request: web.Request) -> int | None:
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    return int(sockname[1]) if sockname else None


@lru_cache(maxsize=8)
def allowed_hosts(port: int | None) -> frozenset[str]:
    return frozenset({f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"})


@lru_cache(maxsize=8)
def own_origins(port: int | None) -> frozenset[str]:
    """The helper's own pages (the review page) as an Origin header names them."""
    return frozenset(f"http://{host}" for host in allowed_hosts(port))


def check_caller(request: web.Request) -> None:
    """Host, then Origin, then token: the first that fails decides the answer."""
    port = local_port(request)
    hosts = allowed_hosts(port)
    if (request.headers.get("Host") or "").lower() not in hosts:
        raise Forbidden("This helper only answers requests addressed to 127.0.0.1, localhost or [::1] on its own port.")
    origin = request.headers.get("Origin")
    if origin is not None and not (is_extension_origin(origin) or origin.lower() in own_origins(port)):
        raise Forbidden("Web pages may not talk to this helper; only the Backchannel Coach extension may.")
    if request.path.startswith("/v1/") or request.path == "/v1":
        header = request.headers.get("Authorization", "")
        scheme, _, presented = header.partition(" ")
        if scheme.lower() != "bearer" or not presented.strip():
            raise Unauthorized("This call needs the helper's token: send `Authorization: Bearer <token>` (`backchannel token` shows it).")
        if not request.app[TOKEN_KEY].matches(presented.strip()):
            raise Unauthorized("The token is not the helper's token. Pair again (`backchannel token` shows the current one).")
    elif is_review_path(request.path):
        # The review page is opened by a person, not the extension: it proves itself with its
        # session cookie (from the one-time login link) instead of the token.
        check_review_request(request, request.app[STORE].db, own_origins(port))


def _wants_page(request: web.Request) -> bool:
    return "text/html" in request.headers.get("Accept", "")


NO_ROUTE = "no-route"  # the catch-all's name in the URL table


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The request behind the guard, with every failure mapped to the one error shape."""
    try:
        check_caller(request)
        response = await handler(request)
    except (BackchannelError, web.HTTPException, Exception) as exc:  # noqa: BLE001 - the one place errors are mapped
        response = to_response(exc)
        if isinstance(exc, BackchannelError) and exc.status < 500 and is_review_path(request.path) and _wants_page(request):
            # A person's browser on the review page gets a page saying what to do, not JSON.
            from backchannel.server.handlers.review import error_page

            response = error_page(exc.status, "This page needs you to log in" if exc.status == 401 else "That did not work", exc.message)
    if "X-Content-Type-Options" not in response.headers:  # answers not made by json_response
        response.headers.update(SECURITY_HEADERS)
    return response


async def no_route(request: web.Request) -> web.StreamResponse:
    """The catch-all: 405 (with Allow) when the address exists for other methods, else 404."""
    allowed: set[str] = set()
    for resource in request.app.router.resources():
        if resource.name == NO_ROUTE:
            continue
        match, methods = await resource.resolve(request)
        if match is None:
            allowed |= methods
    if allowed:
        raise web.HTTPMethodNotAllowed(request.method, sorted(allowed))
    raise web.HTTPNotFound()
