from __future__ import annotations

from pathlib import Path
from typing import Awaitable, Callable, Iterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from backchannel.server import create_app
from backchannel.store import Store
from tests.history.support import TOKEN, Api, add_lt13


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "data" / "backchannel.sqlite3")
    add_lt13(s)
    yield s
    s.close()


@pytest.fixture
async def api(aiohttp_client: Callable[[web.Application], Awaitable[TestClient]], store: Store) -> Api:
    return Api(await aiohttp_client(create_app(store, TOKEN)))
