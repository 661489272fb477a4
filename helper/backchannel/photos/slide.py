"""Find the projected screen in a photo, and a silhouette standing in front of it.

A screen is a bright, solid, roughly four-sided region. It is either the
subject of the photo (half the frame or more, then it must be a clean
quadrilateral), or a lit screen in a dimmed room: the photo's median
brightness is well under half the screen's. Either way it has an edge: just
inside its outline it is clearly brighter than just outside. Lamps, lit
ceilings, glyphs on a poster or a digital slide, white shirts and bright
bands crossing the whole frame fail one of those tests.

The search runs on a grid of 160 pixels on the long side: brightness
and the share of the frame do not change with scale, and at this size labelling
the bright regions costs well under a millisecond. Candidates
come from two kinds of masks, because neither finds every screen alone: a
global threshold (Otsu's, for a big slide against a dark stage) and local
contrast, the image minus its blurred self (a screen in a lit hall whose
ceiling is just as bright).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from PIL import Image, ImageChops, ImageFilter

GRID = 160
MIN_SHARE = 0.005  # smaller than 1/200 of the frame: a lamp or a sign, not a screen we can judge
SUBJECT_SHARE = 0.5  # this much of the frame or more: the screen is the photo's subject
MIN_ASPECT, MAX_ASPECT = 0.8, 8.0  # from a 4:3 screen seen at an angle to a panoramic stage wall
MIN_SOLIDITY = 0.7  # of the filled outline actually bright: slide text and a speaker leave holes, a truss more
ROOM_RATIO = 0.45  # a lit screen: the photo's median below 45% of the screen's brightness (5x darker in light)
EDGE_RATIO = 1.25  # just inside the outline at least this much brighter than just outside: a step, not a gradient
MIN_SPREAD = 24  # grey levels between the photo's darkest and brightest: less and nothing stands out
LOCAL_LEVELS = (20, 40)  # how much brighter than its surroundings, in grey levels
SILHOUETTE_LEVEL = 0.45  # darker than this share of the screen's brightness: a shape in front of it
SILHOUETTE_HEIGHT = 0.3  # rising at least this far up the screen: a standing person, not heads
SILHOUETTE_WIDTH = 0.6  # and narrower than this share of it: a person, not the audience's heads in a row


@dataclass(frozen=True, slots=True)
class Screen:
    box: tuple[int, int, int, int]  # left, top, right, bottom in the measured image's pixels
    share: float  # of the frame's area
    backlit: float  # share of the screen covered by a dark shape rising from its bottom edge


@dataclass(slots=True)
class _Region:
    """One connected bright region, with each row's leftmost and rightmost pixel."""

    area: int
    rows: dict[int, tuple[int, int]]

    def box(self) -> tuple[int, int, int, int]:
        spans = self.rows.values()
        return min(s[0] for s in spans), min(self.rows), max(s[1] for s in spans), max(self.rows) + 1

    def filled(self) -> int:
        """The area with holes (slide text, a silhouette) filled in, row by row."""
        return sum(x1 - x0 for x0, x1 in self.rows.values())

    def quad_fill(self) -> float:
        """Filled area over the area of the quadrilateral through its four extreme corners.

        About 1 for a rectangle or a trapezoid (a screen seen at an angle);
        far from 1 for discs, stars and ragged blobs.
        """
        points = [(x0, y) for y, (x0, _) in self.rows.items()] + [(x1 - 1, y) for y, (_, x1) in self.rows.items()]
        corners = (
            min(points, key=lambda p: p[0] + p[1]),
            max(points, key=lambda p: p[0] - p[1]),
            max(points, key=lambda p: p[0] + p[1]),
            min(points, key=lambda p: p[0] - p[1]),
        )
        twice_area = abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(corners, corners[1:] + corners[:1])))
        perimeter = sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in zip(corners, corners[1:] + corners[:1]))
        # Pixels on the outline count in full, so add half the perimeter (as Pick's theorem does).
        return self.filled() / (twice_area / 2 + perimeter / 2 + 1)


def find_screen(luma: Image.Image) -> Screen | None:
    scale = min(1.0, GRID / max(luma.size))
    small = luma if scale == 1.0 else luma.resize((max(1, round(luma.width * scale)), max(1, round(luma.height * scale))), Image.Resampling.BOX)
    frame = _Frame(small)
    if frame.spread < MIN_SPREAD:
        return None
    best: tuple[int, _Region] | None = None
    for mask in _masks(small):
        for region in _components(mask, min_area=max(1, int(MIN_SHARE * frame.area))):
            filled = region.filled()
            if (best is None or filled > best[0]) and frame.is_screen(region, filled):
                best = (filled, region)
    if best is None:
        return None
    filled, region = best
    box = region.box()
    backlit = _silhouette_share(small.crop(box))
    back = luma.width / small.width
    full = (round(box[0] * back), round(box[1] * back), min(luma.width, round(box[2] * back)), min(luma.height, round(box[3] * back)))
    return Screen(full, filled / frame.area, backlit)


