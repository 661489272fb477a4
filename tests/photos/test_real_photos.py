"""Every real photo in ../shared/data/photos against what INDEX.md says a person sees.

Unreadable photos must get at least one of the warnings that say so (too
dark, blurred, slide too small); legible slides and signs must get none.
The other rows (borderline, not a talk photo) are not judged here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backchannel.checker import check_photos
from backchannel.photos.analyse import analyse_photo
from backchannel.photos.model import AttachedPhoto

UNREADABLE_WARNINGS = {"PHO001", "PHO002", "PHO003"}
ROW = re.compile(r"^\| (conference/\S+) \| (\d+)x(\d+) \| (.+?) \| (.+?) \|$", re.MULTILINE)


def index_rows(photos: Path) -> list[tuple[str, int, int, str]]:
    rows = [(name, int(w), int(h), verdict) for name, w, h, _, verdict in ROW.findall((photos / "INDEX.md").read_text())]
    assert len(rows) >= 12, "INDEX.md changed shape"
    return rows


@pytest.fixture(scope="module")
def photos(shared_data: Path) -> Path:
    return shared_data / "photos"


def codes_for(path: Path) -> set[str]:
    return {t.code for t in check_photos([AttachedPhoto(analyse_photo(path.read_bytes()))])}


def test_unreadable_photos_are_flagged_and_legible_ones_left_alone(photos: Path) -> None:
    wrong = []
    for name, width, height, verdict in index_rows(photos):
        analysis = analyse_photo((photos / name).read_bytes())
        assert (analysis.width, analysis.height) == (width, height)
        codes = {t.code for t in check_photos([AttachedPhoto(analysis)])}
        unreadable, legible = verdict.startswith("no:"), verdict.startswith("yes")  # "not a talk photo" is neither
        if unreadable and not codes & UNREADABLE_WARNINGS:
            wrong.append(f"{name} ({verdict}) got no warning: {sorted(codes)}")
        if legible and codes & UNREADABLE_WARNINGS:
            wrong.append(f"{name} ({verdict}) was flagged: {sorted(codes)}")
    assert not wrong, "\n".join(wrong)


def test_the_photo_with_camera_exif_has_its_gps_position_flagged(photos: Path) -> None:
    analysis = analyse_photo((photos / "conference" / "teachers.jpg").read_bytes())
    assert analysis.metadata.camera == "LGE Nexus 4"
    assert analysis.metadata.gps is not None and analysis.metadata.gps.latitude == pytest.approx(52.40, abs=0.01)
    assert "PHO007" in codes_for(photos / "conference" / "teachers.jpg")


def test_the_legible_slide_is_found_at_its_place(photos: Path) -> None:
    analysis = analyse_photo((photos / "conference" / "643712750573780992-CO7tVVqWwAAidnb.jpg").read_bytes())
    assert analysis.slide is not None
    left, top, right, bottom = analysis.slide.box.to_list()
    # Where a person sees the "Using ES2015 with Polymer" slide: the left half, a third of the way down.
    assert left < 60 and 280 < top < 360 and 420 < right < 480 and 580 < bottom < 660
