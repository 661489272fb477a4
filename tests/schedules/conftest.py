"""Fixtures for the programme-reader tests: small hand-written files and a synthetic FOSDEM."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.programmes import fosdem_like_xml

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def fixture_bytes() -> Callable[[str], bytes]:
    """Read one of the hand-written files in tests/schedules/fixtures/."""

    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read


@pytest.fixture(scope="session")
def fosdem_xml() -> bytes:
    return fosdem_like_xml()
