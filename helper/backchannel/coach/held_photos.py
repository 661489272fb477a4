"""Read the slides of the photos the helper holds (an imported archive's), so the history search finds them.

One photo at a time, oldest first, each reading committed as it is made
(``store/slides.py``): a run that is stopped, or run again, goes on from the
first photo not read. A photo that cannot be decoded is stored as read with
no text, so it is not tried again and again.

On a budget, so reading a large archive does not take the machine from the
person using it: the work runs at a lower scheduling priority where the
system has one (``os.nice``), and after each photo it rests in proportion to
the time the photo took (``share``: the fraction of the time spent reading;
0.5 reads half the time). ``seconds`` bounds one run; the rest waits for the
next.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from backchannel.errors import ImageError
from backchannel.store import slides

if TYPE_CHECKING:
    from backchannel.store import Store

Progress = Callable[[int, int], None]  # (photos read so far, photos held)

BATCH = 20
DEFAULT_SHARE = 0.5
NICENESS = 10


@dataclass
class HeldReading:
    read: int = 0  # photos read in this run
    with_text: int = 0  # of which some text was read
    done: int = 0  # photos read, this run and earlier ones
    total: int = 0  # photos the helper holds
    stopped_by_budget: bool = False

    @property
    def left(self) -> int:
        return self.total - self.done

    def to_dict(self) -> dict[str, object]:
        return {"read": self.read, "with_text": self.with_text, "done": self.done, "total": self.total, "left": self.left}


def lower_priority() -> None:
    """This process yields the processor to the person's own work (where the system allows it)."""
    if hasattr(os, "nice"):
        try:
            os.nice(NICENESS)
        except OSError:
            pass


def read_held_photos(
    store: Store,
    *,
    progress: Progress | None = None,
    share: float = DEFAULT_SHARE,
    seconds: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> HeldReading:
    """Read every held photo not read yet, storing its text; returns how far it came."""
    from backchannel.photos.analyse import analyse_photo

    if not 0 < share <= 1:
        raise ValueError("share is a fraction of the time, above 0 and at most 1")
    done, total = slides.reading_progress(store.db)
    report = HeldReading(done=done, total=total)
    started = time.monotonic()
    after = 0
    if progress is not None:
        progress(report.done, report.total)
    while True:
        batch = slides.unread_photos(store.db, after=after, limit=BATCH)
        if not batch:
            return report
        for photo in batch:
            if seconds is not None and time.monotonic() - started >= seconds:
                report.stopped_by_budget = True
                return report
            after = photo.media_id
            began = time.monotonic()
            text = _read(store, photo.file, analyse_photo)
            slides.record_texts(store.db, [(photo.media_id, text)])
            report.read += 1
            report.done += 1
            report.with_text += bool(text)
            if progress is not None:
                progress(report.done, report.total)
            took = time.monotonic() - began
            if share < 1:
                sleep(took * (1 - share) / share)


def _read(store: Store, name: str, analyse: Callable[..., object]) -> str:
    path = store.history.media.path(name)
    if path is None:
        return ""  # the file is gone: nothing to read, and nothing to try again
    try:
        analysis = analyse(path.read_bytes())
    except ImageError:
        return ""
    reading = getattr(analysis, "text", None)
    return "" if reading is None else "\n".join(reading.read_text())
