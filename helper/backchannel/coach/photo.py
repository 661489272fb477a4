"""Judge a photo: analyse it within its budget, keep it, run the photo rules on it.

The CLI judges a file at a time (``judge``). The server answers twice when asked to
(``judge_held`` with ``later``): first with the measurements that need no reading of the
slide (``text_pending``), while the same worker reads on; ``whole_verdict`` then answers with
the slide read. The analysed photos are kept in a ``PhotoShelf`` (a bounded in-memory cache,
and the readings still under way) so the next check can name a photo by its id.

Where the work runs is the entry point's business: the server passes its worker (``Run``:
bounded threads, each photo within its time budget); this module only says what runs.
"""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Protocol

from backchannel.checker import check_photos
from backchannel.photos.cache import CachedPhoto, PhotoCache, photo_id
from backchannel.photos.model import AttachedPhoto, PhotoAnalysis

if TYPE_CHECKING:
    from backchannel.rules import Tip
    from backchannel.settings import Settings
    from backchannel.store import Store


class Run(Protocol):
    """The entry point's worker: ``function(*args)`` off the event loop; with ``budgeted``, within the photo's budget."""

    def __call__(self, function: Callable[..., Any], *args: object, budgeted: bool = False) -> Awaitable[Any]: ...


@dataclass(frozen=True, slots=True)
class Judged:
    """A photo's measurements and the tips the photo rules give on them."""

    analysis: PhotoAnalysis
    tips: tuple[Tip, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.analysis.to_dict(), "tips": [t.to_dict() for t in self.tips]}


@dataclass
class PhotoShelf:
    """The photos analysed lately: the cache, and the photos whose slide is still being read."""

    cache: PhotoCache = field(default_factory=PhotoCache)
    # Photos whose slide is still being read (answered quick, ``later``): the whole analysis.
    reading: dict[str, asyncio.Task[PhotoAnalysis]] = field(default_factory=dict)


def verdict(analysis: PhotoAnalysis, settings: Settings) -> Judged:
    """The photo rules on one photo's measurements."""
    return Judged(analysis, tuple(check_photos([AttachedPhoto(analysis)], settings)))


def judge(data: bytes, settings: Settings) -> Judged:
    """Analyse a photo here and now (the CLI's way: one file after another, no cache)."""
    from backchannel.photos.analyse import analyse_photo  # Pillow loads with the first photo

    return verdict(analyse_photo(data), settings)


async def judge_held(
    store: Store, shelf: PhotoShelf, run: Run, data: bytes, *, later: bool, original: tuple[int, int] | None = None
) -> tuple[str, Judged]:
    """The photo's id and verdict, analysed once and kept on ``shelf``.

    With ``later`` the verdict comes as soon as the measurements that need no reading are made
    (``analysis.text_pending``), and the slide is read on in the same worker. Without it, a photo
    whose slide is still being read is waited for: that answer is always the whole one. With
    ``original`` (its width and height) ``data`` is a smaller copy of that photo: the quick
    measurements only, sized as the original, whose reading comes when the original is sent."""
    key = photo_id(data)
    entry = shelf.cache.get(key)
    pending = shelf.reading.get(key)
    if original is not None:
        if entry is None:
            entry = await _copy(shelf, run, key, data, original)
    elif entry is None or (pending is not None and not later):
        if later:
            entry = await _start_reading(shelf, run, key, data)
        else:
            entry = await _whole(shelf, run, key, data)
    return key, verdict(entry.analysis, store.settings.load())  # the settings as they are once it is analysed


async def whole_verdict(store: Store, shelf: PhotoShelf, key: str) -> Judged | None:
    """The verdict on a kept photo once its slide is read (None: no such photo is kept)."""
    pending = shelf.reading.get(key)
    if pending is not None:
        # asyncio.wait never cancels what it waits for: a caller that goes away does not stop the
        # reading. A reading that failed (over its time) leaves the quick analysis, ``text`` None.
        await asyncio.wait({pending})
    entry = shelf.cache.get(key)
    return None if entry is None else verdict(entry.analysis, store.settings.load())


async def _copy(shelf: PhotoShelf, run: Run, key: str, data: bytes, original: tuple[int, int]) -> CachedPhoto:
    """The quick analysis of a copy, sized as its original; its slide is read from the original, sent after it."""
    from backchannel.photos.analyse import analyse_photo

    analysis = await run(functools.partial(analyse_photo, read_text=False, original=original), data, budgeted=True)
    return shelf.cache.put(key, replace(analysis, text_pending=True), data)


async def _whole(shelf: PhotoShelf, run: Run, key: str, data: bytes) -> CachedPhoto:
    from backchannel.photos.analyse import analyse_photo  # Pillow loads with the first photo, not with the server

    pending = shelf.reading.get(key)
    if pending is not None:
        await asyncio.wait({pending})
        entry = shelf.cache.get(key)
        if entry is not None:
            return entry
    return shelf.cache.put(key, await run(analyse_photo, data, budgeted=True), data)


async def _start_reading(shelf: PhotoShelf, run: Run, key: str, data: bytes) -> CachedPhoto:
    """Analyse in a worker; come back with the quick analysis while the worker reads on."""
    from backchannel.photos.analyse import analyse_photo

    loop = asyncio.get_running_loop()
    quick: asyncio.Future[PhotoAnalysis] = loop.create_future()

    def measured(analysis: PhotoAnalysis) -> None:  # in the worker thread
        def settle() -> None:  # on the loop: only the first quick analysis counts
            if not quick.done():
                quick.set_result(analysis)

        loop.call_soon_threadsafe(settle)

    task: asyncio.Task[PhotoAnalysis] = asyncio.ensure_future(run(functools.partial(analyse_photo, on_quick=measured), data, budgeted=True))
    shelf.reading[key] = task

    def read(done: asyncio.Task[PhotoAnalysis]) -> None:
        if shelf.reading.get(key) is done:
            del shelf.reading[key]
        if not done.cancelled() and done.exception() is None:
            shelf.cache.put(key, done.result(), data)
            return
        # A reading that failed (over its time) leaves the quick analysis, now final: the rules
        # that waited for the reading judge without it.
        entry = shelf.cache.get(key)
        if entry is not None and entry.analysis.text_pending:
            shelf.cache.put(key, replace(entry.analysis, text_pending=False), data)

    task.add_done_callback(read)
    await asyncio.wait({quick, task}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        quick.cancel()
        # A photo that could not be read at all is refused now (task.result() raises).
        return shelf.cache.put(key, task.result(), data)
    # The reading keeps the photo's place: while it is pending, the quick analysis answers.
    return shelf.cache.put(key, quick.result(), data)
