"""Photos: judge an attached photo (``coach/photo.py``), and serve its two fixes (crop, clean copy).

Decoding is CPU work: it runs in a worker thread, at most ``WORKERS`` at a
time (each may hold a decoded photo in memory), with a time limit. The
worker threads get bytes and return plain results; they never touch the
store. Analysed photos live in a bounded in-memory cache on the app (the
``PhotoShelf`` the desk is).

A thread cannot be stopped from outside, so the fixes get a ``Budget`` (pixels
× frames, seconds, bytes out) that they check as they go: a photo over it stops
itself and its worker is free for the next photo at once. Waiting for a worker
counts against the time limit too.
"""

from __future__ import annotations

import asyncio
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence, TypeVar

from aiohttp import web

from backchannel.coach import photo as judging
from backchannel.errors import BadRequest, ImageError, NotFound
from backchannel.photos.cache import CachedPhoto
from backchannel.photos.limits import MAX_BYTES, MAX_PIXELS, SECONDS, Budget
from backchannel.photos.model import AttachedPhoto
from backchannel.server.io import SECURITY_HEADERS, json_response, read_bytes
from backchannel.server.keys import STORE
from backchannel.server.models import MediaRef

WORKERS = 2
TIMEOUT_SECONDS = SECONDS
# After the budget's own deadline: how long the caller waits for work that does not check it
# (the analysis decodes one frame within MAX_PIXELS, so this is a backstop, not the limit).
GRACE_SECONDS = 5.0

T = TypeVar("T")


@dataclass
class PhotoDesk(judging.PhotoShelf):
    """The app's photo state: the shelf (cache, readings under way), and the slots that bound concurrent decoding."""

    slots: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(WORKERS))
    seconds: float = TIMEOUT_SECONDS  # each photo's time budget, waiting for a worker included
    # Live photo work in hand (waiting for a worker or running): the archive's reading gives way to it.
    active: int = 0
    idle: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self.idle.set()

    async def run(self, function: Callable[..., T], *args: object, budgeted: bool = False) -> T:
        """``function(*args)`` in a worker; with ``budgeted``, it also gets ``budget=`` to check as it goes."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.seconds
        self._taken()
        try:
            async with asyncio.timeout_at(deadline):
                await self.slots.acquire()
        except BaseException as exc:
            self._given_back()
            if isinstance(exc, TimeoutError):
                raise self._late() from None
            raise
        budget = Budget(seconds=max(0.0, deadline - loop.time()))
        call = functools.partial(_started, function, args, budget if budgeted else None)
        future = loop.run_in_executor(None, call)
        # The slot comes back when the thread ends, even after a time-out or a client that went
        # away, so memory stays bounded; budgeted work ends itself at the deadline.
        future.add_done_callback(self._finished)
        try:
            return await asyncio.wait_for(asyncio.shield(future), max(0.0, deadline - loop.time()) + GRACE_SECONDS)
        except TimeoutError:
            raise self._late() from None

    def _late(self) -> ImageError:
        return ImageError(f"The photo took more than {self.seconds:g} s to process.", details={"reason": "timeout"})

    async def wait_idle(self) -> None:
        """Until no live photo work is in hand."""
        while self.active:
            await self.idle.wait()

    def _taken(self) -> None:
        self.active += 1
        self.idle.clear()

    def _given_back(self) -> None:
        self.active -= 1
        if not self.active:
            self.idle.set()

    def _finished(self, future: asyncio.Future[Any]) -> None:
        self.slots.release()
        self._given_back()
        if not future.cancelled():
            future.exception()  # retrieved: a failure nobody awaits any more is not logged as lost


def _started(function: Callable[..., T], args: tuple[object, ...], budget: Budget | None) -> T:
    """In the worker thread: the budget's clock starts with the work."""
    if budget is None:
        return function(*args)
    return function(*args, budget=budget.start())


PHOTOS: web.AppKey[PhotoDesk] = web.AppKey("photos", PhotoDesk)


async def analyse(request: web.Request) -> web.Response:
    """The photo is the request body, as is (any content type).

    With ``?text=later`` the answer comes as soon as the measurements that need no OCR are made
    (``text_pending: true``); the slide is read on in the same worker, and ``GET
    /v1/photos/{id}`` answers the whole analysis once it is read. With ``&original=WxH`` as
    well the body is the page's smaller copy of a photo of that size: the quick answer only,
    sized as the original (its reading comes with the original, sent after it)."""
    data = await read_bytes(request, MAX_BYTES)
    later = _flag(request, "text")
    original = _original(request, later)
    desk = request.app[PHOTOS]
    key, judged = await judging.judge_held(request.app[STORE], desk, desk.run, data, later=later, original=original)
    return _answer(key, judged)


