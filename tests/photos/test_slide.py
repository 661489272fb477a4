"""Finding the projected screen, and what is not one."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageDraw

from backchannel.photos.decode import decode_for_display
from backchannel.photos.limits import effective_width
from backchannel.photos.samples import audience, hall, sample_bytes, sensor_noise, slide
from backchannel.photos.slide import find_screen


def screen_in(name: str):  # type: ignore[no-untyped-def]
    return find_screen(decode_for_display(sample_bytes(name)).luma)


def close(box: tuple[int, int, int, int], expected: tuple[int, int, int, int], tolerance: int = 16) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(box, expected))


@pytest.mark.parametrize(
    ("name", "drawn"),
    [("distant-slide", (500, 200, 700, 312)), ("dark-hall", (480, 260, 720, 395)), ("slide-close-up", (110, 70, 1090, 790))],
)
def test_the_slide_is_found_where_it_was_drawn(name: str, drawn: tuple[int, int, int, int]) -> None:
    screen = screen_in(name)
    assert screen is not None
    assert close(screen.box, drawn), screen.box


def test_a_silhouette_in_front_of_the_slide_is_measured() -> None:
    screen = screen_in("backlit-speaker")
    assert screen is not None
    assert close(screen.box, (110, 70, 1090, 790))
    assert 0.1 < screen.backlit < 0.25  # the drawn person covers about a sixth of the slide
    assert screen_in("slide-close-up").backlit == 0.0  # type: ignore[union-attr]


def test_a_bright_lit_ceiling_is_not_the_screen() -> None:
    # A hall whose ceiling is lit as brightly as the screen: a wide bright band with a truss and lamps.
    image = hall(70, 40)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1199, 300), fill=(200, 200, 190))
    rnd = random.Random(5)
    for x in range(0, 1200, 60):
        draw.line((x, 0, x + 80, 300), fill=(40, 40, 40), width=6)
    for _ in range(60):
        x, y = rnd.randrange(1200), rnd.randrange(290)
        draw.ellipse((x, y, x + 10, y + 10), fill=(255, 255, 240))
    slide(image, (520, 380, 700, 480), seed=5)
    audience(image, seed=5, rows=4, top=560, darkest=30, lightest=140)
    screen = find_screen(sensor_noise(image, seed=5).convert("L"))
    assert screen is not None
    assert close(screen.box, (520, 380, 700, 480)), screen.box


@pytest.mark.parametrize(
    "picture",
    [
        Image.new("L", (1200, 900), 128),
        Image.new("L", (1200, 900), 250),
        Image.effect_noise((1200, 900), 60),
        Image.linear_gradient("L").resize((1200, 900)),
    ],
    ids=["grey", "white", "noise", "gradient"],
)
def test_no_screen_in_pictures_without_one(picture: Image.Image) -> None:
    assert find_screen(picture) is None


def test_a_poster_close_up_has_no_small_screen() -> None:
    # White paper with a red sign and white letters on it: bright shapes, but no lit screen in a dim room.
    poster = Image.new("RGB", (900, 1200), (235, 235, 230))
    draw = ImageDraw.Draw(poster)
    draw.rectangle((120, 300, 780, 1000), fill=(220, 70, 50))
    for i, x in enumerate(range(180, 720, 130)):
        draw.rectangle((x, 420 + 40 * (i % 2), x + 90, 560), fill=(245, 245, 245))
    screen = find_screen(poster.convert("L"))
    assert screen is None or screen.share >= 0.5


def test_effective_width_of_a_screen_wider_than_a_slide() -> None:
    assert effective_width(400, 300) == 400
    assert effective_width(1100, 180) == pytest.approx(320)  # a panoramic stage wall shows its slide at its height


def _flood_components(mask: Image.Image, min_area: int) -> list[tuple[int, dict[int, tuple[int, int]]]]:
    """The plain definition: 4-connected regions by flood fill, in the raster order of their first pixel."""
    width, height = mask.size
    on = [[mask.getpixel((x, y)) != 0 for x in range(width)] for y in range(height)]
    seen = [[False] * width for _ in range(height)]
    found = []
    for y in range(height):
        for x in range(width):
            if not on[y][x] or seen[y][x]:
                continue
            seen[y][x] = True
            stack, area = [(x, y)], 0
            rows: dict[int, tuple[int, int]] = {}
            while stack:
                px, py = stack.pop()
                area += 1
                low, high = rows.get(py, (px, px + 1))
                rows[py] = (min(low, px), max(high, px + 1))
                for nx, ny in ((px + 1, py), (px - 1, py), (px, py + 1), (px, py - 1)):
                    if 0 <= nx < width and 0 <= ny < height and on[ny][nx] and not seen[ny][nx]:
                        seen[ny][nx] = True
                        stack.append((nx, ny))
            if area >= min_area:
                found.append((area, dict(sorted(rows.items()))))
    return found


@pytest.mark.parametrize("seed", range(20))
def test_regions_are_the_4_connected_components_in_raster_order(seed: int) -> None:
    """Rings, diagonals (not joined), holes and combs: every region with each row's span, in order."""
    from backchannel.photos.slide import _components

    rnd = random.Random(seed)
    width, height = rnd.randint(1, 40), rnd.randint(1, 30)
    density = rnd.choice((0.2, 0.45, 0.6, 0.85))
    mask = Image.new("L", (width, height), 0)
    mask.putdata([255 if rnd.random() < density else 0 for _ in range(width * height)])
    for min_area in (1, 3, 12):
        ours = [(region.area, region.rows) for region in _components(mask, min_area=min_area)]
        assert ours == _flood_components(mask, min_area)
        assert all(list(rows) == sorted(rows) for _, rows in ours)  # rows top to bottom: quad_fill breaks ties by it
