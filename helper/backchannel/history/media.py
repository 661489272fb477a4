"""The photos the helper keeps: one folder, files named by their SHA-256.

Archive photos are copied in when imported (a zip may be deleted later);
the review page serves them by media id, looked up in the database, so no
path from a request ever reaches the file system. Only images whose bytes
look like JPEG, PNG, GIF or WebP are kept.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

MAX_PHOTO_BYTES = 20 * 1024 * 1024
_NAME = re.compile(r"^[0-9a-f]{64}\.(jpg|png|gif|webp)$")
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}


def sniff(data: bytes) -> str | None:
    """The image type from its first bytes (never from a file name)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


class MediaStore:
    def __init__(self, root: Path | None) -> None:
        self.root = root  # None for an in-memory store: nothing is kept

    def put(self, data: bytes) -> tuple[str, str] | None:
        """Keep an image; returns (sha256, file name), or None when it is not an image we keep."""
        kind = sniff(data)
        if self.root is None or kind is None or len(data) > MAX_PHOTO_BYTES:
            return None
        digest = hashlib.sha256(data).hexdigest()
        name = f"{digest}.{kind}"
        target = self.root / name
        if not target.exists():
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            tmp = target.with_name(f".{name}.{os.getpid()}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        return digest, name

    def path(self, name: str) -> Path | None:
        """Where a kept file is; None when the name is not one of ours or the file is gone."""
        if self.root is None or not _NAME.match(name):
            return None
        target = self.root / name
        return target if target.is_file() else None


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
