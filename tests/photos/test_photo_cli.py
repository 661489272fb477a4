"""`backchannel photo` through the real CLI process."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image

from backchannel.photos.samples import sample_bytes
from tests.support.cli import backchannel


def write(tmp: Path, name: str, data: bytes) -> str:
    path = tmp / name
    path.write_bytes(data)
    return str(path)


def test_text_report(tmp_path: Path) -> None:
    photo = write(tmp_path, "distant.jpg", sample_bytes("distant-slide"))
    done = backchannel(tmp_path, "photo", photo)
    assert done.returncode == 0, done.stderr
    assert "1200×900 JPEG" in done.stdout
    assert "slide 210 px wide" in done.stdout
    assert "PHO003 text-too-small" in done.stdout


def test_json_report_for_several_files_and_an_unreadable_one(tmp_path: Path) -> None:
    good = write(tmp_path, "close.jpg", sample_bytes("slide-close-up"))
    bad = write(tmp_path, "notes.jpg", b"these are my notes, not a photo")
    done = backchannel(tmp_path, "photo", good, bad, "--format", "json")
    assert done.returncode == 2  # one file could not be read; the other was still checked
    reports = json.loads(done.stdout)["photos"]
    assert reports[0]["file"] == good and reports[0]["tips"] == [] and reports[0]["slide"]["display_width"] > 900
    assert reports[1]["error"]["code"] == "image_invalid"


def test_crop_to_slide_and_strip_metadata(tmp_path: Path) -> None:
    photo = write(tmp_path, "distant.jpg", sample_bytes("distant-slide"))
    located = write(tmp_path, "located.jpg", sample_bytes("with-gps"))
    crop, clean = tmp_path / "slide.jpg", tmp_path / "clean.jpg"
    done = backchannel(tmp_path, "photo", photo, "--crop-to-slide", str(crop), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["photos"][0]["cropped_to"] == str(crop)
    assert Image.open(crop).size[0] < 300
    done = backchannel(tmp_path, "photo", located, "--strip-metadata", str(clean))
    assert done.returncode == 0, done.stderr
    assert "PHO007 location-metadata" in done.stdout and f"clean copy: {clean}" in done.stdout
    assert not Image.open(io.BytesIO(clean.read_bytes())).getexif()


def test_several_files_write_their_fixes_into_a_folder(tmp_path: Path) -> None:
    first = write(tmp_path, "a.jpg", sample_bytes("with-gps"))
    second = write(tmp_path, "b.jpg", sample_bytes("slide-close-up"))
    out = tmp_path / "clean"
    assert backchannel(tmp_path, "photo", first, second, "--strip-metadata", str(out)).returncode == 2  # not a folder yet
    out.mkdir()
    done = backchannel(tmp_path, "photo", first, second, "--strip-metadata", str(out))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a-clean.jpg", "b-clean.jpg"]


def test_no_slide_no_crop(tmp_path: Path) -> None:
    grey = io.BytesIO()
    Image.new("RGB", (800, 600), "grey").save(grey, "JPEG")
    done = backchannel(tmp_path, "photo", write(tmp_path, "grey.jpg", grey.getvalue()), "--crop-to-slide", str(tmp_path / "x.jpg"))
    assert done.returncode == 2 and "no slide was found" in done.stdout
    assert not (tmp_path / "x.jpg").exists()


def test_help_has_an_example(tmp_path: Path) -> None:
    done = backchannel(tmp_path, "photo", "--help")
    assert done.returncode == 0 and "Example:" in done.stdout and "--crop-to-slide" in done.stdout


def test_a_failed_crop_names_the_file_once(tmp_path: Path) -> None:
    grey = io.BytesIO()
    Image.new("RGB", (800, 600), (128, 128, 128)).save(grey, format="JPEG")
    photo = write(tmp_path, "grey.jpg", grey.getvalue())
    done = backchannel(tmp_path, "photo", photo, "--crop-to-slide", str(tmp_path / "x.jpg"))
    assert done.returncode == 2
    assert done.stdout.count("grey.jpg") == 1, done.stdout
    missing = backchannel(tmp_path, "photo", str(tmp_path / "nope.jpg"))
    assert missing.stdout.count("nope.jpg") == 1, missing.stdout
