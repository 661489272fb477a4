"""Reading the slide the way a follower would: text found and measured at the sizes X shows it.

The OCR tests use a few small synthetic photos (drawn in milliseconds, the
same every run) so the suite stays quick on two cores; the real photos are
in test_real_photos.py.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from backchannel.photos.analyse import analyse_photo
from backchannel.photos.describe import propose_description
from backchannel.photos.legibility import describe_heights, timeline_size, verdict
from backchannel.photos.model import TextLine, TextReading
from backchannel.photos.samples import analysed_sample, hall, jpeg, sample_bytes, sensor_noise, slide
from tests.support.cli import backchannel

ROOT = Path(__file__).resolve().parents[2]
SQUARE = ((0.0, 0.0), (100.0, 0.0), (100.0, 20.0), (0.0, 20.0))


def line(timeline: float, text: str | None = "Polymer power tools", confidence: float = 0.95, y: float = 0.0) -> TextLine:
    quad = tuple((x, v + y) for x, v in SQUARE)
    return TextLine(quad, timeline, timeline * 2, text, confidence)  # type: ignore[arg-type]


def reading(*lines: TextLine) -> TextReading:
    return TextReading(tuple(lines), (600, 450), (1200, 900))


def test_the_verdict_says_what_a_follower_gets() -> None:
    assert verdict(reading(line(30), line(18))).summary == "all readable"
    title_only = verdict(reading(line(30), line(4, text=None)))
    assert title_only.kind == "title_readable" and title_only.summary == "title readable, body text too small in the timeline"
    assert "readable when opened" in verdict(reading(line(30), line(8, text=None))).summary
    assert verdict(reading(line(8))).kind == "opened_only"
    assert verdict(reading(line(4))).summary == "nothing readable"
    assert verdict(reading()).kind == "no_text" and verdict(None).kind == "no_text"
    # Read without confidence, or two letters only: guesses, not text.
    assert verdict(reading(line(30, confidence=0.5))).kind != "all_readable"
    assert verdict(reading(line(30, text="JS"))).kind != "all_readable"
    # The threshold is the caller's (a setting).
    assert verdict(reading(line(14)), min_height=20).kind == "opened_only"


def test_messages_quote_the_measured_heights() -> None:
    assert describe_heights([line(4.2), line(9.4), line(7)]) == "9, 7 and 4 px"
    assert describe_heights([line(5)]) == "5 px"


def test_the_timeline_preview_is_600_pixels_wide() -> None:
    assert timeline_size(1200, 900) == (600, 450)
    assert timeline_size(900, 1200) == (562, 750)  # a tall photo's preview is cut at about 4:5
    assert timeline_size(480, 360) == (480, 360)  # never enlarged


def test_the_description_reads_the_slide_top_to_bottom_and_names_the_session() -> None:
    found = reading(line(20, "first point", y=100), line(40, "Polymer power tools", y=10), line(20, "second point", y=140), line(3, text=None, y=200))
    assert propose_description(found, "@addyosmani, Polymer Summit 2015") == (
        "Slide: 'Polymer power tools': first point; second point — @addyosmani, Polymer Summit 2015"
    )
    assert propose_description(reading(line(40, "Polymer power tools")), None) == "Slide: 'Polymer power tools'"
    assert propose_description(reading(line(3, text=None)), "@x, Y") is None


def test_the_slide_is_read_and_measured_at_both_sizes() -> None:
    analysis = analysed_sample("slide-close-up")
    assert analysis.text is not None
    assert analysis.text.timeline_size == (600, 450) and analysis.text.opened_size == (1200, 900)
    title = analysis.text.lines[0]
    assert title.text == "Most learning happens at work" and title.recognised
    # A 1200-px photo is shown at half size in the timeline: heights halve.
    assert title.opened_height == pytest.approx(2 * title.timeline_height, rel=0.01)
    assert 25 <= title.timeline_height <= 45  # the title's glyphs are 30 px tall at 1200 px, so about 15 in the timeline, plus the box's margin
    assert verdict(analysis.text).kind == "all_readable"
    assert "70% on the job, in the flow of work" in analysis.text.read_text()


def test_small_text_on_a_distant_screen_is_found_at_the_opened_size_only() -> None:
    analysis = analysed_sample("distant-slide")
    assert analysis.text is not None and analysis.text.lines
    title = analysis.text.lines[0]
    assert title.timeline_height < 8  # too small to read in the timeline
    assert title.on_slide
    assert verdict(analysis.text).kind == "nothing_readable"


def keystoned_dark_slide() -> tuple[bytes, list[tuple[float, float]]]:
    """A dark-theme slide shot from the left and below: a trapezoid, dimmer than the wall around it."""
    import cv2
    import numpy as np

    flat = Image.new("RGB", (960, 540), (30, 32, 40))
    slide(flat, (0, 0, 960, 540), seed=9, paper=34, ink=235)
    # A 16:9 screen turned 35° away and tilted 12°, projected by a camera with a 1000-px focal length.
    corners = [(429.8, 325.5), (870.8, 281.9), (844.1, 628.6), (390.4, 580.1)]
    room = np.asarray(hall(95, 70))
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [960, 0], [960, 540], [0, 540]]), np.float32(corners))
    warped = cv2.warpPerspective(np.asarray(flat), matrix, (1200, 900))
    mask = cv2.warpPerspective(np.full((540, 960), 255, np.uint8), matrix, (1200, 900))
    scene = np.where(mask[:, :, None] > 0, warped, room)
    return jpeg(sensor_noise(Image.fromarray(scene), seed=9)), corners


def test_a_keystoned_dark_theme_slide_is_found_and_cropped_straight() -> None:
    from backchannel.photos.straighten import crop_to_quad

    data, corners = keystoned_dark_slide()
    analysis = analyse_photo(data)
    assert analysis.slide is not None and analysis.slide.quad is not None
    for found, true in zip(analysis.slide.quad, corners):
        assert abs(found[0] - true[0]) <= 20 and abs(found[1] - true[1]) <= 20, (analysis.slide.quad, corners)
    assert analysis.slide.brightness is not None and analysis.slide.brightness < analysis.measurements.brightness  # a dark slide, found anyway
    out = crop_to_quad(data, analysis.slide.quad)
    straight = Image.open(io.BytesIO(out.data))
    assert straight.format == "JPEG" and 1.5 <= straight.width / straight.height <= 1.9  # the keystone is gone: 16:9 again
    again = analyse_photo(out.data)
    assert again.text is not None and "Most learning happens at work" in again.text.read_text()


def test_the_ocr_engine_loads_with_the_first_photo_not_at_start_up() -> None:
    script = f"""
