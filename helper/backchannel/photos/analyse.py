"""Bytes in, everything the photo rules need out: one decode, then measurements.

CPU work: the server calls this in a worker thread. It touches nothing but
its arguments (no store, no settings).
"""

from __future__ import annotations

from backchannel.photos.decode import decode_for_display, display_size
from backchannel.photos.measure import brightness_and_contrast, sharpness
from backchannel.photos.model import Box, Measurements, PhotoAnalysis, Slide
from backchannel.photos.limits import effective_width
from backchannel.photos.slide import Screen, find_screen

CROP_MARGIN = 0.04  # of the slide's size on each side, so its edges survive the crop
CROP_GAIN = 1.25  # offer a crop only when, shown in the same space, the slide comes out at least this much larger


def analyse_photo(data: bytes) -> PhotoAnalysis:
    decoded = decode_for_display(data)
    luma = decoded.luma
    brightness, contrast = brightness_and_contrast(luma)
    screen = find_screen(luma)
    slide, crop = _slide_and_crop(screen, luma.size, (decoded.width, decoded.height), (decoded.display_width, decoded.display_height))
    return PhotoAnalysis(
        format=decoded.format,
        width=decoded.width,
        height=decoded.height,
        display_width=decoded.display_width,
        display_height=decoded.display_height,
        bytes=len(data),
        measurements=Measurements(brightness, contrast, sharpness(luma), None if screen is None else screen.backlit),
        slide=slide,
        crop=crop,
        metadata=decoded.metadata,
    )


def _slide_and_crop(
    screen: Screen | None, measured: tuple[int, int], photo: tuple[int, int], display: tuple[int, int]
) -> tuple[Slide | None, Box | None]:
    if screen is None:
        return None, None
    left, top, right, bottom = screen.box
    sx, sy = photo[0] / measured[0], photo[1] / measured[1]
    box = Box(round(left * sx), round(top * sy), min(photo[0], round(right * sx)), min(photo[1], round(bottom * sy)))
    shown = display[0] / photo[0]
    display_width = round(effective_width(box.width * shown, box.height * shown))
    crop = _crop_box(box, photo)
    crop_shown = min(display_size(crop.width, crop.height)[0] / crop.width, 1.0)
    cropped_width = round(effective_width(box.width * crop_shown, box.height * crop_shown))
    slide = Slide(box=box, share=screen.share, display_width=display_width, cropped_width=cropped_width)
    # Even without more pixels a crop helps on a phone: the slide fills the screen instead of a corner of it.
    gain = min(photo[0] / crop.width, photo[1] / crop.height)
    return slide, (crop if gain >= CROP_GAIN else None)


def _crop_box(box: Box, photo: tuple[int, int]) -> Box:
    margin_x, margin_y = round(box.width * CROP_MARGIN), round(box.height * CROP_MARGIN)
    return Box(max(0, box.left - margin_x), max(0, box.top - margin_y), min(photo[0], box.right + margin_x), min(photo[1], box.bottom + margin_y))
