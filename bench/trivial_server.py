"""The floor: a trivial aiohttp JSON POST handler, run the same way as the helper."""

from __future__ import annotations

import sys

from aiohttp import web


async def handle(request: web.Request) -> web.Response:
    payload = await request.json()
    return web.json_response({"length": len(payload.get("text", ""))})


def main() -> None:
    app = web.Application()
    app.router.add_post("/v1/check", handle)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=lambda *a: print("ready", flush=True))


if __name__ == "__main__":
    main()
