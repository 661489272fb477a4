"""The fixes: cropped to the slide, and a copy without metadata."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageDraw

from backchannel.errors import ImageError
from backchannel.photos.analyse import analyse_photo
from backchannel.photos.fixes import crop_to_box, strip_metadata
from backchannel.photos.model import Box
from backchannel.photos.samples import hall, sample_bytes, sensor_noise, slide
from tests.photos.files import animated_gif, darkest, grey, save, with_orientation


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_crop_to_the_slide_of_a_distant_slide() -> None:
    data = sample_bytes("distant-slide")
    analysis = analyse_photo(data)
    assert analysis.crop is not None
    out = crop_to_box(data, analysis.crop)
    cropped = opened(out.data)
    assert out.mime == "image/jpeg"
    assert cropped.size == (analysis.crop.width, analysis.crop.height)
    assert not cropped.getexif()
    # It is the slide: mostly bright paper.
    assert sum(v * n for v, n in enumerate(cropped.convert("L").histogram())) / (cropped.width * cropped.height) > 150


def test_crop_of_a_big_photo_decodes_reduced_and_caps_the_size() -> None:
    image = hall(60, 30, size=(4000, 3000))
    slide(image, (400, 300, 3600, 2700), seed=9)
    data = save(sensor_noise(image, seed=9), "JPEG", quality=85)
    out = opened(crop_to_box(data, Box(400, 300, 3600, 2700)).data)
    assert max(out.size) == 2048  # X's largest size: more would only cost bytes
    assert out.width / out.height == pytest.approx(3200 / 2400, abs=0.01)


def test_crop_follows_the_orientation() -> None:
    stored = Image.new("RGB", (400, 300), "black")
    ImageDraw.Draw(stored).rectangle((0, 0, 399, 59), fill="white")  # shown upright, this band is on the right
    data = with_orientation(stored, 6)
    right_band = opened(crop_to_box(data, Box(240, 0, 300, 400)).data).convert("L")
    assert right_band.size == (60, 400)
    assert darkest(right_band) > 200


def test_crop_box_outside_the_photo() -> None:
    with pytest.raises(ImageError):
        crop_to_box(sample_bytes("distant-slide"), Box(5000, 5000, 6000, 6000))


def test_clean_copy_of_a_jpeg_is_the_same_picture_without_metadata() -> None:
    data = sample_bytes("with-gps")
    assert analyse_photo(data).metadata.gps is not None
    out = strip_metadata(data)
    clean = opened(out.data)
    assert out.mime == "image/jpeg"
    assert not clean.getexif()
    assert b"Exif" not in out.data and b"ExamplePhone" not in out.data
    # Only metadata segments went: the image data is byte for byte the same.
    assert ImageChops.difference(clean.convert("RGB"), opened(data).convert("RGB")).getbbox() is None
    assert analyse_photo(out.data).metadata.kinds == ()


def test_clean_copy_drops_xmp_comments_and_the_extra_pictures_of_an_mpo() -> None:
    first, second = Image.new("RGB", (64, 48), "red"), Image.new("RGB", (64, 48), "blue")
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    mpo = save(first, "MPO", save_all=True, append_images=[second], exif=exif.tobytes())
    out = strip_metadata(mpo)
    clean = opened(out.data)
    assert clean.format == "JPEG" and getattr(clean, "n_frames", 1) == 1
    assert b"MPF\x00" not in out.data and b"Exif" not in out.data
    commented = save(Image.new("RGB", (32, 32), "white"), "JPEG", comment=b"taken at home", xmp=b"<x:xmpmeta>secret</x:xmpmeta>")
    cleaned = strip_metadata(commented).data
    assert b"taken at home" not in cleaned and b"secret" not in cleaned


def test_clean_copy_bakes_the_rotation_in() -> None:
    stored = Image.new("RGB", (400, 300), "black")
    ImageDraw.Draw(stored).rectangle((0, 0, 399, 59), fill="white")
    clean = opened(strip_metadata(with_orientation(stored, 6)).data)
    assert clean.size == (300, 400)
    assert not clean.getexif()
    assert grey(clean.convert("L"), (290, 200)) > 200  # the band is where the viewer saw it


def test_clean_copy_of_a_png_keeps_pixels_and_drops_text_and_exif() -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "at the Barbican")
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"
    image = Image.new("RGBA", (50, 40), (10, 200, 30, 128))
    out = strip_metadata(save(image, "PNG", pnginfo=info, exif=exif))
    clean = opened(out.data)
    assert out.mime == "image/png"
    assert "Comment" not in clean.info and not clean.getexif()
    assert clean.getpixel((5, 5)) == (10, 200, 30, 128)


def test_clean_copy_of_an_animation_keeps_its_frames() -> None:
    clean = opened(strip_metadata(animated_gif()).data)
    assert clean.format == "GIF" and getattr(clean, "n_frames", 1) == 2
