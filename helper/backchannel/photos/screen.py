"""The real screen: the projected slide, monitor or sign as a quadrilateral.

A screen seen from the side is a trapezoid, and a dark-theme slide is not
bright, so the bright-box guess of ``slide.find_screen`` alone misses both.
Candidates come from three places, all in the same (timeline-sized) image:

- outlines: OpenCV's edges and contours, simplified to convex four-sided
  polygons (the frame of a screen, a monitor's bezel, a sign's border);
- brightness: the bright region ``slide.find_screen`` found, and the
  contours of the bright mask (a lit screen in a dim hall);
- text: the cluster of detected text lines, with a margin of a line's
  height (a dark-theme slide whose outline melts into the wall).

The screen is the outline that holds the most text (by the area of its
lines), is not far larger than the text, and is not a lit band cut by the
frame on two sides or more; of those, the one best seen (the share of its
perimeter on an edge or on the lit region's boundary, when at least half: a
bright region's box, or a hull stretched from the screen over a lectern and
the stage floor, is seen less); among those that hold nearly as
much, the largest, since inner edges (a gradient, a panel) lie inside the
screen's frame. Without such an outline, the text's own rectangle. With no text at all it falls back on the bright
region: a blank or unreadable screen is still where the follower looks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from backchannel.photos.model import Quad

if TYPE_CHECKING:
    import numpy as np

    from backchannel.photos.ocr import Detected

MIN_SHARE = 0.01  # smaller outlines are letters, buttons and lamps
MAX_SHARE = 0.97  # an outline this big is the photo's own border
MIN_ASPECT, MAX_ASPECT = 0.4, 5.0  # a portrait poster to a panoramic stage wall
MIN_FILL = 0.8  # of the polygon the contour actually covers: a screen is solid, a ragged blob is not
TEXT_SHARE = 0.9  # a tighter candidate wins when it holds at least this share of the best one's text
CLUSTER_GROWTH = 4.0  # an outline up to this many times the text's area can be the slide around it
OUTLINE_TEXT = 0.3  # an outline holding less of the text than this is a panel on the slide, or a sign beside it
TEXT_MARGIN = 1.5  # line heights of margin around the text cluster: a slide has room around its text
EDGE_SUPPORT = 0.5  # share of an outline's perimeter that must run along edges seen in the photo
SUPPORT_SAMPLES = 200  # points along a perimeter where the edge map is looked at


@dataclass(frozen=True, slots=True)
class ScreenQuad:
    quad: Quad  # in the image the search ran on, clockwise from the top-left
    found_by: str  # "outline", "brightness" or "text"


def find_screen_quad(
    gray: np.ndarray, lines: Sequence[Detected], bright_box: tuple[float, float, float, float] | None
) -> ScreenQuad | None:
    """The screen in ``gray`` (H×W uint8); ``lines`` and ``bright_box`` are in the same pixels."""
    import cv2
    import numpy as np

    if not lines:
        # Nothing to read: the bright region is where a follower looks (a blank or washed-out slide).
        if bright_box is None:
            return None
        left, top, right, bottom = bright_box
        return ScreenQuad(((left, top), (right, top), (right, bottom), (left, bottom)), "brightness")
    height, width = gray.shape[:2]
    area = float(width * height)
    candidates: list[ScreenQuad] = []
    blurred = cv2.GaussianBlur(gray, (5, 5), 0)
    median = float(np.median(blurred))
    edges = cv2.Canny(blurred, max(10.0, 0.66 * median), max(30.0, min(255.0, 1.33 * median + 20)))
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    for mask, found_by in ((edges, "outline"), (bright, "brightness")):
        contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            quad = _four_sided(contour, area)
            if quad is not None:
                candidates.append(ScreenQuad(quad, found_by))
    lit: ScreenQuad | None = None  # the lit screen slide.find_screen found, if any
    if bright_box is not None:
        left, top, right, bottom = bright_box
        lit = ScreenQuad(((left, top), (right, top), (right, bottom), (left, bottom)), "brightness")
        candidates.append(lit)
    cluster = _text_cluster(lines, width, height)
    if cluster is not None:
        candidates.append(ScreenQuad(cluster, "text"))
    weights = [(line.width * line.height, centre(line.corners)) for line in lines]
    scored = [(sum(w for w, point in weights if inside(point, c.quad)), quad_area(c.quad), c) for c in candidates]
    # A real outline beats the text's own rectangle (it has the keystone, and it leaves out an exit
    # sign or a banner beside the screen), unless it is far larger than the text: then it is the
    # wall, the stage or the whole sign board.
    limit = CLUSTER_GROWTH * (quad_area(cluster) if cluster is not None else area)
    total = sum(w for w, _ in weights)
    # A lit band the frame cuts on two sides or more (the wall, windows and ceiling around a
    # projection) is not a screen seen whole.
    outlines = [
        s for s in scored
        if s[2].found_by != "text" and s[1] <= limit and s[0] >= OUTLINE_TEXT * total and _sides_on_border(s[2].quad, width, height) < 2
    ]
    if outlines:
        best_text = max(s[0] for s in outlines)
        holding = [s for s in outlines if s[0] >= TEXT_SHARE * best_text]
        # A screen's border is seen: an edge, or the lit region's own boundary, along most of its
        # length. Of the outlines seen so, the one seen best: the bright region's box, or a hull
        # stretched from the screen over a lectern and the stage floor, holds the screen and more.
        seen = cv2.bitwise_or(edges, cv2.dilate(cv2.morphologyEx(bright, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)), np.ones((3, 3), np.uint8)))
        supported = [(edge_support(s[2].quad, seen), s) for s in holding]
        if any(support >= EDGE_SUPPORT for support, _ in supported):
            return max(supported, key=lambda pair: pair[0])[1][2]
        # None seen whole (soft edges): the largest, since inner edges (a gradient, a panel) lie
        # inside the screen's frame, and the growth limit keeps out the wall.
        return max(holding, key=lambda s: s[1])[2]
    best_text = max(s[0] for s in scored)
    chosen = min((s for s in scored if s[0] >= TEXT_SHARE * best_text), key=lambda s: s[1])[2]
    if chosen.found_by == "text" and lit is not None:
        lit_text = next(s[0] for s in scored if s[2] is lit)
        # A lit screen seen whole that holds none of the text, while the text lies on something no
        # brighter than the room: the text is a backdrop or a banner beside the screen (a slide is
        # projected or shown on a screen, so even a dark-theme one is brighter than the hall). The
        # screen is where a follower looks; its own text was too small to be found.
        if lit_text < OUTLINE_TEXT * total and _sides_on_border(lit.quad, width, height) < 2 and _mean_inside(blurred, chosen.quad) <= median:
            return lit
    return chosen


def _mean_inside(gray: np.ndarray, quad: Quad) -> float:
    import cv2
    import numpy as np

    mask = np.zeros(gray.shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, np.array([[round(x), round(y)] for x, y in quad], np.int32), 255)
    return float(cv2.mean(gray, mask=mask)[0]) if mask.any() else float(gray.mean())


BORDER = 0.02  # of the frame's size: a side this close to the frame's border along its length lies on it


def _sides_on_border(quad: Quad, width: int, height: int) -> int:
    """How many of the quadrilateral's sides run along the frame's border."""
    near_x, near_y = BORDER * width, BORDER * height
    count = 0
    for (ax, ay), (bx, by) in zip(quad, quad[1:] + quad[:1]):
        if (ax <= near_x and bx <= near_x) or (ax >= width - near_x and bx >= width - near_x):
            count += 1
        elif (ay <= near_y and by <= near_y) or (ay >= height - near_y and by >= height - near_y):
            count += 1
    return count


def edge_support(quad: Quad, edges: np.ndarray) -> float:
    """The share of the quadrilateral's perimeter that lies on the edge map (the photo's own border is no edge)."""
    height, width = edges.shape[:2]
    sides = list(zip(quad, quad[1:] + quad[:1]))
    lengths = [((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5 for (ax, ay), (bx, by) in sides]
    perimeter = sum(lengths)
    if perimeter <= 0:
        return 0.0
    on_edge = looked = 0
    for ((ax, ay), (bx, by)), length in zip(sides, lengths):
        count = max(2, round(SUPPORT_SAMPLES * length / perimeter))
        for i in range(count):
            t = (i + 0.5) / count
            x, y = round(ax + (bx - ax) * t), round(ay + (by - ay) * t)
            looked += 1
            if 1 <= x < width - 1 and 1 <= y < height - 1 and edges[y, x]:
                on_edge += 1
    return on_edge / looked


def _four_sided(contour: np.ndarray, frame_area: float) -> Quad | None:
    import cv2

    contour_area = cv2.contourArea(contour)
    if not MIN_SHARE * frame_area <= contour_area <= MAX_SHARE * frame_area:
        return None
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for epsilon in (0.02, 0.04, 0.06):
        approx = cv2.approxPolyDP(hull, epsilon * perimeter, True)
        if len(approx) == 4:
            break
    else:
        return None
    polygon_area = cv2.contourArea(approx)
    if polygon_area <= 0 or contour_area / polygon_area < MIN_FILL or not cv2.isContourConvex(approx):
        return None
    quad = order_corners([(float(p[0][0]), float(p[0][1])) for p in approx])
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
    wide = (abs(x1 - x0) + abs(x2 - x3)) / 2
    tall = (abs(y3 - y0) + abs(y2 - y1)) / 2
    if tall <= 0 or not MIN_ASPECT <= wide / tall <= MAX_ASPECT:
        return None
    return quad


def _text_cluster(lines: Sequence[Detected], width: int, height: int) -> Quad | None:
    """The text lines' bounding rectangle with a margin: a dark slide's outline when edges do not show it."""
    if not lines:
        return None
    xs = [x for line in lines for x, _ in line.corners]
    ys = [y for line in lines for _, y in line.corners]
    heights = sorted(line.height for line in lines)
    margin = TEXT_MARGIN * heights[len(heights) // 2]
    left, top = max(0.0, min(xs) - margin), max(0.0, min(ys) - margin)
    right, bottom = min(float(width), max(xs) + margin), min(float(height), max(ys) + margin)
    return ((left, top), (right, top), (right, bottom), (left, bottom))


def order_corners(points: Sequence[tuple[float, float]]) -> Quad:
    """Four points as top-left, top-right, bottom-right, bottom-left."""
    by_sum = sorted(points, key=lambda p: p[0] + p[1])
    by_diff = sorted(points, key=lambda p: p[0] - p[1])
    return (by_sum[0], by_diff[-1], by_sum[-1], by_diff[0])


def centre(corners: Sequence[tuple[float, float]]) -> tuple[float, float]:
    return sum(x for x, _ in corners) / len(corners), sum(y for _, y in corners) / len(corners)


def inside(point: tuple[float, float], quad: Quad) -> bool:
    """Whether a point lies inside a convex quadrilateral (on the same side of every edge)."""
    x, y = point
    sign = 0
    for (ax, ay), (bx, by) in zip(quad, quad[1:] + quad[:1]):
        cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax)
        if cross != 0:
            if sign == 0:
                sign = 1 if cross > 0 else -1
            elif (cross > 0) != (sign > 0):
                return False
    return True


def quad_area(quad: Quad) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(quad, quad[1:] + quad[:1]))) / 2


def quad_size(quad: Quad) -> tuple[float, float]:
    """Width and height of the straightened quadrilateral: its longer top/bottom and left/right sides."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
    top = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    bottom = ((x2 - x3) ** 2 + (y2 - y3) ** 2) ** 0.5
    left = ((x3 - x0) ** 2 + (y3 - y0) ** 2) ** 0.5
    right = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    return max(top, bottom), max(left, right)


