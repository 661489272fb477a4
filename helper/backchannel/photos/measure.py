"""Brightness, contrast and sharpness of a luminance image at display size.

All three come from 256-bin histograms, which Pillow fills in C: exact for
8-bit data and cheap at a megapixel.
"""

from __future__ import annotations

from typing import Sequence

from PIL import Image, ImageFilter

# The 4-neighbour Laplacian, halved (scale=2) and centred on 128 so that it
# fits in 8 bits: edges stronger than ±255 saturate, which only lowers the
# score of photos that are sharp anyway.
_LAPLACIAN = ImageFilter.Kernel((3, 3), (0, 1, 0, 1, -4, 1, 0, 1, 0), scale=2, offset=128)


def histogram_stats(histogram: Sequence[int]) -> tuple[float, float]:
    """Mean and variance of the values a 256-bin histogram counts."""
    count = sum(histogram)
    if not count:
        return 0.0, 0.0
    total = sum(value * n for value, n in enumerate(histogram))
    squares = sum(value * value * n for value, n in enumerate(histogram))
    mean = total / count
    return mean, max(0.0, squares / count - mean * mean)


def brightness_and_contrast(luma: Image.Image) -> tuple[float, float]:
    """Mean luminance (0-255) and RMS contrast (its standard deviation)."""
    mean, variance = histogram_stats(luma.histogram())
    return mean, variance**0.5


def sharpness(luma: Image.Image) -> float:
    """Variance of the Laplacian: how much fine detail survives at this size.

    It must be measured at the size people see the photo: a downscaled copy
    looks sharp whatever the original was.
    """
    if luma.width < 3 or luma.height < 3:
        return 0.0
    edges = luma.filter(_LAPLACIAN)
    # Pillow leaves the one-pixel border unfiltered (raw luminance): leave it out.
    inner = edges.crop((1, 1, edges.width - 1, edges.height - 1))
    _, variance = histogram_stats(inner.histogram())
    return variance * 4  # undo the halving
