"""The bench's own hygiene: a section leaves the process as it found it for the next."""

from __future__ import annotations

import os

import pytest

from bench.http_check import client_on_the_other_core

needs_two_cores = pytest.mark.skipif(not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2, reason="needs two cores to pin to")


@needs_two_cores
def test_the_http_client_is_pinned_for_its_section_only() -> None:
    """The HTTP section pins its client to one core; the browser, the helper and the photo
    analysis measured after it must have both again (they once ran on one core for the whole
    of `make bench`)."""
    before = os.sched_getaffinity(0)
    with client_on_the_other_core():
        assert os.sched_getaffinity(0) == {1}
    assert os.sched_getaffinity(0) == before
    with pytest.raises(RuntimeError), client_on_the_other_core():
        raise RuntimeError("a section that fails")
    assert os.sched_getaffinity(0) == before
