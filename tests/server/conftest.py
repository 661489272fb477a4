from __future__ import annotations

from pathlib import Path
from typing import Any, Awaitable, Callable, Iterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from backchannel.server import create_app
from backchannel.store import Store
from tests.support.helper_process import RunningHelper, start_helper

TOKEN = "test-token-" + "x" * 32


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "db.sqlite3")
    yield s
    s.close()


@pytest.fixture
async def api(aiohttp_client: Callable[[web.Application], Awaitable[TestClient]], store: Store) -> "Api":
    client = await aiohttp_client(create_app(store, TOKEN))
    return Api(client)


class Api:
    """The test client with the token and the helper's own Host already set."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {TOKEN}"}

    async def call(self, method: str, path: str, **kwargs: Any) -> tuple[int, Any]:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        async with self.client.request(method, path, headers=headers, **kwargs) as response:
            body = await response.json(content_type=None)
            return response.status, body


@pytest.fixture(scope="module")
def helper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHelper]:
    """A real `backchannel serve` process on a real port."""
    running = start_helper(tmp_path_factory.mktemp("helper"))
    yield running
    running.stop()
