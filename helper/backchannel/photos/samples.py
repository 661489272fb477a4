"""Synthetic conference photos, drawn the same way every time, for rule examples and tests.

Each sample is a small scene (a hall, a projected slide with lines of
"text", an audience, sensor noise) saved as a JPEG. The rule examples name
them, so the docs' examples are real photos the tests run through the
checker. Real photos are never committed; these are drawn in milliseconds.
"""

from __future__ import annotations

import io
import random
from functools import cache
from typing import Callable

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from backchannel.photos.model import PhotoAnalysis

WIDTH, HEIGHT = 1200, 900
Scene = Callable[[], Image.Image]


def hall(wall: int, floor: int, *, size: tuple[int, int] = (WIDTH, HEIGHT)) -> Image.Image:
    """A room lit from above: the wall's grey fades towards the floor's."""
    gradient = Image.linear_gradient("L").resize(size)
    grey = gradient.point(lambda v: round(wall + (floor - wall) * v / 255))
    return Image.merge("RGB", (grey.point(lambda v: min(255, round(v * 1.08))), grey, grey.point(lambda v: round(v * 0.9))))


TITLE = "Most learning happens at work"
BULLETS = (
    "70% on the job, in the flow of work",
    "20% from colleagues and mentors",
    "10% in courses and workshops",
    "Make the job the classroom",
    "Measure what people can do",
    "Share what you learn each week",
)


