"""Finding and reading the text in a photo: the OCR engine, loaded on the first photo.

The engine is RapidOCR 3.x running PP-OCR models on ONNX Runtime. Its wheel
carries the detection, recognition and orientation models (``rapidocr/models``),
so nothing is downloaded at run time and it works offline on Linux, macOS and
Windows (docs/PHOTOS.md says why this one and not the others).

The engine costs about 60 MB and a second to load, so it is created lazily
the first time a photo is read, never at start-up: a helper that never sees
a photo never pays for it. Callers hand in pixels at the size they want the
text measured (the size X shows the photo); the engine's own resizing is off,
so the detector sees exactly what a follower sees.

RapidOCR keeps per-call options on the engine object, so calls are serialised
with a lock (the server may analyse two photos at once in worker threads).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

Point = tuple[float, float]

_ENGINE: Any = None
_LOAD_LOCK = threading.Lock()
_CALL_LOCK = threading.Lock()

MIN_DETECT_SIDE = 32  # the detector works in steps of 32 pixels: a smaller image holds no line it can find


@dataclass(frozen=True, slots=True)
class Detected:
    """One text line the detector found: its four corners (clockwise from top-left) and its confidence."""

    corners: tuple[Point, Point, Point, Point]
    score: float

    @property
    def height(self) -> float:
        """The line's height: the mean of its left and right sides (a keystoned line leans)."""
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = self.corners
        return (((x3 - x0) ** 2 + (y3 - y0) ** 2) ** 0.5 + ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5) / 2

    @property
    def width(self) -> float:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = self.corners
        return (((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 + ((x2 - x3) ** 2 + (y2 - y3) ** 2) ** 0.5) / 2


def engine_loaded() -> bool:
    """Whether the OCR engine has been loaded in this process (it is, once a photo was read)."""
    return _ENGINE is not None


def load() -> None:
    """Create the engine now (it is otherwise created by the first call that needs it)."""
    _engine()


def _engine() -> Any:
    global _ENGINE
    if _ENGINE is None:
        with _LOAD_LOCK:
            if _ENGINE is None:
                from rapidocr import RapidOCR

                _ENGINE = RapidOCR(
                    params={
                        "Global.log_level": "error",  # "no text found" is an answer here, not a warning
                        # We resize to the display size ourselves; the engine must not scale it back up.
                        "Global.use_preprocess_img": False,
                        "Global.use_vertical_padding": False,
                        "Global.use_cls": False,  # slide text is upright; a sideways photo is the photo's fault
                        "Det.limit_type": "max",
                        "Det.limit_side_len": 4096,
                    }
                )
    return _ENGINE


def detect(rgb: np.ndarray) -> list[Detected]:
    """Text lines in an RGB image (H×W×3, uint8), in its pixels, top to bottom."""
    if min(rgb.shape[0], rgb.shape[1]) < MIN_DETECT_SIDE:
        return []
    engine = _engine()
    with _CALL_LOCK:
        result = engine(rgb, use_det=True, use_cls=False, use_rec=False)
    boxes = getattr(result, "boxes", None)
    if boxes is None:
        return []
    scores = getattr(result, "scores", None) or [1.0] * len(boxes)
    found = []
    for box, score in zip(boxes, scores):
        corners = tuple((float(x), float(y)) for x, y in box[:4])
        found.append(Detected(corners, float(score)))  # type: ignore[arg-type]
    return found


def recognise(line: np.ndarray) -> tuple[str, float]:
    """The text of one line image (straightened, H×W×3), and the recogniser's confidence."""
    if line.shape[0] < 4 or line.shape[1] < 4:
        return "", 0.0
    engine = _engine()
    with _CALL_LOCK:
        result = engine(line, use_det=False, use_cls=False, use_rec=True)
    texts = getattr(result, "txts", None)
    if not texts:
        return "", 0.0
    scores = getattr(result, "scores", None) or [0.0]
    return str(texts[0]).strip(), float(scores[0])


def recognise_all(lines: list[np.ndarray]) -> list[tuple[str, float]]:
    """Several line images at once: the recogniser runs them in batches, several times faster than one by one."""
    usable = [i for i, line in enumerate(lines) if line.shape[0] >= 4 and line.shape[1] >= 4]
    out: list[tuple[str, float]] = [("", 0.0)] * len(lines)
    if not usable:
        return out
    engine = _engine()
    batch = getattr(engine, "recognize_txt", None)
    if batch is None:  # an engine without the batch entry point: one by one
        return [recognise(line) for line in lines]
    with _CALL_LOCK:
        result = batch([lines[i] for i in usable])
    texts = getattr(result, "txts", None) or ()
    scores = getattr(result, "scores", None) or ()
    for i, text, score in zip(usable, texts, scores):
        out[i] = (str(text).strip(), float(score))
    return out


def default_pipeline(data: bytes) -> list[str]:
    """The engine's own default pipeline on the full photo: the baseline ``make bench`` compares against."""
    from rapidocr import RapidOCR

    result = RapidOCR(params={"Global.log_level": "warning"})(data)
    return [str(t) for t in (getattr(result, "txts", None) or ())]
