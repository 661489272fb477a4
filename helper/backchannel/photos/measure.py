"""Brightness, contrast and sharpness of a luminance image at display size.

All three come from 256-bin histograms, which Pillow fills in C: exact for
8-bit data and cheap at a megapixel.
"""

from __future__ import annotations

from typing import Sequence

from PIL import Image

# Sharpness is the variance of the 4-neighbour Laplacian as an 8-bit image: halved and centred
# on 128, rounded half up, edges stronger than ±255 saturating (which only lowers the score of
# photos that are sharp anyway). The thresholds were set on those values; OpenCV computes them
# (tests/photos/test_measure.py holds them equal to Pillow's 3×3 kernel filter's, value for value).
_HALF_UP_CENTRED = 257  # (laplacian + 257) >> 1 == floor(laplacian / 2 + 128.5)


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
    looks sharp whatever the original was. The one-pixel border has no four
    neighbours and is left out.
    """
    if luma.width < 3 or luma.height < 3:
        return 0.0
    import cv2
    import numpy as np

    laplacian = cv2.Laplacian(np.asarray(luma), cv2.CV_16S, ksize=1)[1:-1, 1:-1]
    stored = np.clip(np.right_shift(laplacian + _HALF_UP_CENTRED, 1), 0, 255).astype(np.uint8)
    _, variance = histogram_stats(Image.fromarray(stored).histogram())
    return variance * 4  # undo the halving
