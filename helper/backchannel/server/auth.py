"""The token the server accepts, following `backchannel token --rotate`.

A rotation happens in another process (the CLI), which also replaces a marker
file. The server looks at the marker (one stat) at most every quarter second
and re-reads the token when it changed, so the old token stops working at
once, even for a client that keeps using it. On a mismatch the server also
re-reads the stored token, at most once a second: a rotated token works at
once, and a flood of wrong tokens costs no more than one read a second.
"""

from __future__ import annotations

import time
from typing import Callable

from backchannel.local.secrets import tokens_match

RELOAD_INTERVAL = 1.0
GENERATION_INTERVAL = 0.25


class TokenSource:
    def __init__(
        self,
        token: str,
        reload: Callable[[], str | None] | None = None,
        generation: Callable[[], object] | None = None,
    ) -> None:
        self._token = token
        self._reload = reload
        self._last_reload = time.monotonic()
        self._generation = generation
        self._seen = generation() if generation is not None else None
        self._generation_checked_at = time.monotonic()

    def _follow_rotation(self) -> None:
        if self._generation is None or self._reload is None:
            return
        now = time.monotonic()
        if now - self._generation_checked_at < GENERATION_INTERVAL:
            return
        self._generation_checked_at = now
        seen = self._generation()
        if seen != self._seen:
            self._seen = seen
            fresh = self._reload()
            if fresh:
                self._token = fresh

    def matches(self, presented: str) -> bool:
        self._follow_rotation()
        if tokens_match(presented, self._token):
            return True
        if self._reload is None or time.monotonic() - self._last_reload < RELOAD_INTERVAL:
            return False
        self._last_reload = time.monotonic()
        fresh = self._reload()
        if fresh and fresh != self._token:
            self._token = fresh
            return tokens_match(presented, fresh)
        return False
