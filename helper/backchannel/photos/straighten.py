"""Crop to the screen with the keystone removed: a slide shot from the side comes out straight.

The screen's four corners (in the photo's oriented pixels) are mapped onto an
upright rectangle as wide as the screen's longer top or bottom side, with the
proportions the perspective says the screen has (``screen.straight_size``),
by OpenCV's perspective warp. Like
the other fixes it starts again from the original bytes, through the same
safe opening, and writes a JPEG with no metadata.
"""

from __future__ import annotations

import io

from PIL import Image

from backchannel.errors import ImageError
from backchannel.photos.decode import open_image, orient, oriented_size, reading, to_rgb
from backchannel.photos.fixes import CROP_LONG_SIDE, Output
from backchannel.photos.metadata import read_metadata
from backchannel.photos.model import Quad
from backchannel.photos.screen import straight_size


def crop_to_quad(data: bytes, quad: Quad, *, quality: int = 90) -> Output:
    """The quadrilateral ``quad`` (clockwise from the top-left) warped to an upright rectangle, as a JPEG."""
    import cv2
    import numpy as np

    image = open_image(data)
    with reading():
        orientation = read_metadata(image).orientation
        image.load()
        picture = orient(to_rgb(image), orientation)
    full_width, full_height = oriented_size(*image.size, orientation)
    fx, fy = picture.width / full_width, picture.height / full_height
    corners = [(min(picture.width, max(0.0, x * fx)), min(picture.height, max(0.0, y * fy))) for x, y in quad]
    width, height = straight_size(tuple(corners), (picture.width, picture.height))  # type: ignore[arg-type]
    if width < 2 or height < 2:
        raise ImageError("The screen's corners enclose no area to crop.", details={"quad": [list(p) for p in quad]})
    scale = min(1.0, CROP_LONG_SIDE / max(width, height))
    out_w, out_h = max(1, round(width * scale)), max(1, round(height * scale))
    source = np.array(corners, dtype=np.float32)
    target = np.array([[0, 0], [out_w, 0], [out_w, out_h], [0, out_h]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, target)
    warped = cv2.warpPerspective(
        np.asarray(picture), matrix, (out_w, out_h), flags=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    out = io.BytesIO()
    Image.fromarray(warped).save(out, "JPEG", quality=quality, icc_profile=image.info.get("icc_profile"))
    return Output(out.getvalue(), "image/jpeg")
