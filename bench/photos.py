"""Photo checks: our analysis vs the OCR engine's own pipeline, the OpenCV blur recipe and the decode alone.

A 12-megapixel JPEG of about 4 MB and a 1200×900 one, both drawn here the
same way every run (a hall, a slide with lines of letters, an audience,
sensor grain), so they compress like photos. The floor is what any
analysis has to pay: libjpeg's reduced-size decode at the scale we use.
The analysis reads the slide at display size; its peer is the OCR engine's
default pipeline (RapidOCR, everything at its defaults) on the full photo.
The measurements without OCR keep their earlier targets against the decode
floor and the OpenCV recipe.
Peak memory is measured in a fresh process per pipeline (the growth of its
peak resident size while it runs), since Pillow's and OpenCV's pixel
buffers are invisible to tracemalloc. A photo's own peak, once the OCR
engine is loaded, is measured after a first photo: the peak is started again
from the resident size (Linux's /proc/self/clear_refs) before the photo.
"""

from __future__ import annotations

import functools
import io
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from PIL import Image, ImageFilter

from bench.report import Row, median

RUNS = 7
ROOT = Path(__file__).resolve().parent.parent


def realistic_scene(width: int, height: int, *, seed: int = 7) -> Image.Image:
    """A lecture-hall photo: lit wall, a slide with text, rows of people, lens softness and grain."""
    from backchannel.photos import samples

    rnd = random.Random(seed)
    image = samples.hall(70, 30, size=(width, height))
    samples.slide(image, (int(width * 0.3), int(height * 0.1), int(width * 0.72), int(height * 0.46)), seed=seed)
    samples.audience(image, seed=seed, rows=6, top=int(height * 0.55), darkest=20, lightest=190)
    for _ in range(40):  # lights, signs and equipment: small high-contrast patches
        x, y = rnd.randrange(width), rnd.randrange(int(height * 0.5))
        size = rnd.randint(width // 200, width // 60)
        tone = rnd.randint(120, 255)
        image.paste((tone, tone, rnd.randint(100, 255)), (x, y, x + size, y + size))
    image = image.filter(ImageFilter.GaussianBlur(width / 3300))  # a phone lens is not perfectly sharp
    return samples.sensor_noise(image, seed=seed, amplitude=14)


def encode(image: Image.Image, quality: int = 90) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def _median_ms(call: Callable[[], object]) -> float:
    call()  # warm up: imports, caches
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return median(times)


def _floor(data: bytes) -> None:
    from backchannel.photos.decode import draft_request

    image = Image.open(io.BytesIO(data))
    image.draft("L", draft_request(*image.size))
    image.load()


def _ours(data: bytes) -> None:
    from backchannel.photos.analyse import analyse_photo

    analyse_photo(data, read_text=False)


def _reading(data: bytes) -> None:
    from backchannel.photos.analyse import analyse_photo

    analyse_photo(data)


def _ocr_default(data: bytes) -> None:
    from backchannel.photos.ocr import default_pipeline

    default_pipeline(data)


OCR_RUNS = 3  # the engine's default pipeline takes seconds on a 12 MP photo


def _median_ms_few(call: Callable[[], object]) -> float:
    call()  # warm up: the engine loads here
    times = []
    for _ in range(OCR_RUNS):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return median(times)


_IDLE = """
import sys
sys.path[:0] = {paths!r}
import bench.photos as b
from backchannel.server.app import create_app
from backchannel.photos.samples import sample_bytes
idle, loaded = b.rss_mb(), "rapidocr" in sys.modules or "onnxruntime" in sys.modules
from backchannel.photos.analyse import analyse_photo
analyse_photo(sample_bytes("slide-close-up"))
print(idle, b.rss_mb(), loaded)
"""


def rss_mb() -> float:
    """This process's resident memory now, in MB (Linux; NaN elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _opencv(path: str) -> None:
    import cv2

    image = cv2.imread(path)
    assert image is not None, f"OpenCV could not read {path}"
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    cv2.Laplacian(grey, cv2.CV_64F).var()


_PEAK = """
import sys
sys.path[:0] = {paths!r}
import bench.photos as b
data = open({path!r}, 'rb').read()
{setup}
before = b.peak_rss_mb()
{call}
print(b.peak_rss_mb() - before)
"""


_PEAK_WARM = """
import sys
sys.path[:0] = {paths!r}
import bench.photos as b
from backchannel.photos.samples import sample_bytes
data = open({path!r}, 'rb').read()
{setup}
{warm}
before = b.rss_mb()
if not b.reset_peak_rss():
    print(float('nan'))
    raise SystemExit
{call}
print(b.peak_rss_mb() - before)
"""


def reset_peak_rss() -> bool:
    """Start this process's peak resident size again from its present size (Linux 4.0+:
    /proc/self/clear_refs, 5); False where it cannot be reset."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_warm_mb(path: str, call: str, setup: str, warm: str) -> float:
    """Peak resident memory (MB) above the process's size while ``call`` runs once, in a fresh
    process that has already run ``warm`` (the OCR engine loaded): one photo's own cost."""
    script = _PEAK_WARM.format(paths=[str(ROOT), str(ROOT / "helper")], path=path, setup=setup, warm=warm, call=call)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True)
    return float(done.stdout.strip())


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    Linux's VmHWM belongs to the running program; ru_maxrss is not used there
    because it survives fork+exec, so a child of a big process would start
    at its parent's peak and show no growth.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _peak_mb(path: str, call: str, setup: str) -> float:
    """Growth of peak resident memory (MB) in a fresh process while ``call`` runs once."""
    script = _PEAK.format(paths=[str(ROOT), str(ROOT / "helper")], path=path, setup=setup, call=call)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    return float(done.stdout.strip())


