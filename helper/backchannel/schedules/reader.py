"""What a programme reader is (``ScheduleReader``, registered in ``backchannel.schedules.READERS``) and the size every reader refuses above."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ..errors import ScheduleError
from .model import Programme

MAX_BYTES = 20 * 1024 * 1024  # larger than any real programme (FOSDEM's XML is ~2 MB)

Progress = Callable[[int, int], None]


class ScheduleReader(Protocol):
    """One programme format. Registered in ``backchannel.schedules.READERS``."""

    name: str  # registry key, e.g. "frab-xml"
    description: str  # one line, shown in help

    def sniff(self, data: bytes) -> bool:
        """Does the content (not the file name) look like this format? Never raises."""
        ...

    def read(self, data: bytes, *, time_zone: str | None = None, progress: Progress | None = None) -> Programme:
        """Parse ``data``; raises ScheduleError when nothing can be trusted."""
        ...


def check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise ScheduleError(
            f"The file is {len(data) / 1_048_576:.1f} MB; programmes larger than {MAX_BYTES // 1_048_576} MB are refused.",
            details={"size": len(data), "limit": MAX_BYTES},
        )
