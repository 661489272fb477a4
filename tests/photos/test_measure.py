from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFilter

from backchannel.photos.measure import brightness_and_contrast, histogram_stats, sharpness


def checkerboard(size: int = 240, square: int = 8) -> Image.Image:
    image = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(image)
    for y in range(0, size, square):
        for x in range((y // square) % 2 * square, size, 2 * square):
            draw.rectangle((x, y, x + square - 1, y + square - 1), fill=255)
    return image


def test_histogram_stats() -> None:
    histogram = [0] * 256
    histogram[10], histogram[30] = 1, 1
    assert histogram_stats(histogram) == (20.0, 100.0)
    assert histogram_stats([0] * 256) == (0.0, 0.0)


def test_brightness_and_contrast() -> None:
    assert brightness_and_contrast(Image.new("L", (50, 50), 77)) == (77.0, 0.0)
    assert brightness_and_contrast(checkerboard()) == pytest.approx((127.5, 127.5))


def test_a_flat_image_has_no_sharpness_not_even_from_its_border() -> None:
    # Pillow leaves the border unfiltered; counted, it would make a flat grey look sharp.
    assert sharpness(Image.new("L", (100, 80), 200)) == 0.0


def test_blur_lowers_sharpness_by_far() -> None:
    sharp = sharpness(checkerboard())
    blurred = sharpness(checkerboard().filter(ImageFilter.GaussianBlur(2)))
    assert sharp > 10_000
    assert blurred < sharp / 10


def test_tiny_images_have_no_measurable_sharpness() -> None:
    assert sharpness(Image.new("L", (2, 2), 9)) == 0.0


# Pillow's own 3×3 kernel filter, on which the sharpness thresholds were set: OpenCV's Laplacian
# must give the very values it gives, rounding and saturation included.
_PILLOW_LAPLACIAN = ImageFilter.Kernel((3, 3), (0, 1, 0, 1, -4, 1, 0, 1, 0), scale=2, offset=128)


def _pillow_sharpness(luma: Image.Image) -> float:
    edges = luma.filter(_PILLOW_LAPLACIAN)
    _, variance = histogram_stats(edges.crop((1, 1, edges.width - 1, edges.height - 1)).histogram())
    return variance * 4


@pytest.mark.parametrize("seed", range(12))
def test_sharpness_is_the_variance_pillows_kernel_filter_gives(seed: int) -> None:
    import numpy as np

    rnd = np.random.default_rng(seed)
    height, width = (int(v) for v in rnd.integers(3, 90, size=2))
    if seed % 3 == 0:
        pixels = rnd.integers(0, 256, (height, width), dtype=np.uint8)  # noise: odd sums, every rounding case
    elif seed % 3 == 1:
        pixels = ((np.indices((height, width)).sum(axis=0) % 2) * 255).astype(np.uint8)  # ±1020: saturates both ways
    else:
        pixels = np.clip(rnd.normal(128, 30, (height, width)), 0, 255).astype(np.uint8)
    image = Image.fromarray(pixels)
    assert sharpness(image) == _pillow_sharpness(image)
    assert sharpness(checkerboard()) == _pillow_sharpness(checkerboard())
