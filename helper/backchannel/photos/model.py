"""What we know about a photo, as plain frozen dataclasses (no Pillow here).

Coordinates are in the photo's own pixels with its EXIF orientation applied,
the way every viewer shows it. "Display" sizes are the photo fitted into
``DISPLAY_LONG_SIDE`` (X never shows more), which is what a follower sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle, right and bottom exclusive (Pillow's crop convention)."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    def to_list(self) -> list[int]:
        return [self.left, self.top, self.right, self.bottom]


@dataclass(frozen=True, slots=True)
class GpsPosition:
    """Where the photo was taken; latitude/longitude are None when the file only hints at it (XMP)."""

    latitude: float | None
    longitude: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"latitude": self.latitude, "longitude": self.longitude}

    def describe(self) -> str:
        if self.latitude is None or self.longitude is None:
            return "a GPS position"
        lat = f"{abs(self.latitude):.4f}°{'N' if self.latitude >= 0 else 'S'}"
        lon = f"{abs(self.longitude):.4f}°{'E' if self.longitude >= 0 else 'W'}"
        return f"its GPS position ({lat}, {lon})"


@dataclass(frozen=True, slots=True)
class MetadataFacts:
    """What the file says about itself, beyond its pixels."""

    orientation: int = 1  # the EXIF orientation tag, 1 (as stored) to 8
    kinds: tuple[str, ...] = ()  # which blocks it carries: exif, gps, xmp, iptc, comment
    gps: GpsPosition | None = None
    camera: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "orientation": self.orientation,
            "kinds": list(self.kinds),
            "gps": None if self.gps is None else self.gps.to_dict(),
            "camera": self.camera,
        }


@dataclass(frozen=True, slots=True)
class Measurements:
    """Measured on the luminance at (about) display size."""

    brightness: float  # mean luminance, 0 (black) to 255 (white)
    contrast: float  # RMS contrast: the standard deviation of luminance, 0 to 127.5
    sharpness: float  # variance of the 4-neighbour Laplacian at display size
    backlit: float | None  # share of the bright region covered by a dark shape in front of it; None without one

    def to_dict(self) -> dict[str, Any]:
        return {
            "brightness": round(self.brightness, 1),
            "contrast": round(self.contrast, 1),
            "sharpness": round(self.sharpness, 1),
            "backlit": None if self.backlit is None else round(self.backlit, 3),
        }


Point = tuple[float, float]
Quad = tuple[Point, Point, Point, Point]  # corners clockwise from the top-left, in the photo's pixels


def quad_to_list(quad: Quad) -> list[list[float]]:
    return [[round(x, 1), round(y, 1)] for x, y in quad]


@dataclass(frozen=True, slots=True)
class Slide:
    """The projected screen, monitor or sign: a quadrilateral (a screen seen from the side is a trapezoid)."""

    box: Box  # the quadrilateral's bounding box, in the photo's pixels
    share: float  # of the frame's area
    display_width: int  # its effective width in display pixels (see ``slide.effective_width``)
    cropped_width: int  # its effective width in display pixels once the photo is cropped to it
    quad: Quad | None = None  # its four corners; None when only a bright box is known
    found_by: str = "brightness"  # what found it: "outline" (edges), "brightness", or "text" (the cluster of text lines)
    brightness: float | None = None  # mean luminance inside it: the exposure of the subject, not of the hall

    def to_dict(self) -> dict[str, Any]:
        return {
            "box": self.box.to_list(),
            "share": round(self.share, 4),
            "display_width": self.display_width,
            "cropped_width": self.cropped_width,
            "quad": None if self.quad is None else quad_to_list(self.quad),
            "found_by": self.found_by,
            "brightness": None if self.brightness is None else round(self.brightness, 1),
        }


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text the detector found, with its height where followers see it."""

    quad: Quad  # in the photo's pixels
    timeline_height: float  # line height in pixels in the timeline preview (see ``legibility.TIMELINE_WIDTH``)
    opened_height: float  # line height in pixels with the photo opened (at the display size)
    text: str | None = None  # what the recogniser read; None: not read (only the largest lines are)
    confidence: float = 0.0  # the recogniser's confidence, 0 to 1
    on_slide: bool = True  # inside the slide's quadrilateral (or no slide was found)

    @property
    def recognised(self) -> bool:
        """Read with confidence, and at least three letters or digits: two-letter guesses are usually noise."""
        return self.text is not None and self.confidence >= RECOGNISED_CONFIDENCE and sum(c.isalnum() for c in self.text) >= 3

    def to_dict(self) -> dict[str, Any]:
        return {
            "quad": quad_to_list(self.quad),
            "timeline_height": round(self.timeline_height, 1),
            "opened_height": round(self.opened_height, 1),
            "text": self.text,
            "confidence": round(self.confidence, 3),
            "recognised": self.recognised,
            "on_slide": self.on_slide,
        }


RECOGNISED_CONFIDENCE = 0.8


@dataclass(frozen=True, slots=True)
class TextReading:
    """The text found in the photo, measured at the two sizes X shows it."""

    lines: tuple[TextLine, ...]  # largest first
    timeline_size: tuple[int, int]  # the photo's size in the timeline preview
    opened_size: tuple[int, int]  # and opened (the display size)

    def to_dict(self) -> dict[str, Any]:
        return {
            "timeline": {"width": self.timeline_size[0], "height": self.timeline_size[1]},
            "opened": {"width": self.opened_size[0], "height": self.opened_size[1]},
            "lines": [line.to_dict() for line in self.lines],
        }

    def read_text(self) -> list[str]:
        """The recognised lines in reading order (top to bottom, then left to right)."""
        lines = [line for line in self.lines if line.recognised]
        lines.sort(key=lambda line: (round(line.quad[0][1] / max(1.0, line.opened_height)), line.quad[0][0]))
        return [line.text for line in lines if line.text]


@dataclass(frozen=True, slots=True)
class PhotoAnalysis:
    format: str
    width: int  # with orientation applied
    height: int
    display_width: int  # the photo as X shows it at most: the effective resolution
    display_height: int
    bytes: int
    measurements: Measurements
    slide: Slide | None
    crop: Box | None  # where to crop to show the slide large; None when cropping would not help
    metadata: MetadataFacts
    text: TextReading | None = None  # None: text was not looked for
    # The quick answer of a photo whose slide is being read: the rules the reading could take
    # back (too dark, low resolution: both say nothing of readable text) wait for it.
    text_pending: bool = False

    @property
    def subject_brightness(self) -> float:
        """The exposure of what the photo is of: the slide when one was found, else the whole frame."""
        if self.slide is not None and self.slide.brightness is not None:
            return self.slide.brightness
        return self.measurements.brightness

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "width": self.width,
            "height": self.height,
            "bytes": self.bytes,
            "display": {"width": self.display_width, "height": self.display_height},
            "measurements": self.measurements.to_dict(),
            "slide": None if self.slide is None else self.slide.to_dict(),
            "crop": None if self.crop is None else {
                "box": self.crop.to_list(), "quad": None if self.slide is None or self.slide.quad is None else quad_to_list(self.slide.quad),
            },
            "metadata": self.metadata.to_dict(),
            "text": None if self.text is None else self.text.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class AttachedPhoto:
    """A photo attached to a draft, with its description when the site lets us read it."""

    analysis: PhotoAnalysis
    alt: str | None = None  # None: unknown (the rules say nothing); "": known to be empty
    index: int = 0  # its place among the draft's photos
    context: str | None = None  # who spoke where ("@addyosmani, Polymer Summit 2015"), for a proposed description
