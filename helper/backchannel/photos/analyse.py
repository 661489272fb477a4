"""Bytes in, everything the photo rules need out: one decode, then measurements.

The order matters: text is detected at the timeline size first, because
the text tells where the screen is (a dark-theme slide is not bright); the
screen then bounds the second, opened-size look for small text, and the
exposure is measured on the screen, not on the hall around it.

CPU work: the server calls this in a worker thread. It touches nothing but
its arguments (no store, no settings).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from backchannel.errors import BadRequest
from backchannel.photos.decode import Decoded, decode_for_display, display_size
from backchannel.photos.limits import Budget, effective_width
from backchannel.photos.measure import brightness_and_contrast, sharpness
from backchannel.photos.model import Box, Measurements, PhotoAnalysis, Quad, Slide, TextLine, TextReading
from backchannel.photos.slide import find_screen

if TYPE_CHECKING:
    import numpy as np

    from backchannel.photos.ocr import Detected
    from backchannel.photos.screen import ScreenQuad

CROP_MARGIN = 0.04  # of the slide's size on each side, so its edges survive the crop
CROP_GAIN = 1.25  # offer a crop only when, shown in the same space, the slide comes out at least this much larger


def analyse_photo(
    data: bytes,
    *,
    read_text: bool = True,
    budget: Budget | None = None,
    on_quick: Callable[[PhotoAnalysis], None] | None = None,
    original: tuple[int, int] | None = None,
) -> PhotoAnalysis:
    """Measure the photo; ``read_text=False`` skips the OCR engine (brightness, sharpness and the bright screen only).

    ``on_quick`` gets that quick analysis (the same as ``read_text=False`` would return) as soon
    as it is measured, before the text is looked for: the server answers with it while the
    slide is being read, from the one decode.

    ``budget`` is checked between the stages (decoding, measuring, finding the text, finding the
    screen, reading): a photo over its time stops itself there and frees its worker.

    ``original`` (width, height): ``data`` is a smaller copy of a photo of that size, made by
    the page so the first answer need not wait for the whole file. Everything the quick
    analysis measures is measured at the display size (at most ``DISPLAY_LONG_SIDE``), which a
    copy of at least that size holds in full, and the sizes (the photo's, the slide's box and
    displayed width) are those of the original: see docs/PHOTOS.md "A copy first"."""
    import numpy as np
    from PIL import Image

    from backchannel.photos import legibility
    from backchannel.photos.screen import find_screen_quad

    budget = budget or Budget().start()
    decoded = decode_for_display(data)
    if original is not None:
        decoded = standing_for(decoded, original)
    budget.check_time()
    luma = decoded.luma
    brightness, contrast = brightness_and_contrast(luma)
    bright = find_screen(luma)
    measurements = Measurements(brightness, contrast, sharpness(luma), None if bright is None else bright.backlit)
    timeline_image = luma.resize(legibility.timeline_size(*luma.size), Image.Resampling.BOX)
    timeline = np.asarray(timeline_image)
    to_timeline = timeline_image.width / luma.width
    bright_box = None if bright is None else tuple(v * to_timeline for v in bright.box)
    budget.check_time()
    if not read_text or on_quick is not None:
        quick = _assemble(data, decoded, measurements, find_screen_quad(timeline, [], bright_box), timeline, to_timeline, None)  # type: ignore[arg-type]
        if not read_text:
            return quick
        assert on_quick is not None
        on_quick(replace(quick, text_pending=True))
    display = np.asarray(luma)
    found = legibility.detect_at_timeline(display, timeline)
    budget.check_time()
    screen = find_screen_quad(timeline, found.timeline_lines, bright_box)  # type: ignore[arg-type]
    screen_display = None if screen is None else _scale_quad(screen.quad, 1 / to_timeline)
    extra = legibility.detect_on_screen(display, screen_display, found.lines)
    lines = found.lines + extra
    budget.check_time()
    texts = legibility.read_lines(display, lines)
    budget.check_time()
    reading = _reading(lines, texts, screen_display, (decoded.width, decoded.height), luma.size, timeline_image.size)
    return _assemble(data, decoded, measurements, screen, timeline, to_timeline, reading)


COPY_ASPECT_TOLERANCE = 0.02
"""How far a copy's shape may stray from its original's (a page rounds the copy's sides to whole pixels)."""


def standing_for(decoded: Decoded, original: tuple[int, int]) -> Decoded:
    """The copy's decode, sized as the original it stands for; a copy of another shape, or larger than it, is refused."""
    width, height = original
    if decoded.width > width or decoded.height > height:
        raise BadRequest(
            f"The copy ({decoded.width}×{decoded.height}) is larger than the original it stands for ({width}×{height}).",
            details={"parameter": "original"},
        )
    expected_height = decoded.width * height / width
    if abs(decoded.height - expected_height) > max(2.0, COPY_ASPECT_TOLERANCE * expected_height):
        raise BadRequest(
            f"The copy ({decoded.width}×{decoded.height}) is not the shape of the original it stands for ({width}×{height}).",
            details={"parameter": "original"},
        )
    display_width, display_height = display_size(width, height)
    return replace(decoded, width=width, height=height, display_width=display_width, display_height=display_height)


def _assemble(
    data: bytes,
    decoded: Decoded,
    measurements: Measurements,
    screen: ScreenQuad | None,
    timeline: np.ndarray,
    to_timeline: float,
    reading: TextReading | None,
) -> PhotoAnalysis:
    photo_size, display_size_ = (decoded.width, decoded.height), (decoded.display_width, decoded.display_height)
    slide, crop = _slide_and_crop(screen, timeline, to_timeline, decoded.luma.size, photo_size, display_size_)
    return PhotoAnalysis(
        format=decoded.format,
        width=decoded.width,
        height=decoded.height,
        display_width=decoded.display_width,
        display_height=decoded.display_height,
        bytes=len(data),
        measurements=measurements,
        slide=slide,
        crop=crop,
        metadata=decoded.metadata,
        text=reading,
    )


def _scale_quad(quad: Quad, scale: float) -> Quad:
    return tuple((x * scale, y * scale) for x, y in quad)  # type: ignore[return-value]


def _reading(
    lines: list[Detected],
    texts: dict[int, tuple[str, float]],
    screen: Quad | None,
    photo: tuple[int, int],
    measured: tuple[int, int],
    timeline: tuple[int, int],
) -> TextReading:
    """The lines (found in the measured image's pixels) in the photo's pixels, with their heights at both display sizes."""
    from backchannel.photos.screen import centre, inside

    to_photo = photo[0] / measured[0]
    opened = display_size(*photo)
    to_opened = opened[0] / measured[0]  # the measured image is the display size, or a little less for a small photo
    to_timeline = timeline[0] / measured[0]
    out = []
    for i, line in enumerate(lines):
        text, confidence = texts.get(i, (None, 0.0))
        out.append(
            TextLine(
                quad=_scale_quad(line.corners, to_photo),
                timeline_height=line.height * to_timeline,
                opened_height=line.height * to_opened,
                text=text,
                confidence=confidence,
                on_slide=screen is None or inside(centre(line.corners), screen),
            )
        )
    out.sort(key=lambda line: -line.opened_height)
    return TextReading(tuple(out), timeline, opened)


def _slide_and_crop(
    screen: ScreenQuad | None,
    timeline: np.ndarray,
    to_timeline: float,
    measured: tuple[int, int],
    photo: tuple[int, int],
    display: tuple[int, int],
) -> tuple[Slide | None, Box | None]:
    from backchannel.photos.screen import quad_area, quad_size

    if screen is None:
        return None, None
    height, width = timeline.shape[:2]
    to_photo = photo[0] / width
    quad = tuple((min(float(photo[0]), max(0.0, x * to_photo)), min(float(photo[1]), max(0.0, y * to_photo))) for x, y in screen.quad)
    xs, ys = [x for x, _ in quad], [y for _, y in quad]
    box = Box(max(0, round(min(xs))), max(0, round(min(ys))), min(photo[0], round(max(xs))), min(photo[1], round(max(ys))))
    if box.width < 1 or box.height < 1:
        return None, None
    shown = display[0] / photo[0]
    quad_width, quad_height = quad_size(quad)  # type: ignore[arg-type]
    display_width = round(effective_width(quad_width * shown, quad_height * shown))
    crop = _crop_box(box, photo)
    crop_shown = min(display_size(crop.width, crop.height)[0] / crop.width, 1.0)
    cropped_width = round(effective_width(quad_width * crop_shown, quad_height * crop_shown))
    share = quad_area(screen.quad) / float(width * height)
    slide = Slide(
        box=box,
        share=share,
        display_width=display_width,
        cropped_width=cropped_width,
        quad=quad,  # type: ignore[arg-type]
        found_by=screen.found_by,
        brightness=_mean_inside(timeline, screen.quad),
    )
    # Even without more pixels a crop helps on a phone: the slide fills the screen instead of a corner of it.
    gain = min(photo[0] / crop.width, photo[1] / crop.height)
    return slide, (crop if gain >= CROP_GAIN else None)


def _mean_inside(gray: np.ndarray, quad: Quad) -> float:
    import cv2
    import numpy as np

    mask = np.zeros(gray.shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, np.array([[round(x), round(y)] for x, y in quad], np.int32), 255)
    if not mask.any():
        return float(gray.mean())
    return float(cv2.mean(gray, mask=mask)[0])


def _crop_box(box: Box, photo: tuple[int, int]) -> Box:
    margin_x, margin_y = round(box.width * CROP_MARGIN), round(box.height * CROP_MARGIN)
    return Box(max(0, box.left - margin_x), max(0, box.top - margin_y), min(photo[0], box.right + margin_x), min(photo[1], box.bottom + margin_y))
