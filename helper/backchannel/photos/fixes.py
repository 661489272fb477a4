"""The two fixes a photo can get: cropped to its slide, and a copy without metadata.

Both start again from the original bytes (the analysis keeps only a small
luminance image) and go through the same safe opening as the analysis.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Iterator

from PIL import Image

from backchannel.errors import ImageError
from backchannel.photos.decode import open_image, orient, oriented_size, reading, to_rgb
from backchannel.photos.limits import Budget
from backchannel.photos.metadata import read_metadata
from backchannel.photos.model import Box

CROP_LONG_SIDE = 2048  # X's largest photo size: a crop bigger than this only costs bytes
MAX_FRAMES = 1000  # an animation with more frames is refused rather than re-encoded

_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
# What a re-encoded picture keeps of Pillow's ``info``: how to show the pixels, nothing else.
# Pillow's writers copy the rest by default (a GIF's or a JPEG's comment above all).
_PIXEL_INFO = frozenset({"transparency", "duration", "loop", "background", "disposal"})
# APPn blocks a clean JPEG keeps: they describe how to show the pixels, not who took them or where.
_KEEP_SEGMENTS = {0xE0: (b"JFIF\x00", b"JFXX\x00"), 0xE2: (b"ICC_PROFILE\x00",), 0xEE: (b"Adobe",)}


@dataclass(frozen=True, slots=True)
class Output:
    data: bytes
    mime: str

    @property
    def extension(self) -> str:
        return {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif"}[self.mime]


def crop_to_box(data: bytes, box: Box, *, quality: int = 90, budget: Budget | None = None) -> Output:
    """The photo cropped to ``box`` (in its oriented pixels), as a JPEG with no metadata."""
    budget = budget or Budget().start()
    image = open_image(data)
    width, height = image.size
    with reading():
        orientation = read_metadata(image).orientation
        scale = 1
        if image.format in ("JPEG", "MPO"):
            # Decode at the largest 1/2, 1/4, 1/8 reduction that still gives the crop its full output size.
            scale = next((s for s in (8, 4, 2) if max(box.width, box.height) / s >= CROP_LONG_SIDE), 1)
            if scale > 1:
                image.draft("RGB", (math.ceil(width / scale), math.ceil(height / scale)))
        image.load()
        picture = orient(to_rgb(image), orientation)
    full_width, full_height = oriented_size(width, height, orientation)
    fx, fy = picture.width / full_width, picture.height / full_height
    region = (
        max(0, math.floor(box.left * fx)),
        max(0, math.floor(box.top * fy)),
        min(picture.width, math.ceil(box.right * fx)),
        min(picture.height, math.ceil(box.bottom * fy)),
    )
    if region[2] - region[0] < 1 or region[3] - region[1] < 1:
        raise ImageError("The crop box is outside the photo.", details={"box": box.to_list()})
    budget.check_time()
    cropped = _bare(picture.crop(region))
    if max(cropped.size) > CROP_LONG_SIDE:
        cropped.thumbnail((CROP_LONG_SIDE, CROP_LONG_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    cropped.save(out, "JPEG", quality=quality, icc_profile=image.info.get("icc_profile"))
    budget.check_output(out.tell())
    return Output(out.getvalue(), "image/jpeg")


def strip_metadata(data: bytes, budget: Budget | None = None) -> Output:
    """A copy without EXIF (GPS included), XMP, IPTC or comments; rotation baked into the pixels.

    A JPEG that needs no rotation loses only its metadata blocks, byte for
    byte the same picture; anything else is decoded and saved again, within
    ``budget`` (pixels × frames before decoding, time between frames, bytes out).
    """
    budget = budget or Budget().start()
    image = open_image(data)
    with reading():
        orientation = read_metadata(image).orientation
    if image.format in ("JPEG", "MPO") and orientation == 1:
        stripped = _strip_jpeg_segments(data)
        if stripped is not None:
            return Output(stripped, "image/jpeg")
    output = _reencode(image, orientation, budget)
    budget.check_output(len(output.data))
    return output


def _bare(image: Image.Image) -> Image.Image:
    """``image`` with only the ``info`` that says how to show its pixels (see _PIXEL_INFO)."""
    image.info = {key: value for key, value in image.info.items() if key in _PIXEL_INFO}
    return image


class _Frames(list[Image.Image]):
    """An animation's frames for a writer: the time budget is checked before each frame is written.

    A list (Pillow's writers go over append_images more than once), whose every pass
    checks the budget, so encoding stops as soon as the photo is over its time."""

    def __init__(self, frames: list[Image.Image], budget: Budget) -> None:
        super().__init__(frames)
        self.budget = budget

    def __iter__(self) -> Iterator[Image.Image]:
        for frame in super().__iter__():
            self.budget.check_time()
            yield frame


def _frames(image: Image.Image, count: int, budget: Budget) -> _Frames:
    """Frames 1… of an animation, each a bare copy, the budget checked before each is composed."""
    frames = []
    for index in range(1, count):
        budget.check_time()
        image.seek(index)
        frames.append(_bare(image.copy()))
    return _Frames(frames, budget)


def _reencode(image: Image.Image, orientation: int, budget: Budget) -> Output:
    fmt = "JPEG" if image.format == "MPO" else (image.format or "PNG")
    icc = image.info.get("icc_profile")
    out = io.BytesIO()
    with reading():
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_FRAMES:
            raise ImageError(f"The animation has {frames} frames; the limit for a clean copy is {MAX_FRAMES}.", details={"reason": "too_many_frames"})
        animated = frames > 1 and fmt != "JPEG"  # an MPO's second picture is dropped, not re-encoded
        budget.check_frames(*image.size, frames if animated else 1)
        if animated:
            # Animations are re-saved frame by frame (their formats put no rotation in EXIF),
            # from bare copies: the writers would otherwise carry the first frame's comment over.
            image.load()
            first = _bare(image.copy())
            first.save(out, fmt, save_all=True, append_images=_frames(image, frames, budget), loop=image.info.get("loop", 0))
        else:
            image.load()
            picture = _bare(orient(image, orientation))
            if fmt == "JPEG":
                to_rgb(picture).save(out, "JPEG", quality=95, icc_profile=icc)
            elif fmt == "PNG":
                picture.save(out, "PNG", icc_profile=icc)
            elif fmt == "WEBP":
                picture.save(out, "WEBP", quality=95, icc_profile=icc)
            else:
                picture.save(out, fmt)
    return Output(out.getvalue(), _MIME[fmt])


def _strip_jpeg_segments(data: bytes) -> bytes | None:
    """The JPEG without its metadata segments, or None if its structure is not the usual one."""
    out = [b"\xff\xd8"]
    i, size = 2, len(data)
    while i + 4 <= size:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte before a marker
            i += 1
            continue
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if length < 2 or i + 2 + length > size:
            return None
        if marker == 0xDA:
            # Start of scan: the image data runs to the first end-of-image marker
            # (0xFFD9 cannot occur inside it). Anything after it, such as the
            # extra pictures of an MPO file with their own EXIF, is dropped.
            end = data.find(b"\xff\xd9", i + 2 + length)
            if end < 0:
                return None
            out.append(data[i : end + 2])
            return b"".join(out)
        segment = data[i : i + 2 + length]
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:  # APPn blocks and comments
            if segment[4:].startswith(_KEEP_SEGMENTS.get(marker, ())):
                out.append(segment)
        else:
            out.append(segment)
        i += 2 + length
    return None

