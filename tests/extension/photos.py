"""Synthetic conference photos for the browser tests, drawn with Pillow in milliseconds.

Each is drawn to trip one photo rule the way a real photo does: a dark hall
(PHO001), a small bright slide far away in a dim room (PHO003, with a crop
offered), a slide that fills the frame (no slide tips). Grain keeps them
photo-like, so sharpness is judged on texture, not on flat colour.
"""

from __future__ import annotations

import base64
import io
import random
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageChops, ImageDraw, ImageFont

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

SIZE = (1600, 1200)
SMALL_SLIDE_BOX = (600, 300, 1000, 525)  # left, top, right, bottom: 400×225 of 1600×1200


def _grain(image: Image.Image, seed: int, amplitude: int = 12) -> Image.Image:
    rnd = random.Random(seed)
    noise = Image.frombytes("L", image.size, rnd.randbytes(image.width * image.height)).point(lambda v: 128 + (v - 128) * amplitude // 128)
    return ImageChops.add(image, Image.merge("RGB", (noise, noise, noise)), scale=1.0, offset=-128)


WORDS = ("Most learning happens at work", "70% on the job", "20% from colleagues", "10% in courses", "Make the job the classroom", "Measure what people can do")


def _slide(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], seed: int) -> None:
    """A slide with a title and bullet points in real words: the helper reads the text, as a follower would."""
    rnd = random.Random(seed)
    left, top, right, bottom = box
    draw.rectangle(box, fill=(238, 238, 232))
    line = max(3, (bottom - top) // 24)  # body text 1/24 of the slide's height, as on a real slide
    y = top + line * 2
    words = list(WORDS)
    rnd.shuffle(words)
    for i, text in enumerate(words):
        size = line * 2 if i == 0 else line
        if y + size >= bottom - line:
            break
        draw.text((left + (right - left) // 10, y), text, fill=(40, 40, 60), font=ImageFont.load_default(size=size))
        y += size + line


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, quality=88) if fmt == "JPEG" else image.save(out, fmt)
    return out.getvalue()


def dark_photo(fmt: str = "JPEG") -> bytes:
    """A dimmed hall from the back: mean brightness about 15 of 255."""
    image = Image.new("RGB", SIZE, (12, 11, 14))
    draw = ImageDraw.Draw(image)
    for row in range(5):  # heads in the audience, barely lit
        y = 800 + row * 90
        for x in range(-40, SIZE[0] + 80, 110):
            draw.ellipse((x, y, x + 90, y + 90), fill=(22, 21, 24))
    return _encode(_grain(image, seed=1, amplitude=8), fmt)


def small_slide_photo(fmt: str = "JPEG") -> bytes:
    """A slide far away: a bright 400×225 rectangle in a dim, grainy room (300 px wide as X shows it)."""
    image = Image.new("RGB", SIZE, (70, 66, 62))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 700, SIZE[0], SIZE[1]), fill=(48, 45, 44))
    _slide(draw, SMALL_SLIDE_BOX, seed=2)
    return _encode(_grain(image, seed=2), fmt)


def close_up_photo(fmt: str = "JPEG") -> bytes:
    """The slide fills the frame: nothing to say about it."""
    image = Image.new("RGB", SIZE, (60, 58, 56))
    draw = ImageDraw.Draw(image)
    _slide(draw, (60, 50, SIZE[0] - 60, SIZE[1] - 60), seed=3)
    return _encode(_grain(image, seed=3), fmt)


def photo_with_gps() -> bytes:
    """A close-up straight from a phone: its EXIF says where it was taken (a London lecture theatre)."""
    image = Image.open(io.BytesIO(close_up_photo()))
    exif = Image.Exif()
    exif[0x010F] = "ExamplePhone"
    exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 30.0, 1.2), 3: "W", 4: (0.0, 7.0, 39.6)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, exif=exif)
    return out.getvalue()


def broken_photo() -> bytes:
    """A file that says it is a JPEG and is not one past its first bytes."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8


# A File built in the page from base64 (Playwright passes only JSON into the page).
MAKE_FILE = "({data, name, type}) => new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name, {type})"


def file_arg(data: bytes, name: str, mime: str) -> dict[str, Any]:
    return {"data": base64.b64encode(data).decode(), "name": name, "type": mime}


def paste_photo(page: "Page", target: "Locator", data: bytes, name: str = "pasted.png", mime: str = "image/png") -> None:
    """Paste an image the way the clipboard hands it over: a paste event whose data has the file."""
    target.evaluate(
        f"""(el, arg) => {{ const file = ({MAKE_FILE})(arg); const data = new DataTransfer(); data.items.add(file);
            el.focus(); el.dispatchEvent(new ClipboardEvent('paste', {{clipboardData: data, bubbles: true, cancelable: true}})); }}""",
        file_arg(data, name, mime),
    )


def drop_photo(page: "Page", target: "Locator", data: bytes, name: str = "dropped.jpg", mime: str = "image/jpeg") -> None:
    """Drop an image file onto an element: dragenter, dragover and drop carrying the file."""
    target.evaluate(
        f"""(el, arg) => {{ const file = ({MAKE_FILE})(arg); const data = new DataTransfer(); data.items.add(file);
            for (const type of ['dragenter', 'dragover', 'drop'])
              el.dispatchEvent(new DragEvent(type, {{dataTransfer: data, bubbles: true, cancelable: true}})); }}""",
        file_arg(data, name, mime),
    )


def pick_photo(page: "Page", data: bytes, name: str = "photo.jpg", mime: str = "image/jpeg", scope: str = "") -> None:
    """Pick a file with the media button's file input, as a person does (Playwright sets the files)."""
    page.locator(f'{scope} [data-testid="fileInput"]'.strip()).first.set_input_files(files=[{"name": name, "mimeType": mime, "buffer": data}])
