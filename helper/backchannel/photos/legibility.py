"""Can a follower read it, at the size X shows it? Text found and measured at display size.

X shows a photo twice: in the timeline preview (about 600 pixels wide) and
opened (fitted into ``DISPLAY_LONG_SIDE``). Detection runs on the photo
scaled to the timeline size, which is what most followers see and what the
calibration photos were judged at; a line the detector cannot find there is
not readable there either. Where a screen was found and it is small, the
detector runs a second time on the screen alone at the opened size, to find
the body text that only opening the photo shows. Each line's height is
measured in displayed pixels at both sizes; the largest lines are then read
(recognised) from the opened-size pixels, so the description quotes the slide.

Reading only at display size, and only the screen at the larger one, is the
point: it is what a follower gets, and several times cheaper than running the
engine on the full photo.

``verdict`` (no imaging imports) turns the measured lines into what a
follower gets, for the rules and the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Sequence

if TYPE_CHECKING:
    import numpy as np

    from backchannel.photos.model import Quad, TextLine, TextReading
    from backchannel.photos.ocr import Detected

TIMELINE_WIDTH = 600  # the timeline preview's width, as the calibration photos were judged
TIMELINE_HEIGHT = 750  # a tall photo's preview is cut at about 4:5, so it is fitted into this height too
READ_LINES = 6  # recognise at most this many lines, the largest: titles and the first bullets (about 0.1 s each)
OPENED_PASS_MAX_SHARE = 0.5  # a screen filling more than this of the frame was seen well enough in the timeline pass
MAX_LINE_SHARE = 0.3  # a "line" taller than this share of the frame is a pattern (a grille, a sideways sign), not text
DEFAULT_MIN_HEIGHT = 16  # displayed pixels a line box needs to be read (the rule's option; see PHO003)

VerdictKind = Literal["all_readable", "title_readable", "one_word", "opened_only", "nothing_readable", "no_text"]


def timeline_size(width: int, height: int) -> tuple[int, int]:
    scale = min(1.0, TIMELINE_WIDTH / width, TIMELINE_HEIGHT / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: VerdictKind
    summary: str  # what a follower gets, in a few words
    readable: tuple[TextLine, ...]  # readable in the timeline
    opened_only: tuple[TextLine, ...]  # readable only once the photo is opened
    too_small: tuple[TextLine, ...]  # found, but not readable at either size


def verdict(reading: TextReading | None, min_height: float = DEFAULT_MIN_HEIGHT) -> Verdict:
    """What a follower gets from the text in the photo, with ``min_height`` displayed pixels needed per line.

    Where a screen was found (some lines lie outside it) the verdict is about the text on the
    screen: that is what the photo is meant to show, and large text beside it (the event's name
    on a backdrop, a sign) does not make the slide readable."""
    found = () if reading is None else reading.lines
    lines = tuple(line for line in found if line.on_slide)
    if found and not lines:
        return Verdict("nothing_readable", "nothing readable on the slide (the text found is beside it)", (), (), ())
    read = [line for line in lines if line.recognised and line.timeline_height >= min_height]
    # Only the largest lines are read: a line left unread that is as tall as one that was read is as readable.
    floor = max(min_height, min((line.timeline_height for line in read), default=float("inf")))
    readable = tuple(line for line in lines if line in read or (line.text is None and line.timeline_height >= floor))
    opened = tuple(line for line in lines if line not in readable and line.opened_height >= min_height and (line.recognised or line.text is None))
    small = tuple(line for line in lines if line not in readable and line not in opened)
    if not lines:
        return Verdict("no_text", "no text found", readable, opened, small)
    if not readable:
        if opened and any(line.recognised for line in opened):
            return Verdict("opened_only", "readable only when the photo is opened, not in the timeline", readable, opened, small)
        return Verdict("nothing_readable", "nothing readable", readable, opened, small)
    word = only_word(readable)
    if word is not None and not any(line.recognised for line in opened):
        return Verdict("one_word", f"only one word readable ({word!r}): a logo, a name or a heading, nothing the talk says", readable, opened, small)
    if not opened and not small:
        return Verdict("all_readable", "all readable", readable, opened, small)
    if opened and not small:
        return Verdict("title_readable", "title readable, body text too small in the timeline (readable when opened)", readable, opened, small)
    return Verdict("title_readable", "title readable, body text too small in the timeline", readable, opened, small)


def only_word(readable: Sequence[TextLine]) -> str | None:
    """The one word a follower can read, when that is all (every readable line read, one word in all); else None.

    A screen on which one word can be read (the event's logo, a name, "Agenda", "Thanks") tells
    a follower where the photo was taken, not what the talk says: the photo carries no content."""
    if any(line.text is None for line in readable):
        return None  # a line as tall as a read one, not read itself: what it says is unknown
    words = [word for line in readable for word in (line.text or "").split() if any(c.isalnum() for c in word)]
    return words[0] if len(words) == 1 else None


def describe_heights(lines: Sequence[TextLine], limit: int = 3) -> str:
    """The largest lines' timeline heights, for messages: "14, 9 and 7 px"."""
    heights = [f"{line.timeline_height:.0f}" for line in sorted(lines, key=lambda line: -line.timeline_height)[:limit]]
    if not heights:
        return "none"
    if len(heights) == 1:
        return f"{heights[0]} px"
    return f"{', '.join(heights[:-1])} and {heights[-1]} px"


def verdict_of_payload(text: dict[str, object]) -> str:
    """The verdict's summary from an analysis payload's ``text`` (the CLI's text output), with the default threshold."""
    from backchannel.photos.model import TextLine, TextReading

    lines = []
    for line in text.get("lines", ()):  # type: ignore[attr-defined]
        quad = tuple(tuple(point) for point in line["quad"])
        lines.append(TextLine(quad, line["timeline_height"], line["opened_height"], line["text"], line["confidence"], line["on_slide"]))  # type: ignore[arg-type]
    found = verdict(TextReading(tuple(lines), (0, 0), (0, 0)))
    read = [line.text for line in found.readable if line.text][:3]
    return found.summary + (f" — reads {', '.join(repr(t) for t in read)}" if read else "")


# --- Measuring (imaging: numpy, OpenCV and the OCR engine, loaded with the first photo) ---


@dataclass(frozen=True, slots=True)
class Found:
    """Lines detected at the timeline size, scaled to the opened (display) image's pixels."""

    lines: list[Detected]  # in display pixels
    timeline_lines: list[Detected]  # as detected, in timeline pixels
    scale: float  # display pixels per timeline pixel


def detect_at_timeline(display: np.ndarray, timeline: np.ndarray) -> Found:
    """Detect text on the timeline-sized image; the lines come back in both images' pixels."""
    from backchannel.photos import ocr

    limit = MAX_LINE_SHARE * timeline.shape[0]
    found = [line for line in ocr.detect(_rgb(timeline)) if line.height <= limit]
    scale = display.shape[1] / timeline.shape[1]
    return Found([_scaled(line, scale, 0.0, 0.0) for line in found], found, scale)


def detect_on_screen(display: np.ndarray, screen: Quad | None, known: Sequence[Detected]) -> list[Detected]:
    """Lines on a small screen that only the opened size shows (not already found), in display pixels."""
    from backchannel.photos import ocr
    from backchannel.photos.screen import centre, inside, quad_area

    if screen is None:
        return []
    height, width = display.shape[:2]
    if quad_area(screen) > OPENED_PASS_MAX_SHARE * width * height:
        return []
    xs, ys = [x for x, _ in screen], [y for _, y in screen]
    pad_x, pad_y = 0.05 * (max(xs) - min(xs)), 0.05 * (max(ys) - min(ys))
    left, top = max(0, int(min(xs) - pad_x)), max(0, int(min(ys) - pad_y))
    right, bottom = min(width, int(max(xs) + pad_x) + 1), min(height, int(max(ys) + pad_y) + 1)
    if right - left < ocr.MIN_DETECT_SIDE or bottom - top < ocr.MIN_DETECT_SIDE:
        return []
    extra = []
    for line in ocr.detect(_rgb(display[top:bottom, left:right])):
        moved = _scaled(line, 1.0, left, top)
        point = centre(moved.corners)
        if not any(inside(point, other.corners) for other in known):
            extra.append(moved)
    return extra


def read_lines(display: np.ndarray, lines: Sequence[Detected], limit: int = READ_LINES) -> dict[int, tuple[str, float]]:
    """Recognise the ``limit`` tallest lines (by index into ``lines``) from the display-size pixels."""
    from backchannel.photos import ocr

    order = sorted(range(len(lines)), key=lambda i: -lines[i].height)[:limit]
    rgb = _rgb(display)
    read = ocr.recognise_all([straighten_line(rgb, lines[i].corners) for i in order])
    return dict(zip(order, read))


def straighten_line(image: np.ndarray, corners: Quad) -> np.ndarray:
    """The line's quadrilateral cut out and warped to an upright rectangle."""
    import cv2
    import numpy as np

    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners
    width = max(1, round(max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, ((x2 - x3) ** 2 + (y2 - y3) ** 2) ** 0.5)))
    height = max(1, round(max(((x3 - x0) ** 2 + (y3 - y0) ** 2) ** 0.5, ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5)))
    source = np.array(corners, dtype=np.float32)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, target)
    return cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def _rgb(gray: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.ascontiguousarray(np.repeat(gray[:, :, None], 3, axis=2))


def _scaled(line: Detected, scale: float, dx: float, dy: float) -> Detected:
    from backchannel.photos.ocr import Detected

    corners = tuple((x * scale + dx, y * scale + dy) for x, y in line.corners)
    return Detected(corners, line.score)  # type: ignore[arg-type]
