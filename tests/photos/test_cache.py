from __future__ import annotations

from backchannel.photos.cache import PhotoCache, photo_id
from backchannel.photos.samples import analysed_sample


def test_photo_id_is_the_sha256_of_the_bytes() -> None:
    assert photo_id(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_least_recently_used_goes_first_when_entries_run_out() -> None:
    analysis = analysed_sample("slide-close-up")
    cache = PhotoCache(max_entries=2)
    cache.put("a", analysis, b"1")
    cache.put("b", analysis, b"2")
    assert cache.get("a") is not None  # "a" is now the most recently used
    cache.put("c", analysis, b"3")
    assert cache.get("b") is None and cache.get("a") is not None and cache.get("c") is not None
    assert len(cache) == 2


def test_bounded_by_bytes_too() -> None:
    analysis = analysed_sample("slide-close-up")
    cache = PhotoCache(max_entries=100, max_bytes=10)
    cache.put("a", analysis, b"x" * 6)
    cache.put("b", analysis, b"y" * 6)
    assert cache.get("a") is None and cache.held_bytes == 6
    cache.put("big", analysis, b"z" * 50)  # alone over the bound: kept, the others go
    assert len(cache) == 1 and cache.held_bytes == 50
    cache.put("big", analysis, b"z" * 4)  # replacing an entry counts its bytes once
    assert cache.held_bytes == 4
