"""Fixtures for the rule tests: a real store holding the example event, for the history-aware rules."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from backchannel.store import Store
from tests.history.support import add_lt13


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "data" / "backchannel.sqlite3")
    add_lt13(s)
    yield s
    s.close()
