"""Open untrusted image bytes safely, and decode no more pixels than the display needs.

Everything Pillow does with the bytes happens inside ``reading``: whatever a
damaged, truncated or hostile file makes the decoder raise becomes one
``ImageError`` (422) with a reason, never a crash. The declared size is
checked against ``MAX_PIXELS`` before a single pixel is decoded.
"""

from __future__ import annotations

import io
import math
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from PIL import GifImagePlugin, Image, JpegImagePlugin, MpoImagePlugin, PngImagePlugin, UnidentifiedImageError, WebPImagePlugin

from backchannel.errors import ImageError
from backchannel.photos.limits import DECODE_LONG_SIDE, DISPLAY_LONG_SIDE, FORMATS, MAX_PIXELS
from backchannel.photos.metadata import read_metadata
from backchannel.photos.model import MetadataFacts

# Registering exactly the formats we take: Image.open(formats=...) knows only loaded plugins.
_PLUGINS = (GifImagePlugin, JpegImagePlugin, MpoImagePlugin, PngImagePlugin, WebPImagePlugin)

# Pillow's own bomb check, at our limit; its warning (between 1x and 2x the
# limit) is a refusal here, never a line in a log.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.simplefilter("error", Image.DecompressionBombWarning)

_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_ALPHA_MODES = {"LA", "La", "PA", "RGBA", "RGBa"}
_READABLE = "a JPEG, PNG, WebP or GIF image"


@dataclass(frozen=True, slots=True)
class Decoded:
    luma: Image.Image  # mode L, orientation applied, at most the display size (never enlarged)
    format: str
    width: int  # the photo's size with orientation applied
    height: int
    display_width: int
    display_height: int
    metadata: MetadataFacts


@contextmanager
def reading() -> Iterator[None]:
    """Turn any decoder failure on untrusted bytes into a clear ImageError."""
    try:
        yield
    except ImageError:
        raise
    except UnidentifiedImageError:
        raise ImageError(f"This is not {_READABLE} (or not one we can read).", details={"reason": "unsupported"}) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(
            f"The image declares more than {MAX_PIXELS // 1_000_000} megapixels; that is the limit.",
            details={"reason": "too_many_pixels", "limit": MAX_PIXELS},
        ) from None
    except MemoryError:
        raise ImageError("The image is too large to decode.", details={"reason": "too_large"}) from None
    except Exception as exc:  # noqa: BLE001 - decoders raise OSError, SyntaxError, ValueError, struct.error… on bad input
        truncated = "truncated" in str(exc).lower() or isinstance(exc, EOFError)
        raise ImageError(
            "The image file is incomplete (truncated)." if truncated else "The image file is damaged and cannot be decoded.",
            details={"reason": "truncated" if truncated else "damaged"},
        ) from None


def open_image(data: bytes) -> Image.Image:
    """Read the header only: the format is one we take and the pixel count is within the limit."""
    if not data:
        raise ImageError("The file is empty.", details={"reason": "empty"})
    with reading():
        image = Image.open(io.BytesIO(data), formats=FORMATS)
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageError("The image has no pixels.", details={"reason": "damaged"})
    if width * height > MAX_PIXELS:
        raise ImageError(
            f"The image is {width}×{height} ({width * height / 1e6:.0f} megapixels); the limit is {MAX_PIXELS // 1_000_000}.",
            details={"reason": "too_many_pixels", "width": width, "height": height, "limit": MAX_PIXELS},
        )
    return image


def oriented_size(width: int, height: int, orientation: int) -> tuple[int, int]:
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def display_size(width: int, height: int) -> tuple[int, int]:
    """The size X shows a photo at: fitted into the display box, never enlarged."""
    scale = min(1.0, DISPLAY_LONG_SIDE / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def orient(image: Image.Image, orientation: int) -> Image.Image:
    method = _TRANSPOSE.get(orientation)
    return image if method is None else image.transpose(method)


def decode_for_display(data: bytes) -> Decoded:
    """The photo's luminance at about the size people will see it, and its facts."""
    image = open_image(data)
    stored_width, stored_height = image.size  # before draft() shrinks it
    with reading():
        metadata = read_metadata(image)
        width, height = oriented_size(stored_width, stored_height, metadata.orientation)
        if image.format in ("JPEG", "MPO"):
            # libjpeg decodes at 1/2, 1/4 or 1/8 scale for (nearly) free, and in
            # mode L it skips the colour planes entirely.
            image.draft("L", draft_request(*image.size))
        image.load()  # the first frame of an animation
        luma = to_luminance(_shrink(image))
    stored_display = display_size(stored_width, stored_height)
    if luma.width > stored_display[0]:
        luma = luma.resize(stored_display, Image.Resampling.BOX)
    return Decoded(orient(luma, metadata.orientation), image.format or "", width, height, *display_size(width, height), metadata)


def draft_request(width: int, height: int) -> tuple[int, int]:
    """The size to ask libjpeg for: it picks the smallest 1/2, 1/4, 1/8 scale at least this big."""
    scale = DECODE_LONG_SIDE / max(width, height)
    if scale >= 1:
        return width, height
    return max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale))


def _shrink(image: Image.Image) -> Image.Image:
    """Box-reduce by a whole factor towards the decode size before any colour conversion copies it."""
    factor = max(image.size) // DECODE_LONG_SIDE
    if factor < 2:
        return image
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode == "1":
        image = image.convert("L")
    elif image.mode.startswith("I;16"):
        image = image.convert("I")
    return image.reduce(factor)


def to_rgb(image: Image.Image) -> Image.Image:
    """Mode RGB whatever the source, with the same rules as ``to_luminance``."""
    mode = image.mode
    if mode == "RGB":
        return image
    if mode == "P" and "transparency" in image.info:
        image, mode = image.convert("RGBA"), "RGBA"
    if mode in _ALPHA_MODES:
        rgba = image.convert("RGBA")
        return Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")
    if mode.startswith("I"):
        return to_luminance(image).convert("RGB")
    return image.convert("RGB")


def to_luminance(image: Image.Image) -> Image.Image:
    """Mode L whatever the source: 16-bit scaled down, transparency shown over white as X does."""
    mode = image.mode
    if mode == "L":
        return image
    if mode == "P" and "transparency" in image.info:
        image, mode = image.convert("RGBA"), "RGBA"
    if mode in _ALPHA_MODES:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    if mode.startswith("I"):
        # Pillow's I->L conversion clips at 255; 16-bit samples must be scaled instead.
        return image.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    return image.convert("L")
