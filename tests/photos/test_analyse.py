"""The whole analysis on the synthetic samples: what each one is drawn to show, it shows."""

from __future__ import annotations

import pytest

from backchannel.errors import ImageError
from backchannel.photos.analyse import analyse_photo
from backchannel.photos.limits import Budget
from backchannel.photos.samples import analysed_sample, sample_bytes


def test_a_close_up_slide_is_bright_sharp_big_and_needs_no_crop() -> None:
    analysis = analysed_sample("slide-close-up")
    m = analysis.measurements
    assert m.brightness > 120 and m.sharpness > 500 and m.backlit == 0.0
    assert analysis.slide is not None and analysis.slide.display_width > 900 and analysis.slide.share > 0.6
    assert analysis.crop is None  # the slide already fills the photo


def test_a_distant_slide_is_small_and_gets_a_crop_around_it() -> None:
    analysis = analysed_sample("distant-slide")
    assert analysis.slide is not None
    assert 180 <= analysis.slide.display_width <= 240
    assert analysis.crop is not None
    slide, crop = analysis.slide.box, analysis.crop
    assert crop.left <= slide.left and crop.top <= slide.top and crop.right >= slide.right and crop.bottom >= slide.bottom
    assert crop.width < 1.2 * slide.width


def test_dark_blurred_small_and_located_samples() -> None:
    assert analysed_sample("dark-hall").measurements.brightness < 30
    assert analysed_sample("blurred-slide").measurements.sharpness < 10
    small = analysed_sample("small-photo")
    assert (small.width, small.height) == (480, 360) == (small.display_width, small.display_height)
    located = analysed_sample("with-gps").metadata
    assert located.gps is not None and located.gps.latitude is not None and located.gps.latitude > 51


def test_a_photo_with_more_pixels_than_the_display_crops_to_more_than_it_shows() -> None:
    from PIL import Image

    from tests.photos.files import save

    big = Image.open(__import__("io").BytesIO(sample_bytes("distant-slide"))).resize((3600, 2700), Image.Resampling.LANCZOS)
    analysis = analyse_photo(save(big, "JPEG", quality=90))
    assert analysis.slide is not None and analysis.display_width == 1200
    # Shown whole, the slide gets ~210 of X's 1200 px; cropped to it, X shows all of its ~630 px.
    assert analysis.slide.cropped_width > 2.5 * analysis.slide.display_width


def test_the_json_shape() -> None:
    payload = analysed_sample("distant-slide").to_dict()
    assert set(payload) == {"format", "width", "height", "bytes", "display", "measurements", "slide", "crop", "metadata", "text"}
    assert set(payload["measurements"]) == {"brightness", "contrast", "sharpness", "backlit"}
    assert set(payload["slide"]) == {"box", "share", "display_width", "cropped_width", "quad", "found_by", "brightness"}
    assert len(payload["crop"]["box"]) == 4


def test_an_analysis_over_its_time_stops_itself_between_stages() -> None:
    spent = Budget(seconds=0.0).start()  # past its deadline once the photo is decoded
    with pytest.raises(ImageError) as refused:
        analyse_photo(sample_bytes("slide-close-up"), budget=spent)
    assert refused.value.details["reason"] == "timeout"