def slide(image: Image.Image, box: tuple[int, int, int, int], *, seed: int, paper: int = 236, ink: int = 40) -> None:
    """A projected slide: a title and bullet points in real words, so the OCR engine can read them.

    Body text is 1/24 of the slide's height, as on a real slide (24 pt on a
    7.5-inch-tall slide is 1/22), the title twice that; Pillow's built-in
    scalable font draws it the same on every machine.
    """
    from PIL import ImageFont

    rnd = random.Random(seed)
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = box
    draw.rectangle(box, fill=(paper, paper, paper - 6))
    width, height = right - left, bottom - top
    body = max(3, height // 24)
    margin = left + width // 12
    colour = (ink, ink, min(255, ink + 20))
    draw.text((margin, top + height // 10), TITLE, fill=colour, font=ImageFont.load_default(size=body * 2))
    font = ImageFont.load_default(size=body)
    y = top + height // 10 + body * 4
    bullets = list(BULLETS)
    rnd.shuffle(bullets)
    for line in bullets:
        if y >= bottom - body * 2:
            break
        draw.ellipse((margin, y + body // 3, margin + body // 2, y + body // 3 + body // 2), fill=(ink, ink, ink))
        draw.text((margin + body, y), line, fill=colour, font=font)
        y += body * 2


def audience(image: Image.Image, *, seed: int, rows: int, top: int, darkest: int, lightest: int) -> None:
    """Rows of heads and shoulders from the back of the room."""
    rnd = random.Random(seed)
    draw = ImageDraw.Draw(image)
    for row in range(rows):
        y = top + row * (image.height - top) // rows
        radius = 18 + 10 * row
        x = -radius
        while x < image.width + radius:
            tone = rnd.randint(darkest, lightest)
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(tone, tone, tone))
            draw.rectangle((x - 2 * radius, y + radius // 2, x + 2 * radius, image.height), fill=(tone // 2 + 5,) * 3)
            x += 2 * radius + rnd.randint(0, radius)


def silhouette(image: Image.Image, box: tuple[int, int, int, int], tone: int = 18) -> None:
    """A person standing in front of the screen, lit from behind."""
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = box
    head = (right - left) // 3
    draw.ellipse((left + head, top, right - head, top + head + head // 4), fill=(tone, tone, tone))
    draw.rounded_rectangle((left, top + head, right, bottom), radius=head // 2, fill=(tone, tone, tone))


def sensor_noise(image: Image.Image, *, seed: int, amplitude: int = 6) -> Image.Image:
    """Photo-like grain (seeded, so every run draws the same photo)."""
    rnd = random.Random(seed)
    noise = Image.frombytes("L", image.size, rnd.randbytes(image.width * image.height))
    noise = noise.point(lambda v: 128 + (v - 128) * amplitude // 128)
    return ImageChops.add(image, Image.merge("RGB", (noise, noise, noise)), scale=1.0, offset=-128)


def jpeg(image: Image.Image, *, quality: int = 88, exif: Image.Exif | None = None) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, exif=exif if exif is not None else b"")
    return out.getvalue()


def _slide_close_up() -> Image.Image:
    image = hall(55, 35)
    slide(image, (110, 70, 1090, 790), seed=1)
    return sensor_noise(image, seed=1)


def _distant_slide() -> Image.Image:
    image = hall(95, 60)
    slide(image, (500, 200, 700, 312), seed=2)
    audience(image, seed=2, rows=4, top=520, darkest=45, lightest=150)
    return sensor_noise(image, seed=2)


def _dark_hall() -> Image.Image:
    image = hall(14, 6)
    slide(image, (480, 260, 720, 395), seed=3, paper=44, ink=14)  # the hall's lights off and the projector dim
    audience(image, seed=3, rows=4, top=500, darkest=4, lightest=30)
    return sensor_noise(image, seed=3, amplitude=4)


def _blurred_slide() -> Image.Image:
    return _slide_close_up().filter(ImageFilter.GaussianBlur(4))


def _backlit_speaker() -> Image.Image:
    image = hall(55, 35)
    slide(image, (110, 70, 1090, 790), seed=4)
    silhouette(image, (470, 330, 730, 900))
    return sensor_noise(image, seed=4)


def _small_photo() -> Image.Image:
    """Small, but the slide fills it: followers read it anyway."""
    return _slide_close_up().resize((480, 360), Image.Resampling.LANCZOS)


def _small_room_photo() -> Image.Image:
    """Small and of the whole room: a messenger-compressed copy of a distant slide."""
    return _distant_slide().resize((480, 360), Image.Resampling.LANCZOS)


def _dark_hall_bright_slide() -> Image.Image:
    """The hall's lights are off, the projected slide is bright and fills a good part of the frame."""
    image = hall(8, 3)
    slide(image, (300, 180, 900, 518), seed=5)
    audience(image, seed=5, rows=3, top=640, darkest=3, lightest=16)
    return sensor_noise(image, seed=5, amplitude=4)


SCENES: dict[str, Scene] = {
    "slide-close-up": _slide_close_up,
    "distant-slide": _distant_slide,
    "dark-hall": _dark_hall,
    "blurred-slide": _blurred_slide,
    "backlit-speaker": _backlit_speaker,
    "small-photo": _small_photo,
    "small-room-photo": _small_room_photo,
    "dark-hall-bright-slide": _dark_hall_bright_slide,
}

EXAMPLE_GPS = {1: "N", 2: (51.0, 30.0, 1.2), 3: "W", 4: (0.0, 7.0, 39.6)}  # a lecture theatre in London


def sample_bytes(name: str) -> bytes:
    """The named sample as a JPEG file; ``with-gps`` is the close-up with a GPS position in its EXIF."""
    return _sample_bytes(name)


@cache
def _sample_bytes(name: str) -> bytes:
    if name == "with-gps":
        exif = Image.Exif()
        exif[0x010F] = "ExamplePhone"
        exif.get_ifd(0x8825).update(EXAMPLE_GPS)
        return jpeg(_slide_close_up(), exif=exif)
    if name not in SCENES:
        raise KeyError(f"no sample photo {name!r}; known: {', '.join([*SCENES, 'with-gps'])}")
    return jpeg(SCENES[name]())


@cache
def analysed_sample(name: str) -> PhotoAnalysis:
    from backchannel.photos.analyse import analyse_photo

    return analyse_photo(sample_bytes(name))
