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


@dataclass(frozen=True, slots=True)
class Slide:
    """The projected screen (the bright, roughly rectangular region), when there is one."""

    box: Box  # in the photo's pixels
    share: float  # of the frame's area
    display_width: int  # its effective width in display pixels (see ``slide.effective_width``)
    cropped_width: int  # its effective width in display pixels once the photo is cropped to it

    def to_dict(self) -> dict[str, Any]:
        return {"box": self.box.to_list(), "share": round(self.share, 4), "display_width": self.display_width, "cropped_width": self.cropped_width}


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "width": self.width,
            "height": self.height,
            "bytes": self.bytes,
            "display": {"width": self.display_width, "height": self.display_height},
            "measurements": self.measurements.to_dict(),
            "slide": None if self.slide is None else self.slide.to_dict(),
            "crop": None if self.crop is None else {"box": self.crop.to_list()},
            "metadata": self.metadata.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class AttachedPhoto:
    """A photo attached to a draft, with its description when the site lets us read it."""

    analysis: PhotoAnalysis
    alt: str | None = None  # None: unknown (the rules say nothing); "": known to be empty
    index: int = 0  # its place among the draft's photos