import sys
sys.path[:0] = [{str(ROOT / 'helper')!r}]
from backchannel.server.app import create_app
from backchannel.photos import ocr
from backchannel.photos.analyse import analyse_photo
from backchannel.photos.samples import sample_bytes
assert "rapidocr" not in sys.modules and "onnxruntime" not in sys.modules, "loaded at start-up"
analyse_photo(sample_bytes("small-photo"), read_text=False)
assert not ocr.engine_loaded()
analyse_photo(sample_bytes("small-photo"))
assert ocr.engine_loaded() and "rapidocr" in sys.modules
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_explain_draws_what_was_measured(tmp_path: Path) -> None:
    photo = tmp_path / "distant.jpg"
    photo.write_bytes(sample_bytes("distant-slide"))
    out = tmp_path / "why.png"
    done = backchannel(tmp_path, "photo", str(photo), "--explain", str(out))
    assert done.returncode == 0, done.stderr
    assert f"explained in: {out}" in done.stdout and "text: nothing readable" in done.stdout
    drawn = Image.open(out)
    assert drawn.format == "PNG" and drawn.size == (1200, 900)
    original = Image.open(photo).convert("RGB")
    # The screen's outline is drawn in blue where the slide's edge is.
    box = analysed_sample("distant-slide").slide.box  # type: ignore[union-attr]
    r, g, b = drawn.convert("RGB").getpixel((box.left + box.width // 2, box.top))
    assert b > 200 and r < 100 and (r, g, b) != original.getpixel((box.left + box.width // 2, box.top))


def test_a_line_left_unread_is_as_readable_as_the_read_lines_of_its_size() -> None:
    # Only the largest lines are read; the next bullet, as tall as a read one, reads as well.
    assert verdict(reading(line(30), line(20), line(20, text=None))).kind == "all_readable"
    assert verdict(reading(line(30), line(20), line(18, text=None))).kind == "title_readable"


def test_one_word_readable_is_a_logo_or_a_name_not_the_talk() -> None:
    one = verdict(reading(line(30, "unconF")))
    assert one.kind == "one_word" and one.summary == "only one word readable ('unconF'): a logo, a name or a heading, nothing the talk says"
    assert verdict(reading(line(30, "JS unconf"))).kind == "all_readable"  # two words: a phrase, not a lone word
    assert verdict(reading(line(30, "{MeetUp}"), line(20, "#CodePenFFM", y=40))).kind == "all_readable"
    # A line as tall as the word but not read may say more; and a slide whose body reads when opened has content.
    assert verdict(reading(line(30, "Agenda"), line(30, text=None, y=40))).kind != "one_word"
    assert verdict(reading(line(30, "Agenda"), line(10, "Polymer power tools", y=40))).kind == "title_readable"


def screen_photo(*lines: tuple[str, int]) -> bytes:
    """A lit screen filling half of a dim hall, with ``lines`` (text, type size in photo pixels) on it, heads in front."""
    from PIL import ImageDraw, ImageFont

    from backchannel.photos.samples import audience

    image = hall(40, 22)
    draw = ImageDraw.Draw(image)
    draw.rectangle((200, 80, 1000, 530), fill=(226, 226, 220))
    y = 150
    for text, size in lines:
        font = ImageFont.load_default(size=size)
        width = draw.textlength(text, font=font)
        draw.text((600 - width / 2, y), text, fill=(30, 40, 90), font=font)
        y += size * 2
    audience(image, seed=7, rows=3, top=620, darkest=10, lightest=60)
    return jpeg(sensor_noise(image, seed=7))


def test_a_screen_showing_only_a_logo_gets_the_text_too_small_tip_and_a_slide_with_words_does_not() -> None:
    from backchannel.checker import check_photos
    from backchannel.photos.model import AttachedPhoto

    logo = analyse_photo(screen_photo(("DEVCONF", 90)))
    found = verdict(logo.text)
    assert found.kind == "one_word" and found.readable[0].text == "DEVCONF", logo.text
    tips = {tip.code: tip for tip in check_photos([AttachedPhoto(logo)])}
    assert "PHO003" in tips
    assert "only one word on it can be read, 'DEVCONF'" in tips["PHO003"].message
    # The same screen with the talk's title under the logo: a follower learns what the talk is about.
    titled = analyse_photo(screen_photo(("DEVCONF", 90), ("Polymer power tools", 50)))
    assert verdict(titled.text).kind != "one_word"
    assert "PHO003" not in {tip.code for tip in check_photos([AttachedPhoto(titled)])}
