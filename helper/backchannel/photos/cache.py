"""Recently analysed photos, in memory: small, bounded, forgotten on restart.

The server keeps the analysis (for /v1/check's ``media``) and the original
bytes (for the crop and the clean copy). Photos are private and large, so
they never go to the database, and the cache drops the least recently used
ones as soon as it holds too many or too many bytes. It is used from the
event loop only, so it needs no lock.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from backchannel.photos.model import PhotoAnalysis

MAX_ENTRIES = 32
MAX_CACHED_BYTES = 128 * 1024 * 1024


def photo_id(data: bytes) -> str:
    """A photo's id: the SHA-256 of its bytes, so the same file is analysed once."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class CachedPhoto:
    analysis: PhotoAnalysis
    data: bytes


class PhotoCache:
    def __init__(self, *, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_CACHED_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, CachedPhoto] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def held_bytes(self) -> int:
        return self._bytes

    def get(self, key: str) -> CachedPhoto | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: str, analysis: PhotoAnalysis, data: bytes) -> CachedPhoto:
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= len(old.data)
        entry = CachedPhoto(analysis, data)
        self._entries[key] = entry
        self._bytes += len(data)
        # The newest entry always stays, even alone over the byte bound (a file is capped at MAX_BYTES).
        while len(self._entries) > 1 and (len(self._entries) > self.max_entries or self._bytes > self.max_bytes):
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= len(dropped.data)
        return entry
