"""The screen's outline must be seen in the photo: a quadrilateral whose sides do not run along
edges (a bright region's box, a hull stretched over the lectern and the floor, a lit band
cut by the frame) holds the screen and more, and is not the crop."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backchannel.photos.analyse import analyse_photo
from backchannel.photos.screen import edge_support

LECTERN = "conference2/1166646861639356416-EDDDHyGWkAAtxcT.jpg"  # a speaker at a lectern before the screen, the stage below
WHITEBOARD_WALL = "conference2/880754619097522176-DDkRqHMXcAAbHHr.jpg"  # a slide on a light wall, windows either side


def test_edge_support_is_the_share_of_the_outline_on_edges() -> None:
    edges = np.zeros((200, 200), np.uint8)
    edges[20, 40:161] = edges[80, 40:161] = 255
    edges[20:81, 40] = edges[20:81, 160] = 255
    assert edge_support(((40, 20), (160, 20), (160, 80), (40, 80)), edges) == pytest.approx(1.0)
    # The same screen and the wall below it: only the top and the upper sides are seen.
    assert edge_support(((40, 20), (160, 20), (160, 190), (40, 190)), edges) < 0.5
    # The photo's own border is no edge.
    assert edge_support(((0, 0), (199, 0), (199, 99), (0, 99)), np.full((100, 200), 255, np.uint8)) == 0.0


@pytest.fixture(scope="module")
def photos(shared_data: Path) -> Path:
    return shared_data / "photos"


def test_the_crop_leaves_out_the_lectern_and_the_stage(photos: Path) -> None:
    analysis = analyse_photo((photos / LECTERN).read_bytes())
    assert analysis.slide is not None and analysis.slide.found_by == "outline"
    left, top, right, bottom = analysis.slide.box.to_list()
    # The screen ends above the stage floor (its lower corners near y 740 of 900); the lectern stands in front of it.
    assert bottom < 0.85 * analysis.height and top > 0.08 * analysis.height
    (x0, _), (x1, _), (x2, _), (x3, _) = analysis.slide.quad  # type: ignore[misc]
    assert x0 > x3 - 60 and x2 > x1  # keystoned as seen from the left, not the stretched hull


def test_the_crop_leaves_out_the_wall_and_the_windows_around_the_slide(photos: Path) -> None:
    analysis = analyse_photo((photos / WHITEBOARD_WALL).read_bytes())
    assert analysis.slide is not None
    left, top, right, bottom = analysis.slide.box.to_list()
    assert left > 0.1 * analysis.width and right < 0.9 * analysis.width  # not the whole top band of the frame
    assert analysis.crop is not None
