"""What a photo file says about itself: orientation, GPS position, camera, other blocks.

Read from the header Pillow has already parsed; no pixel is decoded here. A
damaged EXIF block is treated as absent: it must not stop the photo check.
"""

from __future__ import annotations

from typing import Any

from PIL import ExifTags, Image

from backchannel.photos.model import GpsPosition, MetadataFacts

_ORIENTATION = 0x0112
_MAKE = 0x010F
_MODEL = 0x0110
_XMP_KEYS = ("xmp", "XML:com.adobe.xmp")
_COMMENT_KEYS = ("comment", "Comment", "Description", "Author")


def read_metadata(image: Image.Image) -> MetadataFacts:
    exif = _exif(image)
    orientation = exif.get(_ORIENTATION, 1) if exif is not None else 1
    if not isinstance(orientation, int) or not 1 <= orientation <= 8:
        orientation = 1
    xmp = _xmp(image)
    gps = _gps_from_exif(exif) if exif is not None else None
    if gps is None and xmp and (b"GPSLatitude" in xmp or b"GPSLongitude" in xmp):
        gps = GpsPosition(None, None)
    kinds = []
    if exif:
        kinds.append("exif")
    if gps is not None:
        kinds.append("gps")
    if xmp:
        kinds.append("xmp")
    if any(marker == "APP13" for marker, _ in getattr(image, "applist", ())):
        kinds.append("iptc")
    if any(image.info.get(key) for key in _COMMENT_KEYS):
        kinds.append("comment")
    return MetadataFacts(orientation=orientation, kinds=tuple(kinds), gps=gps, camera=_camera(exif))


def _exif(image: Image.Image) -> Image.Exif | None:
    try:
        return image.getexif()
    except Exception:  # noqa: BLE001 - a broken EXIF block is untrusted input like any other
        return None


def _xmp(image: Image.Image) -> bytes:
    for key in _XMP_KEYS:
        value = image.info.get(key)
        if value:
            return value if isinstance(value, bytes) else str(value).encode("utf-8", "replace")
    return b""


def _gps_from_exif(exif: Image.Exif) -> GpsPosition | None:
    try:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    except Exception:  # noqa: BLE001 - see _exif
        return None
    if not gps:
        return None
    latitude = _degrees(gps.get(ExifTags.GPS.GPSLatitude), gps.get(ExifTags.GPS.GPSLatitudeRef), "S", 90)
    longitude = _degrees(gps.get(ExifTags.GPS.GPSLongitude), gps.get(ExifTags.GPS.GPSLongitudeRef), "W", 180)
    if latitude is None and longitude is None:
        # A GPS block with only a time stamp or an altitude says nothing about where.
        return None
    return GpsPosition(latitude, longitude)


def _degrees(dms: Any, ref: Any, negative: str, limit: float) -> float | None:
    try:
        degrees, minutes, seconds = (float(part) for part in dms)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = degrees + minutes / 60 + seconds / 3600
    if not 0 <= value <= limit:
        return None
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    return -value if isinstance(ref, str) and ref.strip().upper() == negative else value


def _camera(exif: Image.Exif | None) -> str | None:
    if not exif:
        return None
    parts = [str(exif.get(tag, "")).strip("\x00 ") for tag in (_MAKE, _MODEL)]
    return " ".join(p for p in parts if p) or None
