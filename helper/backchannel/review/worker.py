"""Review pages are gathered and rendered in one worker thread, with its own connection.

An event page for a big programme (90,000 sessions) takes seconds to gather and
render; on the event loop, every /v1/check meanwhile would wait for it. The
worker has its own SQLite connection, opened on first use: the loop's
connection may be inside a write transaction at any moment, and a second
thread must not read (or commit) through it. One thread: the page is for one
person, and pages queue behind each other, never in front of a check.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

from backchannel.store import Store

T = TypeVar("T")


class PageWorker:
    def __init__(self, store: Store) -> None:
        self._main = store
        # An in-memory database has no second connection to open: its pages stay on the loop.
        self._path = None if str(store.db.path) == ":memory:" else store.db.path
        self._executor: ThreadPoolExecutor | None = None
        self._store: Store | None = None

    async def run(self, build: Callable[[Store], T]) -> T:
        """``build(store)`` in the worker thread, against the worker's own connection."""
        if self._path is None:
            return build(self._main)
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="review-pages")
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._build, build)

    def _build(self, build: Callable[[Store], T]) -> T:
        if self._store is None:
            assert self._path is not None
            self._store = Store(self._path)
        return build(self._store)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
        if self._store is not None:
            self._store.close()
            self._store = None
