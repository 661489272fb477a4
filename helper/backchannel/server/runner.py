"""Run the helper: bind loopback only, publish the address, stop cleanly."""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import signal
import socket
from pathlib import Path
from typing import Callable

from aiohttp import web

from backchannel import __version__
from backchannel.errors import PortInUse
from backchannel.runtime import Runtime, clear_runtime, write_runtime
from backchannel.secrets import ensure_token, load_token, token_generation
from backchannel.server.app import create_app
from backchannel.server.auth import TokenSource
from backchannel.store import Store

log = logging.getLogger(__name__)

DEFAULT_PORT = 28841
# The only addresses the helper ever binds; there is deliberately no option to change them.
LOOPBACK_V4 = "127.0.0.1"
LOOPBACK_V6 = "::1"


def _other_port_hint(port: int) -> str:
    """How to choose another port in the words of whatever started the helper: make's variable, else the option."""
    other = port + 1 if 0 < port < 65535 else 28842
    if os.environ.get("BACKCHANNEL_STARTED_BY") == "make":
        return f"Stop it, or pick another port: make run PORT={other}"
    return f"Stop it, or pick another port: --port {other}"


async def _serve(data_dir: Path, port: int, ready: Callable[[Runtime], None]) -> None:
    store = Store.open(data_dir)
    tokens = TokenSource(ensure_token(data_dir), reload=lambda: load_token(data_dir), generation=lambda: token_generation(data_dir))
    app = create_app(store, tokens)
    runner = web.AppRunner(app, handle_signals=False, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, LOOPBACK_V4, port, reuse_address=False)
        try:
            await site.start()
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(f"Port {port} on 127.0.0.1 is already in use: is another helper running? {_other_port_hint(port)}") from None
            raise
        bound = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        if socket.has_ipv6:
            try:
                await web.TCPSite(runner, LOOPBACK_V6, bound).start()
            except OSError:
                log.info("IPv6 loopback is not available; listening on 127.0.0.1 only")
        runtime = Runtime(url=f"http://{LOOPBACK_V4}:{bound}", port=bound, pid=os.getpid(), version=__version__)
        write_runtime(data_dir, runtime)
        ready(runtime)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
    finally:
        clear_runtime(data_dir, os.getpid())
        await runner.cleanup()
        store.close()


def serve(data_dir: Path, port: int = DEFAULT_PORT, ready: Callable[[Runtime], None] = lambda r: None) -> None:
    asyncio.run(_serve(data_dir, port, ready))
