"""Run the helper: bind loopback only, publish the address, stop cleanly."""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Callable

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from backchannel import __version__
from backchannel.errors import PortInUse
from backchannel.local.runtime import Runtime, clear_runtime, write_runtime
from backchannel.local.secrets import ensure_token, load_token, token_generation
from backchannel.server.app import create_app
from backchannel.server.auth import TokenSource
from backchannel.server.limits import HEADER_SECONDS
from backchannel.store import Store

log = logging.getLogger(__name__)

DEFAULT_PORT = 28841
# The only addresses the helper ever binds; there is deliberately no option to change them.
LOOPBACK_V4 = "127.0.0.1"
LOOPBACK_V6 = "::1"
# SO_REUSEADDR, so the helper listens again at once after a crash: a connection that was
# open at `kill -9` leaves the port in FIN-WAIT/TIME-WAIT for a minute, and without it the
# restart (or the native host's autostart) fails "already in use". On POSIX it never lets
# two programs listen on one port, so a running helper is still detected. Not on Windows,
# where the same option would let another program take the port over.
REUSE_ADDRESS = os.name == "posix" and sys.platform != "cygwin"


class _ClientErrorLog(logging.LoggerAdapter):  # type: ignore[type-arg]
    """aiohttp's connection log: a client's broken request is one INFO line, not an ERROR traceback.

    aiohttp logs every request it cannot parse (a missing Host header, a bad
    request line) and every connection lost while answering with a traceback,
    as if the helper had failed; those are the client's doing."""

    def exception(self, msg: object, *args: object, exc_info: object = True, **kwargs: object) -> None:  # type: ignore[override]
        if isinstance(exc_info, (HttpProcessingError, ConnectionError)):
            text = str(msg) % args if args else str(msg)
            self.info("%s (%s)", text, " ".join(str(exc_info).split()) or type(exc_info).__name__)
        else:
            self.logger.exception(msg, *args, exc_info=exc_info, **kwargs)  # type: ignore[arg-type]


def make_runner(app: web.Application, *, header_seconds: float = HEADER_SECONDS) -> web.AppRunner:
    """The runner for ``app``: no access log, and a connection cut off when its request head is slow.

    aiohttp's keep-alive timer runs from a connection's start and from each answer, and
    closes the connection when no whole request head has come in by then: that is the
    header timeout (a body's own limit is in server/io.py)."""
    return web.AppRunner(
        app, handle_signals=False, access_log=None, keepalive_timeout=header_seconds,
        logger=_ClientErrorLog(logging.getLogger("aiohttp.server"), {}),
    )


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
    runner = make_runner(app)
    await runner.setup()
    try:
        site = web.TCPSite(runner, LOOPBACK_V4, port, reuse_address=REUSE_ADDRESS)
        try:
            await site.start()
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(f"Port {port} on 127.0.0.1 is already in use: is another helper running? {_other_port_hint(port)}") from None
            raise
        bound = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        if socket.has_ipv6:
            try:
                await web.TCPSite(runner, LOOPBACK_V6, bound, reuse_address=REUSE_ADDRESS).start()
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