def straight_size(quad: Quad, image_size: tuple[float, float]) -> tuple[float, float]:
    """Width and height of the rectangle the quadrilateral is a photo of, keystone removed.

    The sides' lengths alone get a slanted screen's proportions wrong (the
    far side is shorter). The rectangle's true aspect ratio follows from the
    perspective itself, with the camera's principal point at the image centre
    (Zhang and He, "Whiteboard scanning and image enhancement", 2007); the
    width is kept at the longer of the top and bottom sides, so no detail is
    lost. Without perspective (parallel sides) it is the sides' ratio.
    """
    import numpy as np

    width, height = quad_size(quad)
    (x1, y1), (x2, y2), (x4, y4), (x3, y3) = quad  # top-left, top-right, bottom-right, bottom-left
    u0, v0 = image_size[0] / 2, image_size[1] / 2
    m1, m2, m3, m4 = (np.array([x, y, 1.0]) for x, y in ((x1, y1), (x2, y2), (x3, y3), (x4, y4)))
    try:
        k2 = np.dot(np.cross(m1, m4), m3) / np.dot(np.cross(m2, m4), m3)
        k3 = np.dot(np.cross(m1, m4), m2) / np.dot(np.cross(m3, m4), m2)
    except FloatingPointError:
        return width, height
    n2, n3 = k2 * m2 - m1, k3 * m3 - m1
    if abs(n2[2]) < 1e-9 or abs(n3[2]) < 1e-9 or not np.isfinite([k2, k3]).all():
        ratio = float(np.hypot(n2[0], n2[1]) / max(1e-9, np.hypot(n3[0], n3[1])))
    else:
        f2 = -((n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + n2[2] * n3[2] * u0 * u0)
               + (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + n2[2] * n3[2] * v0 * v0)) / (n2[2] * n3[2])
        if f2 <= 0:
            return width, height  # no real focal length fits: keep the sides' proportions
        f = f2**0.5
        a = np.array([[f, 0, u0], [0, f, v0], [0, 0, 1.0]])
        w = np.linalg.inv(a).T @ np.linalg.inv(a)
        ratio = float((n2 @ w @ n2) / (n3 @ w @ n3)) ** 0.5
    if not np.isfinite(ratio) or ratio <= 0 or not 0.2 <= ratio <= 6:
        return width, height
    return width, width / ratio
