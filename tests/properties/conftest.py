"""The property suite's budget of cases, and a real helper (the production runner) on a real port.

`make test` runs a fast slice (BACKCHANNEL_FUZZ_CASES unset: 40 cases a
property); `make fuzz` runs 100,000 cases in all, shared evenly between the
properties collected.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import threading
from pathlib import Path
from typing import Iterator

import pytest
from aiohttp import web
from hypothesis import HealthCheck, settings

from backchannel.review.auth import COOKIE, ReviewAuth
from backchannel.server import create_app
from backchannel.server.runner import make_runner
from backchannel.store import Store

TOKEN = "property-token-" + "x" * 32
FAST_SLICE = 40
_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


def _properties() -> int:
    """How many properties the suite has (the 100,000 cases are shared between them)."""
    return sum(path.read_text(encoding="utf-8").count("\n@given(") for path in Path(__file__).parent.glob("test_*.py"))


# Loaded before the test modules are imported: @given reads the profile when it decorates.
_TOTAL = os.environ.get("BACKCHANNEL_FUZZ_CASES")
settings.register_profile(
    "backchannel-properties",
    max_examples=math.ceil(int(_TOTAL) / max(1, _properties())) if _TOTAL else FAST_SLICE,
    deadline=None,
    suppress_health_check=_HEALTH,
    derandomize=not _TOTAL,  # the fast slice is the same every run; the long run explores
    database=None,
)
settings.load_profile("backchannel-properties")


class ErrorLog(logging.Handler):
    """Every ERROR (or anything with a traceback) logged while the helper runs."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.exc_info:
            self.records.append(record)

    def take(self) -> list[str]:
        taken, self.records = self.records, []
        return [f"{r.levelname} {r.name}: {r.getMessage()}" for r in taken]


class LiveHelper:
    """The app behind the production runner, served from its own thread and loop."""

    def __init__(self, data_dir: Path) -> None:
        self.store = Store(data_dir / "backchannel.sqlite3")
        self.store.events.create_event("lt13", "LT13", hashtag="LT13", time_zone="Europe/London")
        self.loop = asyncio.new_event_loop()
        self.runner = make_runner(create_app(self.store, TOKEN))
        self.loop.run_until_complete(self.runner.setup())
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        self.port = int(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.cookie = f"{COOKIE}={ReviewAuth(self.store.db).redeem(ReviewAuth(self.store.db).create_login())}"
        self.log = ErrorLog()
        logging.getLogger().addHandler(self.log)

    def close(self) -> None:
        logging.getLogger().removeHandler(self.log)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=30)
        self.loop.run_until_complete(self.runner.cleanup())
        self.loop.close()
        self.store.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveHelper]:
    helper = LiveHelper(tmp_path_factory.mktemp("properties"))
    yield helper
    helper.close()
