"""The token the server accepts, following `backchannel token --rotate`.

A rotation happens in another process (the CLI), so on a mismatch the
server re-reads the stored token, at most once a second: a rotated token
works at once, and a flood of wrong tokens costs no more than one read a
second.
"""

from __future__ import annotations

import time
from typing import Callable

from backchannel.secrets import tokens_match

RELOAD_INTERVAL = 1.0


class TokenSource:
    def __init__(self, token: str, reload: Callable[[], str | None] | None = None) -> None:
        self._token = token
        self._reload = reload
        self._last_reload = time.monotonic()

    def matches(self, presented: str) -> bool:
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
