"""`backchannel photo FILE --explain out.png`: a picture of what was measured, so a person sees why.

Drawn on the photo at its display size: the screen's quadrilateral (blue),
every text line with its height in the timeline preview (green when a
follower reads it there, orange when only the opened photo shows it, red
when it is too small at both sizes), and a banner with the verdict and the
tips' codes.
"""

from __future__ import annotations

import io
from typing import Protocol, Sequence

from PIL import Image, ImageDraw, ImageFont

from backchannel.photos.decode import display_size, open_image, orient, reading, to_rgb
from backchannel.photos.legibility import verdict
from backchannel.photos.metadata import read_metadata
from backchannel.photos.model import PhotoAnalysis

SCREEN = (40, 140, 255)
READABLE, OPENED, TOO_SMALL = (40, 200, 80), (255, 160, 0), (230, 40, 40)


class Coded(Protocol):
    """A tip as the picture names it, by its code (the rules' ``Tip`` has one; photos do not import the rules)."""

    @property
    def code(self) -> str: ...


def draw_explanation(data: bytes, analysis: PhotoAnalysis, tips: Sequence[Coded] = ()) -> bytes:
    """A PNG of the photo at display size with the screen, the text lines and the verdict drawn on it."""
    image = open_image(data)
    with reading():
        orientation = read_metadata(image).orientation
        image.load()
        picture = orient(to_rgb(image), orientation)
    size = display_size(analysis.width, analysis.height)
    picture = picture.resize(size, Image.Resampling.LANCZOS)
    scale = size[0] / analysis.width
    draw = ImageDraw.Draw(picture)
    font = ImageFont.load_default(size=max(12, size[0] // 60))
    if analysis.slide is not None:
        corners = analysis.slide.quad or (
            (analysis.slide.box.left, analysis.slide.box.top),
            (analysis.slide.box.right, analysis.slide.box.top),
            (analysis.slide.box.right, analysis.slide.box.bottom),
            (analysis.slide.box.left, analysis.slide.box.bottom),
        )
        points = [(x * scale, y * scale) for x, y in corners]
        draw.line([*points, points[0]], fill=SCREEN, width=max(2, size[0] // 300))
        draw.text((points[0][0] + 4, points[0][1] + 4), f"screen ({analysis.slide.found_by}), {analysis.slide.display_width} px wide", fill=SCREEN, font=font)
    found = verdict(analysis.text)
    colours = {id(line): READABLE for line in found.readable} | {id(line): OPENED for line in found.opened_only}
    for line in () if analysis.text is None else analysis.text.lines:
        colour = colours.get(id(line), TOO_SMALL)
        points = [(x * scale, y * scale) for x, y in line.quad]
        draw.line([*points, points[0]], fill=colour, width=2)
        draw.text((points[1][0] + 3, points[1][1]), f"{line.timeline_height:.0f} px", fill=colour, font=font)
    banner = f"{found.summary}  ·  " + (", ".join(sorted({t.code for t in tips})) or "no tips")
    box = draw.textbbox((0, 0), banner, font=font)
    draw.rectangle((0, 0, box[2] + 12, box[3] + 10), fill=(0, 0, 0))
    draw.text((6, 4), banner, fill=(255, 255, 255), font=font)
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()
