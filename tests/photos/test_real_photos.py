"""Every real photo in ../shared/data/photos against what INDEX.md says a person sees.

Both sets (conference/ and conference2/) are analysed once per module run
(about half a second a photo). Unreadable photos ("no: …") must get one of
the warnings that say so (too dark, blurred, text too small) — at least 80 %
of them, the issue's target on photos the project never saw — and legible
ones ("yes …") must get none, at most 10 %. `python -m bench.photo_score`
prints the same numbers per rule. Borderline photos and photos that are not
of a talk are not judged here.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from backchannel.checker import check_photos
from backchannel.photos.analyse import analyse_photo
from backchannel.photos.describe import propose_description
from backchannel.photos.legibility import verdict
from backchannel.photos.model import AttachedPhoto, PhotoAnalysis

UNREADABLE_WARNINGS = {"PHO001", "PHO002", "PHO003"}
ROW = re.compile(r"^\| (conference2?/\S+) \| (\d+)x(\d+) \| (.+?) \| (.+?) \|$", re.MULTILINE)
KEYSTONED = "conference2/601387539073753088-CFiOx15VAAAHOXg.jpg"
DARK_THEME_ANGLE = "conference2/929902218567913472-DOetI0ZUMAANJCz.jpg"
DARK_HALL_BRIGHT_SLIDE = "conference2/1166646861639356416-EDDDHyGWkAAtxcT.jpg"
GENERIC_ROOM = "conference/468301386229493760-Bn-9oSPIUAAehtl.jpg"
BACKDROP_BETWEEN_SLIDES = "conference2/929889696318140416-DOehv9RVQAAqj4L.jpg"
LOGO_ONLY = "conference/723788089412444161-CgtpZ9mXEAI_kSc.jpg"


def index_rows(photos: Path) -> list[tuple[str, int, int, str]]:
    rows = [(name, int(w), int(h), verdict) for name, w, h, _, verdict in ROW.findall((photos / "INDEX.md").read_text(encoding="utf-8"))]
    assert len(rows) >= 34, "INDEX.md changed shape"
    return rows


@pytest.fixture(scope="module")
def photos(shared_data: Path) -> Path:
    return shared_data / "photos"


@pytest.fixture(scope="module")
def analysed(photos: Path) -> dict[str, PhotoAnalysis]:
    return {name: analyse_photo((photos / name).read_bytes()) for name, _, _, _ in index_rows(photos)}


def codes(analysis: PhotoAnalysis) -> set[str]:
    return {t.code for t in check_photos([AttachedPhoto(analysis)])}


def test_unreadable_photos_are_flagged_and_legible_ones_left_alone(photos: Path, analysed: dict[str, PhotoAnalysis]) -> None:
    unreadable, legible, missed, false_alarms = 0, 0, [], []
    for name, width, height, words in index_rows(photos):
        analysis = analysed[name]
        assert (analysis.width, analysis.height) == (width, height)
        found = codes(analysis)
        if words.startswith("no:"):
            unreadable += 1
            if not found & UNREADABLE_WARNINGS:
                missed.append(f"{name} ({words}) got no warning: {sorted(found)}")
        elif words.startswith("yes"):
            legible += 1
            if found & UNREADABLE_WARNINGS:
                false_alarms.append(f"{name} ({words}) was flagged: {sorted(found)}")
    assert unreadable >= 10 and legible >= 13
    assert len(missed) <= 0.2 * unreadable, "\n".join(missed)
    assert len(false_alarms) <= 0.1 * legible, "\n".join(false_alarms)


def test_legible_slides_are_read(analysed: dict[str, PhotoAnalysis]) -> None:
    expected = {
        "conference/643712750573780992-CO7tVVqWwAAidnb.jpg": "Polymer",
        "conference/744804486036623360-ClYTtFIVEAARmdL.jpg": "PROGRESSIVE WEB APP",
        "conference2/801209751061299201-Cx54AdmUkAQbfdy.jpg": ".NET on Linux",
        KEYSTONED: "Geometry Cleaning Plugins",
        DARK_THEME_ANGLE: "AUTOMATED TESTS",
        "conference2/880754619097522176-DDkRqHMXcAAbHHr.jpg": "Building a QGIS Plugin",
        "conference2/1192603368088199170-EIz6aEsU8AEOdTS.jpg": "Accessibility is a study in empathy",
        "conference2/1568294386412441602-FcOzYe5aQAEhfLS.jpg": "Solutions 1 - 6 Recap",
    }
    for name, words in expected.items():
        reading = analysed[name].text
        assert reading is not None, name
        read = " ".join(reading.read_text())
        assert all(word in read for word in words.split()), (name, reading.read_text())
        description = propose_description(reading, "@speaker, The Conference")
        assert description is not None and description.endswith("— @speaker, The Conference")
        assert all(word in description for word in words.split()), description


def test_a_dark_hall_around_a_bright_readable_slide_is_not_too_dark(analysed: dict[str, PhotoAnalysis]) -> None:
    analysis = analysed[DARK_HALL_BRIGHT_SLIDE]
    assert analysis.slide is not None and analysis.subject_brightness > analysis.measurements.brightness
    assert verdict(analysis.text).kind == "all_readable"
    assert not codes(analysis) & UNREADABLE_WARNINGS


def test_the_generic_room_photo_gets_the_room_tip_with_the_crop(analysed: dict[str, PhotoAnalysis]) -> None:
    analysis = analysed[GENERIC_ROOM]
    tip = next(t for t in check_photos([AttachedPhoto(analysis)]) if t.code == "PHO003")
    assert tip.message.startswith("A room photo: the screen is only")
    assert tip.photo_fix is not None and tip.photo_fix.action == "crop"  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", [KEYSTONED, DARK_THEME_ANGLE])
def test_the_crop_is_the_screen_straightened(photos: Path, analysed: dict[str, PhotoAnalysis], name: str) -> None:
    from backchannel.photos.straighten import crop_to_quad

    analysis = analysed[name]
    assert analysis.slide is not None and analysis.slide.quad is not None and analysis.slide.found_by != "text"
    out = crop_to_quad((photos / name).read_bytes(), analysis.slide.quad)
    straight = Image.open(io.BytesIO(out.data))
    assert 1.0 <= straight.width / straight.height <= 2.0  # a slide, not a strip of wall
    again = analyse_photo(out.data)
    assert again.text is not None and verdict(again.text).readable, again.text


def test_the_photo_with_camera_exif_has_its_gps_position_flagged(photos: Path) -> None:
    analysis = analyse_photo((photos / "conference" / "teachers.jpg").read_bytes(), read_text=False)
    assert analysis.metadata.camera == "LGE Nexus 4"
    assert analysis.metadata.gps is not None and analysis.metadata.gps.latitude == pytest.approx(52.40, abs=0.01)
    assert "PHO007" in codes(analysis)


def test_the_legible_slide_is_found_at_its_place(analysed: dict[str, PhotoAnalysis]) -> None:
    analysis = analysed["conference/643712750573780992-CO7tVVqWwAAidnb.jpg"]
    assert analysis.slide is not None
    left, top, right, bottom = analysis.slide.box.to_list()
    # Where a person sees the "Using ES2015 with Polymer" slide: the left half, a third of the way down.
    assert left < 60 and 280 < top < 360 and 420 < right < 480 and 580 < bottom < 660


def test_a_backdrop_banner_beside_the_screens_does_not_make_the_slide_readable(analysed: dict[str, PhotoAnalysis]) -> None:
    # Two small lit slides either side of a dark backdrop with the event's name in large letters:
    # the screen is a lit slide, not the banner, and the verdict is about its text.
    analysis = analysed[BACKDROP_BETWEEN_SLIDES]
    assert analysis.slide is not None and analysis.slide.found_by == "brightness"
    assert analysis.slide.brightness > 150  # a lit screen, not the dark backdrop
    banner = [line for line in analysis.text.lines if line.text and "Ethereum" in line.text]  # type: ignore[union-attr]
    assert banner and not any(line.on_slide for line in banner)
    assert verdict(analysis.text).kind == "nothing_readable"
    assert "PHO003" in {tip.code for tip in check_photos([AttachedPhoto(analysis)])}


def test_a_screen_with_only_its_logo_readable_tells_a_follower_nothing(analysed: dict[str, PhotoAnalysis]) -> None:
    # The dim hall with the "JS unconf" logo on its screen (INDEX.md: "no: dim, screen small"):
    # the one word read is the logo, nothing of the talk, so it is flagged.
    analysis = analysed[LOGO_ONLY]
    found = verdict(analysis.text)
    assert found.kind == "one_word"
    assert "PHO003" in codes(analysis)
