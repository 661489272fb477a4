"""Reading an X data archive as given: a zip, its extracted folder, or one file.

Nothing is ever extracted to disk under a name from the archive: members are
read into memory by name, so a member called ``../../.bashrc`` can do no
harm, and such names are refused anyway. Every read is capped twice: per
member, and in total across the import (the zip-bomb defence: the bytes
actually inflated are counted, whatever the headers claim).
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol

from backchannel.errors import InvalidInput

MAX_MEMBERS = 500_000
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024  # all bytes inflated in one import
MAX_TWEETS_FILE_BYTES = 1024 * 1024 * 1024  # one tweets.js part (X splits at about 50 MB; older ones are larger)
_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True, slots=True)
class Member:
    name: str  # POSIX-style path inside the archive
    size: int  # as declared (a zip header may lie; reads are counted, not trusted)


class Budget:
    """The bytes one import may still inflate; shared by every read."""

    def __init__(self, total: int = MAX_TOTAL_BYTES) -> None:
        self.left = total

    def take(self, amount: int) -> None:
        self.left -= amount
        if self.left < 0:
            raise InvalidInput(
                "The archive inflates to more data than an import reads (a zip bomb, or not an X archive); nothing more was read.",
                details={"field": "path"},
            )


class Source(Protocol):
    label: str

    def members(self) -> list[Member]: ...

    def read(self, member: Member, limit: int) -> bytes: ...

    def close(self) -> None: ...


def safe_name(name: str) -> str | None:
    """The member's path if it is a plain relative path; None for absolute paths, drive letters, '..' or NUL."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/") or _DRIVE.match(name):
        return None
    parts = PurePosixPath(name).parts
    if any(part in ("..", "") for part in parts):
        return None
    return "/".join(parts)


def _too_big(member: Member, limit: int) -> InvalidInput:
    return InvalidInput(f"{member.name} is larger than {limit // (1024 * 1024)} MiB; it was not read.", details={"member": member.name})


class ZipSource:
    def __init__(self, path: Path, budget: Budget) -> None:
        self.label = str(path)
        self.budget = budget
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise InvalidInput(f"{path} is not a readable zip file: {exc}.", details={"path": str(path)}) from None
        self._infos: dict[str, zipfile.ZipInfo] = {}
        self.refused: list[str] = []

    def members(self) -> list[Member]:
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InvalidInput(f"The zip holds {len(infos)} entries, more than an X archive ({MAX_MEMBERS}).", details={"path": self.label})
        out = []
        for info in infos:
            if info.is_dir():
                continue
            name = safe_name(info.filename)
            if name is None:
                self.refused.append(info.filename)
                continue
            self._infos[name] = info
            out.append(Member(name, info.file_size))
        return out

    def read(self, member: Member, limit: int) -> bytes:
        info = self._infos[member.name]
        if info.file_size > limit:
            raise _too_big(member, limit)
        chunks, size = [], 0
        try:
            with self.zip.open(info) as handle:
                while chunk := handle.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise _too_big(member, limit)
                    self.budget.take(len(chunk))
                    chunks.append(chunk)
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, NotImplementedError) as exc:
            # RuntimeError: an encrypted member; NotImplementedError: an unknown compression method.
            raise InvalidInput(f"Cannot read {member.name} from the zip: {exc}.", details={"member": member.name}) from None
        return b"".join(chunks)

    def close(self) -> None:
        self.zip.close()


class FolderSource:
    """An extracted archive. Symbolic links are not followed: the archive's own files only."""

    def __init__(self, path: Path, budget: Budget) -> None:
        self.label = str(path)
        self.root = path
        self.budget = budget

    def members(self) -> list[Member]:
        out: list[Member] = []
        for folder, dirs, files in os.walk(self.root, followlinks=False):
            dirs.sort()
            for file_name in sorted(files):
                full = Path(folder) / file_name
                try:
                    info = full.lstat()
                except OSError:
                    continue
                if not stat.S_ISREG(info.st_mode):
                    continue
                out.append(Member(full.relative_to(self.root).as_posix(), info.st_size))
                if len(out) > MAX_MEMBERS:
                    raise InvalidInput(f"The folder holds more than {MAX_MEMBERS} files; is it an X archive?", details={"path": self.label})
        return out

    def read(self, member: Member, limit: int) -> bytes:
        full = self.root / member.name
        try:
            with open(full, "rb") as handle:
                data = handle.read(limit + 1)
        except OSError as exc:
            raise InvalidInput(f"Cannot read {member.name}: {exc.strerror}.", details={"member": member.name}) from None
        if len(data) > limit:
            raise _too_big(member, limit)
        self.budget.take(len(data))
        return data

    def close(self) -> None:
        pass


MEDIA_FOLDERS = ("tweets_media", "tweet_media")  # 2022 and 2020 exports


class FileSource:
    """One tweets file on its own (tweets.js, tweet.js, or a Grailbird month)."""

    def __init__(self, path: Path, budget: Budget) -> None:
        self.label = str(path)
        self.path = path
        self.budget = budget

    def members(self) -> list[Member]:
        """The file, and the photos in the archive's media folder beside it (data/tweets_media next to data/tweets.js)."""
        out = [Member(self.path.name, self.path.stat().st_size)]
        for folder_name in MEDIA_FOLDERS:
            folder = self.path.parent / folder_name
            if not folder.is_dir() or folder.is_symlink():
                continue
            for entry in sorted(folder.iterdir()):
                try:
                    info = entry.lstat()
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):
                    out.append(Member(f"{folder_name}/{entry.name}", info.st_size))
                if len(out) > MAX_MEMBERS:
                    break
        return out

    def read(self, member: Member, limit: int) -> bytes:
        return FolderSource(self.path.parent, self.budget).read(member, limit)

    def close(self) -> None:
        pass


def open_source(path: Path, budget: Budget | None = None) -> ZipSource | FolderSource | FileSource:
    budget = budget or Budget()
    if not path.exists():
        raise InvalidInput(f"There is no file or folder at {path}.", details={"path": str(path)})
    if path.is_dir():
        return FolderSource(path, budget)
    if zipfile.is_zipfile(path):
        return ZipSource(path, budget)
    return FileSource(path, budget)
