"""Decoding: every mode to luminance, orientation, first frames, and no more pixels than needed."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from backchannel.photos.decode import decode_for_display, display_size
from backchannel.photos.limits import DECODE_LONG_SIDE, DISPLAY_LONG_SIDE
from tests.photos.files import animated_gif, grey, save, with_orientation


def brightness(data: bytes) -> float:
    luma = decode_for_display(data).luma
    return sum(v * n for v, n in enumerate(luma.histogram())) / (luma.width * luma.height)


def test_display_size_fits_the_long_side_and_never_enlarges() -> None:
    assert display_size(4000, 3000) == (1200, 900)
    assert display_size(3000, 4000) == (900, 1200)
    assert display_size(600, 450) == (600, 450)
    assert display_size(1200, 193) == (1200, 193)


def test_a_12_megapixel_jpeg_is_decoded_at_a_quarter_not_in_full() -> None:
    photo = save(Image.linear_gradient("L").resize((4000, 3000)).convert("RGB"), "JPEG")
    decoded = decode_for_display(photo)
    # libjpeg's 1/4 scale: about the display size, and 16 times fewer pixels than the file holds.
    assert decoded.luma.size == (1000, 750)
    assert (decoded.width, decoded.height) == (4000, 3000)
    assert (decoded.display_width, decoded.display_height) == (1200, 900)


def test_a_jpeg_between_scales_is_decoded_large_enough_then_fitted_to_the_display() -> None:
    decoded = decode_for_display(save(Image.new("RGB", (2400, 1800), "grey"), "JPEG"))
    assert decoded.luma.size == (DISPLAY_LONG_SIDE, 900)


def test_large_pngs_are_reduced_before_conversion() -> None:
    decoded = decode_for_display(save(Image.new("RGBA", (3100, 2000), (10, 20, 30, 255)), "PNG"))
    assert max(decoded.luma.size) <= DISPLAY_LONG_SIDE
    assert max(decoded.luma.size) >= DECODE_LONG_SIDE


@pytest.mark.parametrize(
    ("image", "fmt", "expected"),
    [
        (Image.new("RGB", (40, 30), (255, 255, 255)), "PNG", 255),
        (Image.new("L", (40, 30), 100), "PNG", 100),
        (Image.new("1", (40, 30), 1), "PNG", 255),
        (Image.new("CMYK", (40, 30), (0, 0, 0, 0)), "JPEG", 255),  # no ink: white paper
        (Image.new("I;16", (40, 30), 40000), "PNG", 155.6),  # scaled from 16 bits, not clipped to 255
        (Image.new("RGBA", (40, 30), (0, 0, 0, 0)), "PNG", 255),  # transparent shows X's white page, not black
        (Image.new("LA", (40, 30), (0, 255)), "PNG", 0),
        (Image.new("RGB", (40, 30), (0, 0, 0)), "WEBP", 0),
    ],
    ids=["rgb", "grey", "1-bit", "cmyk-jpeg", "16-bit", "transparent-rgba", "opaque-la", "webp"],
)
def test_every_mode_becomes_the_luminance_people_see(image: Image.Image, fmt: str, expected: float) -> None:
    assert brightness(save(image, fmt)) == pytest.approx(expected, abs=1.5)


def test_a_palette_image_with_a_transparent_colour_shows_it_as_white() -> None:
    image = Image.new("P", (40, 30), 0)
    image.putpalette([0, 0, 0] * 256)
    assert brightness(save(image, "PNG", transparency=0)) == pytest.approx(255, abs=1)


def test_an_animation_is_judged_by_its_first_frame() -> None:
    assert brightness(animated_gif()) == pytest.approx(255, abs=1)


def test_exif_orientation_is_applied_before_measuring() -> None:
    stored = Image.new("L", (400, 300), 0)
    ImageDraw.Draw(stored).rectangle((0, 0, 399, 59), fill=255)  # a bright band along the stored top edge
    decoded = decode_for_display(with_orientation(stored.convert("RGB"), 6))  # 6: turn 90° clockwise to view
    assert (decoded.width, decoded.height) == (300, 400)
    assert decoded.luma.size == (300, 400)
    assert decoded.metadata.orientation == 6
    # The stored top edge is on the right once the photo is turned upright.
    assert grey(decoded.luma, (290, 200)) > 200
    assert grey(decoded.luma, (10, 200)) < 50
