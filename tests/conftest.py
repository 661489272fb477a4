"""Fixtures shared by every test module."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import keyring
import pytest

from tests.support.keyrings import MemoryKeyring

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real, externally written test material beside the checkout.

    Tests that take this fixture skip with a clear reason in a fresh clone
    that does not have ``../shared/data``.
    """
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real test data not found at {SHARED_DATA} (../shared/data beside the checkout)")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def isolated_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets an empty in-memory keyring, never the machine's own."""
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path