class _Frame:
    """The grid image, and the tests a region must pass to count as a screen."""

    def __init__(self, small: Image.Image) -> None:
        self.small = small
        self.width, self.height = small.size
        self.area = self.width * self.height
        histogram = small.histogram()
        self.median = _percentile(histogram, 0.5)
        self.spread = _percentile(histogram, 0.995) - _percentile(histogram, 0.005)

    def is_screen(self, region: _Region, filled: int) -> bool:
        share = filled / self.area
        left, top, right, bottom = region.box()
        width, height = right - left, bottom - top
        if share < MIN_SHARE or not MIN_ASPECT <= width / height <= MAX_ASPECT or region.area < MIN_SOLIDITY * filled:
            return False
        quad = region.quad_fill()
        if share >= SUBJECT_SHARE:
            # Big bright regions include ceilings, walls and sky: only a clean quadrilateral counts.
            return 0.85 <= quad <= 1.15 and self.has_edge((left, top, right, bottom))
        if not 0.8 <= quad <= 1.25:
            return False
        if (left == 0 and right == self.width) or (top == 0 and bottom == self.height):
            return False  # a band across the whole frame and less than half of it: ceiling, wall, floor or sky
        inside = _mean(self.small.crop((left, top, right, bottom)))
        return self.median <= ROOM_RATIO * inside and self.has_edge((left, top, right, bottom))

    def has_edge(self, box: tuple[int, int, int, int]) -> bool:
        """Brighter just inside the outline than just outside it, on the sides the frame does not cut."""
        left, top, right, bottom = box
        band = max(1, min(right - left, bottom - top) // 8)
        sides = []  # (just inside, just outside) for each side the frame leaves room around
        if top >= band:
            sides.append(((left, top, right, top + band), (left, top - band, right, top)))
        if bottom + band <= self.height:
            sides.append(((left, bottom - band, right, bottom), (left, bottom, right, bottom + band)))
        if left >= band:
            sides.append(((left, top, left + band, bottom), (left - band, top, left, bottom)))
        if right + band <= self.width:
            sides.append(((right - band, top, right, bottom), (right, top, right + band, bottom)))
        if not sides:
            return False  # the frame cuts every side: no outline to judge (the photo is all screen)
        inner = _mean_of(self.small, [inside for inside, _ in sides])
        return inner >= EDGE_RATIO * max(1.0, _mean_of(self.small, [outside for _, outside in sides]))


def _mean(image: Image.Image) -> float:
    return sum(v * n for v, n in enumerate(image.histogram())) / max(1, image.width * image.height)


def _mean_of(image: Image.Image, boxes: list[tuple[int, int, int, int]]) -> float:
    total = count = 0
    for box in boxes:
        part = image.crop(box)
        total += sum(v * n for v, n in enumerate(part.histogram()))
        count += part.width * part.height
    return total / max(1, count)


def _masks(small: Image.Image) -> list[Image.Image]:
    level = _otsu(small.histogram())
    masks = [small.point(lambda v: 255 if v >= level else 0)]
    background = small.filter(ImageFilter.BoxBlur(max(2, max(small.size) // 6)))
    contrast = ImageChops.subtract(small, background)  # brighter than the surroundings, clipped at 0
    masks += [contrast.point(lambda v, t=t: 255 if v >= t else 0) for t in LOCAL_LEVELS]
    return masks


def _components(mask: Image.Image, *, min_area: int) -> list[_Region]:
    """Connected regions of non-zero pixels (4-connected) of at least ``min_area``, in the order
    their first pixel comes in a raster scan, each with its rows' leftmost and rightmost pixel.

    OpenCV labels them; only the regions big enough to matter go through Python, a row at a
    time (tests/photos/test_slide.py holds the result to a plain flood fill).
    """
    import cv2
    import numpy as np

    count, labels, stats, _ = cv2.connectedComponentsWithStats(np.asarray(mask), connectivity=4)
    regions = []
    for label in (np.flatnonzero(stats[1:count, cv2.CC_STAT_AREA] >= min_area) + 1).tolist():
        left, top, width, height, area = (int(v) for v in stats[label])
        inside = labels[top : top + height, left : left + width] == label
        first = inside.argmax(axis=1).tolist()
        after = (width - inside[:, ::-1].argmax(axis=1)).tolist()
        regions.append(_Region(area, {top + row: (left + first[row], left + after[row]) for row in range(height)}))
    return regions


def _silhouette_share(screen: Image.Image) -> float:
    """Share of the screen covered by one person-shaped dark shape rising from its bottom edge."""
    white = _percentile(screen.histogram(), 0.75)
    dark = screen.point(lambda v: 255 if v < white * SILHOUETTE_LEVEL else 0)
    area = screen.width * screen.height
    best = 0
    for shape in _components(dark, min_area=max(1, area // 50)):
        left, top, right, bottom = shape.box()
        tall = bottom - top >= SILHOUETTE_HEIGHT * screen.height
        if bottom == screen.height and tall and right - left <= SILHOUETTE_WIDTH * screen.width:
            best = max(best, shape.area)
    return best / area


def _otsu(histogram: Sequence[int]) -> int:
    """The threshold that best splits the histogram in two (Otsu, 1979)."""
    total = sum(histogram)
    sum_all = sum(v * n for v, n in enumerate(histogram))
    weight_below = sum_below = 0
    best_level, best_spread = 0, -1.0
    for level, count in enumerate(histogram):
        weight_below += count
        if weight_below == 0:
            continue
        weight_above = total - weight_below
        if weight_above == 0:
            break
        sum_below += level * count
        mean_below = sum_below / weight_below
        mean_above = (sum_all - sum_below) / weight_above
        spread = weight_below * weight_above * (mean_below - mean_above) ** 2
        if spread > best_spread:
            best_level, best_spread = level + 1, spread
    return best_level


def _percentile(histogram: Sequence[int], q: float) -> int:
    target = q * sum(histogram)
    seen = 0
    for value, count in enumerate(histogram):
        seen += count
        if seen >= target:
            return value
    return 255
