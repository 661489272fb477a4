"""Hostile and broken files: a clear ImageError every time, never a crash, a hang or a huge allocation."""

from __future__ import annotations

import pytest
from PIL import Image

from backchannel.errors import ImageError
from backchannel.photos.analyse import analyse_photo
from backchannel.photos.limits import MAX_PIXELS
from backchannel.photos.samples import sample_bytes
from tests.photos.files import gif_claiming, jpeg_claiming, png_bomb, png_header_only, save

# What importing backchannel.photos.decode sets for the process (pytest resets warning filters per test).
pytestmark = pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")


def refusal(data: bytes) -> ImageError:
    with pytest.raises(ImageError) as caught:
        analyse_photo(data)
    error = caught.value
    assert error.status == 422 and error.code == "image_invalid"
    assert error.message.strip()
    return error


def test_an_empty_file() -> None:
    assert refusal(b"").details["reason"] == "empty"


@pytest.mark.parametrize(
    "data",
    [b"Hello, this is text, not a photo.\n", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", save(Image.new("RGB", (8, 8)), "BMP"), save(Image.new("RGB", (8, 8)), "TIFF")],
    ids=["text", "pdf", "bmp", "tiff"],
)
def test_not_an_image_we_take(data: bytes) -> None:
    assert refusal(data).details["reason"] == "unsupported"


def test_a_truncated_jpeg() -> None:
    photo = sample_bytes("slide-close-up")
    assert refusal(photo[: len(photo) // 2]).details["reason"] == "truncated"


def test_a_jpeg_with_garbage_after_its_header() -> None:
    photo = sample_bytes("slide-close-up")
    start = photo.index(b"\xff\xda")  # keep the headers, break the image data
    broken = photo[: start + 20] + bytes(range(256)) * 8
    assert refusal(broken).details["reason"] in {"truncated", "damaged"}


def test_a_truncated_png() -> None:
    data = save(Image.effect_noise((300, 200), 50), "PNG")
    assert refusal(data[: len(data) * 2 // 3]).details["reason"] in {"truncated", "damaged"}


@pytest.mark.parametrize(
    "data",
    [png_header_only(100_000, 100_000), jpeg_claiming(60_000, 60_000), gif_claiming(65_535, 65_535), png_bomb(10_000, 10_000)],
    ids=["png-header-100000x100000", "jpeg-header-60000x60000", "gif-screen-65535x65535", "png-bomb-100mp"],
)
def test_too_many_pixels_is_refused_before_decoding(data: bytes) -> None:
    assert len(data) < 100_000  # tiny files...
    error = refusal(data)  # ...refused from their header: nothing was decoded
    assert error.details["reason"] == "too_many_pixels"
    assert str(MAX_PIXELS // 1_000_000) in error.message


def test_just_over_the_limit_pillow_would_only_warn_we_refuse() -> None:
    # 60 MP is between Pillow's warning (1x) and error (2x) thresholds.
    assert refusal(png_header_only(7746, 7746)).details["reason"] == "too_many_pixels"


def test_a_bomb_within_the_limit_is_decoded_and_measured() -> None:
    # 49 MP of black in 6 KB: allowed, decoded once, shrunk before any colour conversion.
    analysis = analyse_photo(png_bomb(7000, 7000))
    assert (analysis.width, analysis.height) == (7000, 7000)
    assert analysis.measurements.brightness == 0
