"""The numbers that bound photo work: what we accept, and the size people see.

Kept free of Pillow so the server and the rules can read them cheaply.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from backchannel.errors import ImageError

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

MAX_PIXEL_FRAMES = MAX_PIXELS // 2
"""Pixels × frames an animation may cost to re-encode (25 M: 25 frames of 1000×1000, 190 of 480×270).

Every frame is composed at the full screen size, whatever the file says a frame
covers: 900 one-pixel frames on a 1000×1000 screen are 900 megapixels of work
from a 20 KB file. Frames are held in RGB while the writer makes its own copies,
so this costs about what the largest still photo does decoded (150 MB)."""

SECONDS = 15.0
"""The work on one photo stops after this long, inside the work, so its worker is free at once."""

FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
"""What we open. Pillow's JPEG reader also opens MPO, the multi-picture JPEG many phones write."""

SLIDE_ASPECT = 16 / 9
"""The widest common slide format."""


def effective_width(width: float, height: float) -> float:
    """How wide a slide on a screen this size is: a screen wider than 16:9 shows its slide at its height."""
    return min(width, height * SLIDE_ASPECT)


@dataclass
class Budget:
    """What the work on one photo may cost, checked inside the work as it goes.

    A thread cannot be stopped from outside: a photo over its budget must stop
    itself, so that the worker it holds is free for the next photo at once.
    ``start`` is called when the work begins (not while it waits for a worker).
    """

    seconds: float = SECONDS
    pixel_frames: int = MAX_PIXEL_FRAMES
    output_bytes: int = MAX_BYTES
    deadline: float = field(default=float("inf"), init=False)

    def start(self) -> "Budget":
        self.deadline = time.monotonic() + self.seconds
        return self

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise ImageError(f"The photo took more than {self.seconds:g} s to process.", details={"reason": "timeout"})

    def check_frames(self, width: int, height: int, frames: int) -> None:
        """Before any frame is decoded: the whole animation's pixels, as declared."""
        if width * height * frames > self.pixel_frames:
            raise ImageError(
                f"The animation is {frames} frames of {width}×{height} ({width * height * frames / 1e6:.0f} megapixels in all);"
                f" the limit is {self.pixel_frames // 1_000_000}.",
                details={"reason": "too_many_frames", "frames": frames, "width": width, "height": height, "limit": self.pixel_frames},
            )

    def check_output(self, size: int) -> None:
        if size > self.output_bytes:
            raise ImageError(
                f"The result would be {size / 1_048_576:.0f} MiB; the limit is {self.output_bytes // 1_048_576} MiB.",
                details={"reason": "too_large"},
            )