def _has_opencv() -> bool:
    try:
        import cv2  # noqa: F401
    except ImportError:
        return False
    return True


def run() -> list[Row]:
    rows: list[Row] = []
    opencv = _has_opencv()
    with tempfile.TemporaryDirectory() as tmp:
        for label, size in (("12 MP", (4000, 3000)), ("1200×900", (1200, 900))):
            data = encode(realistic_scene(*size))
            path = str(Path(tmp) / f"{size[0]}.jpg")
            Path(path).write_bytes(data)
            name = f"{label} JPEG ({len(data) / 1e6:.1f} MB)"
            ours = _median_ms(functools.partial(_ours, data))
            floor = _median_ms(functools.partial(_floor, data))
            big = label == "12 MP"  # the targets are for a phone photo; a small file shows the fixed costs
            rows.append(Row("photos", f"{name}: measurements without OCR vs decode floor", "ms", ours, floor, "reduced-size decode alone",
                            "≤ 1.25× the floor" if big else None, ours <= 1.25 * floor if big else None, f"{ours / floor:.2f}× the floor"))
            if opencv:
                recipe = _median_ms(functools.partial(_opencv, path))
                rows.append(Row("photos", f"{name}: measurements without OCR vs OpenCV", "ms", ours, recipe, "OpenCV imread+grey+Laplacian var",
                                "≥ 2× faster" if big else None, recipe >= 2 * ours if big else None,
                                f"{recipe / ours:.1f}× faster"))
            else:
                rows.append(Row("photos", f"{name}: OpenCV recipe", "ms", float("nan"), None, None, None, None,
                                "opencv-python-headless not installed: pip install -e '.[bench]'"))
            if big:
                # The analysis with text reading vs the engine's own pipeline on the full photo.
                reading = _median_ms_few(functools.partial(_reading, data))
                default = _median_ms_few(functools.partial(_ocr_default, data))
                rows.append(Row("photos", f"{name}: analysis reading the slide vs OCR default pipeline", "ms", reading, default,
                                "RapidOCR default, full photo", "≥ 3× faster", default >= 3 * reading, f"{default / reading:.1f}× faster"))
                reading_mb = _peak_mb(path, "b._reading(data)", "from backchannel.photos.analyse import analyse_photo")
                default_mb = _peak_mb(path, "b._ocr_default(data)", "from backchannel.photos.ocr import default_pipeline")
                rows.append(Row("photos", f"{name}: peak memory growth, analysis with OCR (engine load included)", "MB", reading_mb, default_mb,
                                "RapidOCR default, full photo", None, None, "per photo, in a fresh process"))
                # A photo's own cost in a helper that has read one already: its peak above the
                # resident size it had, the engine loaded (a sample slide read first).
                warm = 'b._reading(sample_bytes("slide-close-up"))'
                photo_mb = _peak_warm_mb(path, "b._reading(data)", "from backchannel.photos.analyse import analyse_photo", warm)
                default_photo_mb = _peak_warm_mb(path, "b._ocr_default(data)", "from backchannel.photos.ocr import default_pipeline",
                                                 'b._ocr_default(sample_bytes("slide-close-up"))')
                rows.append(Row("photos", f"{name}: peak memory per photo, OCR engine already loaded", "MB", photo_mb, default_photo_mb,
                                "RapidOCR default, full photo", None, None, "peak above the resident size before the photo"))
                idle = subprocess.run([sys.executable, "-c", _IDLE.format(paths=[str(ROOT), str(ROOT / "helper")])],
                                      capture_output=True, text=True, timeout=300, check=True).stdout.split()
                idle_mb, after_mb, loaded = float(idle[0]), float(idle[1]), idle[2] == "True"
                rows.append(Row("photos", "helper idle memory before its first photo (server imported)", "MB", idle_mb, after_mb,
                                "after the first photo", "OCR engine not loaded at start-up", not loaded,
                                "the engine loads with the first photo"))
                ours_mb = _peak_mb(path, "b._ours(data)", "from backchannel.photos.analyse import analyse_photo")
                floor_mb = _peak_mb(path, "b._floor(data)", "from backchannel.photos.decode import draft_request")
                note = f"decode floor alone: {floor_mb:.0f} MB"
                cv_mb = _peak_mb(path, "b._opencv(" + repr(path) + ")", "import cv2") if opencv else None
                rows.append(Row("photos", f"{name}: peak memory growth", "MB", ours_mb, cv_mb, "OpenCV recipe" if opencv else None, None, None, note))
    return rows
