"""Read the slides of the photos the helper holds (an imported archive's), so the history search finds them.

Two ways, one store of readings: ``ArchiveReader`` in the running helper (in the
background, giving way to live photos; below), and ``read_held_photos`` in the
foreground of the CLI (``import-archive --wait`` with no helper running).

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

import asyncio
import logging
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Awaitable, Callable, Literal

from backchannel.errors import ImageError
from backchannel.photos.limits import Budget
from backchannel.store import slides

if TYPE_CHECKING:
    from backchannel.store import Store

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (photos read so far, photos held)

BATCH = 20
DEFAULT_SHARE = 0.5
NICENESS = 10
# An archive photo's time limit: longer than a live photo's, since its thread runs at a lower
# priority and yields to everything else; a photo over it is stored as read with no text.
BACKGROUND_SECONDS = 120.0
FAILURES_IN_A_ROW = 3  # photos whose reading failed in a row before the background reading stops


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
            text = text_of(store.history.media.path(photo.file))
            slides.record_texts(store.db, [(photo.media_id, text)])
            report.read += 1
            report.done += 1
            report.with_text += bool(text)
            if progress is not None:
                progress(report.done, report.total)
            took = time.monotonic() - began
            if share < 1:
                sleep(took * (1 - share) / share)


def text_of(path: Path | None, *, analyse: Callable[..., object] | None = None, budget: Budget | None = None) -> str:
    """The text read on a held photo, in reading order: '' for a file that is gone, not an image we
    read, or over its time (stored as read with no text, so never tried again and again). A
    ``GivingWay`` budget stops it with ``GaveWay`` instead."""
    from backchannel.photos.analyse import analyse_photo

    if path is None:
        return ""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    if budget is not None:
        budget.start()
    try:
        analysis = (analyse or analyse_photo)(data, budget=budget)
    except ImageError:
        return ""
    reading = getattr(analysis, "text", None)
    return "" if reading is None else "\n".join(reading.read_text())


# --- In the running helper: the archive's photos read in the background ---


class GaveWay(Exception):
    """The archive photo under way stopped for a live photo (or the helper stopping): it is read again later, from the start."""


@dataclass
class GivingWay(Budget):
    """A photo's budget that also ends the work, between its stages, when ``give_way()`` says so.

    The analysis checks its budget between decoding, finding the text, finding the screen
    and reading: an archive photo stops there as soon as a live photo comes in, so the live
    one waits at most for the one stage under way (about a tenth of a second of OCR)."""

    give_way: Callable[[], bool] = lambda: False

    def check_time(self) -> None:
        if self.give_way():
            raise GaveWay
        super().check_time()


ReaderState = Literal["reading", "done", "stopped", "failed"]


class ArchiveReader:
    """The helper's background reading of the held photos: one photo at a time, each reading committed.

    Live photos go first: before each archive photo the reader waits until the helper has
    no live photo in hand (``live``: how many are; ``live_idle``: until none is), and a live
    photo that comes in while an archive photo is read stops that reading at its next stage
    (``GivingWay``); the photo is read again once the live ones are answered. The reading
    runs in its own thread, at a lower scheduling priority where the system allows it for
    one thread (Linux), and rests after each photo as long as the photo took
    (``share``). Nothing is kept in memory between photos: a photo counts as read once its
    text is committed (``store/slides.py``), so a restarted helper goes on from the first
    photo not read. The store is touched on the event loop only (short queries)."""

    def __init__(
        self,
        store: Store,
        *,
        live: Callable[[], int],
        live_idle: Callable[[], Awaitable[None]],
        share: float = DEFAULT_SHARE,
        analyse: Callable[..., object] | None = None,
    ) -> None:
        if not 0 < share <= 1:
            raise ValueError("share is a fraction of the time, above 0 and at most 1")
        self._store = store
        self._live = live
        self._live_idle = live_idle
        self._share = share
        self._analyse = analyse
        self._task: asyncio.Task[None] | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._stopping = False
        self._wake = asyncio.Event()
        self.read = 0  # photos read since the helper started
        self.gave_way = 0  # times an archive photo stopped for a live photo
        self.error: str | None = None  # the last photo's reading that failed, if any
        self._failed = False  # stopped after FAILURES_IN_A_ROW

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> bool:
        """Start reading (when not already): True when this call started it."""
        if self.running or self._stopping:
            return False
        self.error = None
        self._failed = False
        self._task = asyncio.get_running_loop().create_task(self._run(), name="archive-photos")
        return True

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)  # the photo under way gives way at its next stage

    def status(self) -> dict[str, object]:
        """How far the reading has come, from the store: it counts what is committed."""
        done, total = slides.reading_progress(self._store.db)
        state: ReaderState
        if self._failed:
            state = "failed"
        elif done >= total:
            state = "done"
        else:
            state = "reading" if self.running else "stopped"
        return {"state": state, "done": done, "total": total, "left": total - done, "read": self.read, "gave_way": self.gave_way, "error": self.error}

    def progress_line(self, store: Store) -> str | None:
        """One line for the review page, from ``store`` (the page's own connection); None when every photo is read."""
        done, total = slides.reading_progress(store.db)
        if done >= total:
            return None
        if self._failed:
            return f"archive photos read: {done:,} of {total:,}; the reading stopped ({self.error})"
        return f"reading archive photos: {done:,} of {total:,}"

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        after = 0  # photos up to this id were read or, after an error, left for the next start
        failures = 0
        while not self._stopping:
            await self._live_idle()
            batch = slides.unread_photos(self._store.db, after=after, limit=1)
            if not batch:
                return
            photo = batch[0]
            path = self._store.history.media.path(photo.file)
            if self._analyse is None and not ocr_loaded():
                # Loaded at the helper's own priority, not in the reader's lowered thread: the
                # engine's worker threads inherit it, and live photos use them too.
                await loop.run_in_executor(None, load_ocr)
            budget = GivingWay(seconds=BACKGROUND_SECONDS, give_way=lambda: self._stopping or self._live() > 0)
            began = loop.time()
            try:
                text = await loop.run_in_executor(self._thread(), partial(text_of, path, analyse=self._analyse, budget=budget))
            except GaveWay:
                self.gave_way += not self._stopping
                continue  # not committed: read again once the live photos are answered
            except Exception as exc:  # noqa: BLE001 - reported in the status, not lost in a task nobody awaits
                # One photo that trips the reading is left unread (tried again at the next
                # start) and the others go on; several in a row mean the reading itself is
                # broken, and it stops rather than walk past every photo.
                log.exception("reading archive photo %s failed", photo.media_id)
                self.error = f"{type(exc).__name__}: {exc}"[:300]
                failures += 1
                if failures >= FAILURES_IN_A_ROW:
                    self._failed = True
                    return
                after = photo.media_id
                continue
            failures = 0
            after = photo.media_id
            slides.record_texts(self._store.db, [(photo.media_id, text)])
            self.read += 1
            took = loop.time() - began
            if self._share < 1:
                try:
                    await asyncio.wait_for(self._wake.wait(), took * (1 - self._share) / self._share)
                except TimeoutError:
                    pass

    def _thread(self) -> ThreadPoolExecutor:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="archive-photos", initializer=lower_thread_priority)
        return self._executor


def ocr_loaded() -> bool:
    from backchannel.photos import ocr

    return ocr.engine_loaded()


def load_ocr() -> None:
    from backchannel.photos import ocr

    ocr.load()


def lower_thread_priority() -> None:
    """The calling thread yields the processor to the rest: on Linux, where a thread has its own nice value.

    Elsewhere ``os.nice`` would lower the whole helper, live photos included, so it is left
    alone there; the rests between photos still bound the reading's share of the processor."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) + NICENESS)
        except OSError:
            pass
