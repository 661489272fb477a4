from __future__ import annotations

import io

import pytest
from PIL import Image

from backchannel.photos.metadata import read_metadata
from backchannel.photos.model import GpsPosition
from tests.photos.files import save


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def photo_with(gps: dict[int, object] | None = None, **tags: object) -> bytes:
    exif = Image.Exif()
    for tag, value in tags.items():
        exif[int(tag.removeprefix("t"))] = value
    if gps is not None:
        exif.get_ifd(0x8825).update(gps)
    return save(Image.new("RGB", (32, 24), "white"), "JPEG", exif=exif)


def test_a_plain_photo_has_no_metadata() -> None:
    facts = read_metadata(opened(save(Image.new("RGB", (8, 8)), "JPEG")))
    assert facts.orientation == 1 and facts.kinds == () and facts.gps is None and facts.camera is None


@pytest.mark.parametrize(
    ("refs", "expected"),
    [(("N", "E"), (48.1375, 11.575)), (("S", "W"), (-33.8568, -151.2153))],
)
def test_gps_position_with_its_hemisphere(refs: tuple[str, str], expected: tuple[float, float]) -> None:
    lat, lon = (abs(v) for v in expected)
    dms = lambda v: (float(int(v)), float(int(v * 60 % 60)), round(v * 3600 % 60, 4))  # noqa: E731
    data = photo_with({1: refs[0], 2: dms(lat), 3: refs[1], 4: dms(lon)}, t271="ExampleCam", t272="X1")
    facts = read_metadata(opened(data))
    assert facts.gps is not None
    assert facts.gps.latitude == pytest.approx(expected[0], abs=1e-3)
    assert facts.gps.longitude == pytest.approx(expected[1], abs=1e-3)
    assert facts.kinds == ("exif", "gps")
    assert facts.camera == "ExampleCam X1"


def test_a_gps_block_without_a_position_is_not_a_location() -> None:
    facts = read_metadata(opened(photo_with({29: "2014:09:19"})))
    assert facts.gps is None
    assert "gps" not in facts.kinds


def test_gps_in_xmp_counts_even_without_exif() -> None:
    xmp = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><exif:GPSLatitude>51,30.0N</exif:GPSLatitude></x:xmpmeta>"
    facts = read_metadata(opened(save(Image.new("RGB", (8, 8)), "JPEG", xmp=xmp)))
    assert facts.gps == GpsPosition(None, None)
    assert "xmp" in facts.kinds and "gps" in facts.kinds


@pytest.mark.parametrize("orientation", [0, 9, 300])
def test_a_nonsense_orientation_counts_as_none(orientation: object) -> None:
    assert read_metadata(opened(photo_with(t274=orientation))).orientation == 1


def test_gps_position_reads_for_people() -> None:
    assert GpsPosition(51.5003, -0.1277).describe() == "its GPS position (51.5003°N, 0.1277°W)"
    assert GpsPosition(None, None).describe() == "a GPS position"
