"""Slow, stalled, oversized and vanishing clients: cut off or refused at once, and never an ERROR in the log."""

from __future__ import annotations

import asyncio
import socket
import time
from pathlib import Path
from typing import AsyncIterator

import pytest
from aiohttp import web

from backchannel.server import create_app, limits
from backchannel.server.runner import make_runner
from backchannel.store import Store
from tests.server.conftest import TOKEN
from tests.support.helper_process import start_helper


@pytest.fixture
async def port(tmp_path: Path) -> AsyncIterator[int]:
    """The app behind the production runner, with a half-second header limit, on a real port."""
    store = Store(tmp_path / "db.sqlite3")
    runner = make_runner(create_app(store, TOKEN), header_seconds=0.5)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield int(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
    await runner.cleanup()
    store.close()


def head(port: int, method: str, path: str, length: int, content_type: str = "application/json") -> bytes:
    return (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {TOKEN}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


async def read_answer(reader: asyncio.StreamReader) -> bytes:
    """One whole answer (head and body): the helper answers at once, and closes after a short linger."""
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=30)
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
    return head + await asyncio.wait_for(reader.readexactly(length), timeout=30)


async def test_connections_that_never_finish_their_request_head_are_closed(port: int) -> None:
    streams = [await asyncio.open_connection("127.0.0.1", port) for _ in range(20)]
    for _, writer in streams:
        writer.write(b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX-Slow: " % port)
        await writer.drain()
    for reader, writer in streams:
        assert await asyncio.wait_for(reader.read(), timeout=30) == b""  # closed by the helper
        writer.close()


async def test_a_connection_that_dribbles_its_head_is_closed_too(port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % port
    closed = False
    for byte in request + b"X-Slow: " + b"a" * 200:
        try:
            writer.write(bytes([byte]))
            await writer.drain()
        except ConnectionError:
            closed = True
            break
        if reader.at_eof() or await _closed(reader):
            closed = True
            break
    assert closed, "a client sending a byte every 0.2 s kept the connection for 40 s"
    writer.close()


async def _closed(reader: asyncio.StreamReader) -> bool:
    try:
        return await asyncio.wait_for(reader.read(1), timeout=0.2) == b""
    except TimeoutError:
        return False


async def test_a_stalled_body_gets_408_and_the_connection_closes(port: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "BODY_SECONDS", 0.5)
    for method, path, content_type in (("POST", "/v1/check", "application/json"), ("POST", "/v1/photos", "image/png")):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(head(port, method, path, 100, content_type) + b'{"te')
        await writer.drain()
        answer = await read_answer(reader)
        assert answer.startswith(b"HTTP/1.1 408 "), answer[:100]
        assert b"\r\nConnection: close\r\n" in answer
        assert b'"request_timeout"' in answer
        writer.close()


async def test_a_declared_length_over_the_limit_is_refused_before_the_body(port: int) -> None:
    for method, path, length in (("POST", "/v1/check", 1024 * 1024 + 1), ("PUT", "/v1/settings", 10**12), ("POST", "/v1/photos", 10**12)):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(head(port, method, path, length) + b"{")  # the body never comes
        await writer.drain()
        answer = await read_answer(reader)
        assert answer.startswith(b"HTTP/1.1 413 "), answer[:100]
        assert b"\r\nConnection: close\r\n" in answer
        assert b'"payload_too_large"' in answer
        writer.close()


def test_broken_requests_and_vanishing_clients_leave_no_error_in_the_log(tmp_path: Path) -> None:
    helper = start_helper(tmp_path)
    try:
        def send(data: bytes, then_close: bool = False) -> bytes:
            with socket.create_connection(("127.0.0.1", helper.port), timeout=10) as conn:
                conn.sendall(data)
                if then_close:
                    time.sleep(0.3)  # the handler is reading the body when the client leaves
                    return b""
                return conn.recv(4096)

        assert b" 400 " in send(b"GET /v1/health HTTP/1.1\r\nAuthorization: Bearer x\r\n\r\n")[:16]
        assert b" 400 " in send(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: x\r\n\r\n")[:16]
        token = helper.token
        for path, content_type in (("/v1/check", "application/json"), ("/v1/photos", "image/gif")):
            request = (
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{helper.port}\r\nAuthorization: Bearer {token}\r\n"
                f"Content-Type: {content_type}\r\nContent-Length: 100000\r\n\r\n"
            ).encode()
            send(request + b"GIF89a{", then_close=True)
        assert send(f"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:{helper.port}\r\nAuthorization: Bearer {token}\r\n\r\n".encode()).startswith(b"HTTP/1.1 200")
    finally:
        helper.stop()
    log = helper.process.stderr.read() if helper.process.stderr else ""
    assert "Traceback" not in log and " ERROR " not in log, log
