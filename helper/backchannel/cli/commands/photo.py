"""`backchannel photo FILE...`: will followers be able to read this photo? And the fixes.

Exit status: 2 when a file cannot be read (the others are still checked), 1
when a tip of level error fires, else 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from backchannel.cli.common import open_store, print_json
from backchannel.errors import BackchannelError, ImageError, InvalidInput
from backchannel.photos.limits import MAX_BYTES

if TYPE_CHECKING:
    from backchannel.photos.model import PhotoAnalysis
    from backchannel.rules import Tip

DESCRIPTION = (
    "Check photos (JPEG, PNG, WebP or GIF, up to 20 MiB and 50 megapixels) the way followers will see them:\n"
    "the text on it read at the sizes X shows it (timeline and opened), the screen, the exposure of the slide,\n"
    "sharpness, silhouettes, resolution and GPS metadata.\n"
    "Exit status: 1 when a tip of level error fires, 2 when a file cannot be read or fixed, else 0."
)
EXAMPLE = (
    "backchannel photo IMG_2041.jpg\n"
    "backchannel photo IMG_2041.jpg --crop-to-slide slide.jpg --strip-metadata clean.jpg\n"
    "backchannel photo IMG_2041.jpg --explain why.png\n"
    "backchannel photo *.jpg --format json"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="the photos")
    parser.add_argument("--crop-to-slide", metavar="OUT", help="write the photo cropped to its slide (a folder when several files)")
    parser.add_argument("--strip-metadata", metavar="OUT", help="write a copy without EXIF, GPS, XMP or comments (a folder when several files)")
    parser.add_argument(
        "--explain", metavar="OUT",
        help="write a PNG that shows what was measured: the screen, the text lines with their heights in the timeline, the verdict (a folder when several "
             "files)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.set_defaults(handler=run_photo)


def run_photo(args: argparse.Namespace) -> int:
    from backchannel.coach.photo import judge
    from backchannel.rules import Level

    files: list[str] = args.files
    for option, out in (("--crop-to-slide", args.crop_to_slide), ("--strip-metadata", args.strip_metadata), ("--explain", getattr(args, "explain", None))):
        if out and len(files) > 1 and not Path(out).is_dir():
            raise InvalidInput(f"With several files, {option} takes an existing folder (got {out}).")
    store = open_store(args)
    try:
        settings = store.settings.load()
    finally:
        store.close()
    reports: list[dict[str, Any]] = []
    status = 0
    for name in files:
        try:
            data = _read(name)
            judged = judge(data, settings)
            report: dict[str, Any] = {"file": name, **judged.to_dict()}
            written = _write_fixes(args, name, data, judged.analysis, judged.tips, multiple=len(files) > 1)
            report.update(written)
            if any(t.level is Level.ERROR for t in judged.tips) and status == 0:
                status = 1
        except BackchannelError as exc:
            report = {"file": name, "error": exc.to_dict()}
            status = 2
        reports.append(report)
    if args.format == "json":
        print_json({"photos": reports})
    else:
        for report in reports:
            _print_text(report)
    return status


def _read(name: str) -> bytes:
    path = Path(name)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImageError(f"The file is {size / 1024 / 1024:.1f} MiB; the limit is {MAX_BYTES // (1024 * 1024)} MiB.", details={"reason": "too_large"})
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read the file: {exc.strerror}.") from None


def _write_fixes(args: argparse.Namespace, name: str, data: bytes, analysis: PhotoAnalysis, tips: Sequence[Tip], *, multiple: bool) -> dict[str, str]:
    from backchannel.photos.fixes import crop_to_box, strip_metadata
    from backchannel.photos.straighten import crop_to_quad

    written: dict[str, str] = {}
    if args.crop_to_slide:
        if analysis.slide is None:
            # The file's name is printed in front of every message about it: not again here.
            raise ImageError("no slide was found, so there is nothing to crop to.", details={"reason": "no_slide"})
        if analysis.slide.quad is not None:
            out = crop_to_quad(data, analysis.slide.quad)  # straight, keystone removed
        else:
            out = crop_to_box(data, analysis.crop or analysis.slide.box)  # the slide already fills the photo: crop to it anyway
        written["cropped_to"] = _save(args.crop_to_slide, name, "-slide", out.extension, out.data, multiple)
    if getattr(args, "explain", None):
        from backchannel.photos.explain import draw_explanation

        explained = draw_explanation(data, analysis, tips)
        written["explained_in"] = _save(args.explain, name, "-explained", ".png", explained, multiple)
    if args.strip_metadata:
        out = strip_metadata(data)
        written["clean_copy"] = _save(args.strip_metadata, name, "-clean", out.extension, out.data, multiple)
    return written


def _save(target: str, source: str, suffix: str, extension: str, data: bytes, multiple: bool) -> str:
    path = Path(target)
    if multiple or path.is_dir():
        path = path / f"{Path(source).stem}{suffix}{extension}"
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise InvalidInput(f"Cannot write {path}: {exc.strerror}.") from None
    return str(path)


def _print_text(report: dict[str, Any]) -> None:
    out = sys.stdout
    if "error" in report:
        out.write(f"{report['file']}: {report['error']['message']}\n")
        return
    m, display = report["measurements"], report["display"]
    out.write(f"{report['file']}  {report['width']}×{report['height']} {report['format']}, shown at {display['width']}×{display['height']}\n")
    line = f"  brightness {m['brightness']:.0f}/255 · contrast {m['contrast']:.0f} · sharpness {m['sharpness']:.0f}"
    slide = report["slide"]
    if slide:
        line += f" · slide {slide['display_width']} px wide ({slide['share']:.0%} of the photo, found by its {slide['found_by']}) at {tuple(slide['box'])}"
    else:
        line += " · no slide found"
    out.write(line + "\n")
    for tip in report["tips"]:
        out.write(f"  {tip['level']:<10} {tip['code']} {tip['name']}: {tip['message']}\n")
    text = report.get("text")
    if text is not None:
        from backchannel.photos.legibility import verdict_of_payload

        out.write(f"  text: {verdict_of_payload(text)}\n")
    for key, label in (("cropped_to", "cropped to the slide"), ("clean_copy", "clean copy"), ("explained_in", "explained in")):
        if key in report:
            out.write(f"  {label}: {report[key]}\n")