async def analysed(request: web.Request) -> web.Response:
    """The photo's whole analysis: waits while its slide is still being read."""
    key = request.match_info["photo_id"]
    judged = await judging.whole_verdict(request.app[STORE], request.app[PHOTOS], key)
    if judged is None:
        raise _unknown(key)
    return _answer(key, judged)


def _flag(request: web.Request, name: str) -> bool:
    value = request.query.get(name)
    if value is None:
        return False
    if value != "later":
        raise BadRequest(f"`{name}` takes one value, `later` (answer before the slide is read).", details={"parameter": name})
    return True


ORIGINAL = re.compile(r"([1-9][0-9]{0,5})x([1-9][0-9]{0,5})")


def _original(request: web.Request, later: bool) -> tuple[int, int] | None:
    """``original=WIDTHxHEIGHT``: the body is a smaller copy of a photo of that size (its quick answer only)."""
    value = request.query.get("original")
    if value is None:
        return None
    match = ORIGINAL.fullmatch(value)
    if match is None:
        raise BadRequest("`original` is the original photo's size as WIDTHxHEIGHT in pixels, e.g. `4000x3000`.", details={"parameter": "original"})
    if not later:
        raise BadRequest(
            "A copy (`original`) is answered quickly only: send it with `text=later`, and the original for the reading.",
            details={"parameter": "original"},
        )
    width, height = int(match[1]), int(match[2])
    if width * height > MAX_PIXELS:
        raise BadRequest(f"`original` declares more than {MAX_PIXELS // 1_000_000} megapixels, more than the helper reads.", details={"parameter": "original"})
    return width, height


def _answer(key: str, judged: judging.Judged) -> web.Response:
    return json_response({"id": key, **judged.to_dict(), "text_pending": judged.analysis.text_pending})


async def crop(request: web.Request) -> web.Response:
    from backchannel.photos.fixes import crop_to_box
    from backchannel.photos.straighten import crop_to_quad

    entry = _cached(request)
    if entry.analysis.crop is None:
        reason = "no slide was found in it" if entry.analysis.slide is None else "the slide already fills it"
        raise NotFound(f"There is no crop for this photo: {reason}.", details={"photo": request.match_info["photo_id"]})
    slide = entry.analysis.slide
    if slide is not None and slide.quad is not None:
        # The screen's own corners: the crop comes out straight, keystone removed.
        out = await request.app[PHOTOS].run(crop_to_quad, entry.data, slide.quad)
        return _image(out.data, out.mime, f"slide{out.extension}")
    out = await request.app[PHOTOS].run(crop_to_box, entry.data, entry.analysis.crop, budgeted=True)
    return _image(out.data, out.mime, f"slide{out.extension}")


async def clean(request: web.Request) -> web.Response:
    from backchannel.photos.fixes import strip_metadata

    entry = _cached(request)
    out = await request.app[PHOTOS].run(strip_metadata, entry.data, budgeted=True)
    return _image(out.data, out.mime, f"photo{out.extension}")


def attached_photos(app: web.Application, media: Sequence[MediaRef]) -> list[AttachedPhoto]:
    """The analysed photos a draft names, in order; 404 for a photo the helper does not have."""
    desk = app[PHOTOS]
    photos = []
    for index, ref in enumerate(media):
        entry = desk.cache.get(ref.id)
        if entry is None:
            raise _unknown(ref.id)
        photos.append(AttachedPhoto(entry.analysis, alt=ref.alt, index=index))
    return photos


def _cached(request: web.Request) -> CachedPhoto:
    key = request.match_info["photo_id"]
    entry = request.app[PHOTOS].cache.get(key)
    if entry is None:
        raise _unknown(key)
    return entry


def _unknown(key: str) -> NotFound:
    return NotFound(
        "The helper has no photo with this id: send it to POST /v1/photos first (photos are forgotten on restart).",
        details={"photo": key},
    )


def _image(data: bytes, mime: str, filename: str) -> web.Response:
    return web.Response(body=data, content_type=mime, headers={**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{filename}"'})
