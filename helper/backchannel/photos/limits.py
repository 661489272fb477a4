"""The numbers that bound photo work: what we accept, and the size people see.

Kept free of Pillow so the server and the rules can read them cheaply.
"""

from __future__ import annotations

MAX_BYTES = 20 * 1024 * 1024
"""The largest file we read (20 MiB): above any phone photo, below harm."""

MAX_PIXELS = 50_000_000
"""Declared pixels allowed before decoding (50 MP): a 48 MP phone photo fits; a bomb does not."""

DISPLAY_LONG_SIDE = 1200
"""X shows a photo at most about 1200 px on its long side: everything is judged at that size."""

DECODE_LONG_SIDE = 1000
"""JPEGs are decoded at the smallest 1/2, 1/4 or 1/8 scale that keeps at least this long side.

About the display size (five sixths of it): sharpness is judged on what people
see, never on a 1/8 thumbnail where blur no longer shows.
"""

FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
"""What we open. Pillow's JPEG reader also opens MPO, the multi-picture JPEG many phones write."""

SLIDE_ASPECT = 16 / 9
"""The widest common slide format."""


def effective_width(width: float, height: float) -> float:
    """How wide a slide on a screen this size is: a screen wider than 16:9 shows its slide at its height."""
    return min(width, height * SLIDE_ASPECT)
