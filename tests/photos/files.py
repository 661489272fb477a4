"""Image files made in memory for the tests: ordinary ones in every mode, and hostile ones.

Nothing here is committed as a binary: each file is built from a few bytes
or drawn with Pillow when a test asks for it.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def save(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width×height and that carries no pixels at all."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IEND", b"")


def png_bomb(width: int, height: int) -> bytes:
    """A real 1-bit PNG of width×height black pixels: kilobytes that decode to width*height bytes."""
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then the packed bits
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", data) + png_chunk(b"IEND", b"")


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small valid JPEG whose frame header is rewritten to claim width×height."""
    data = bytearray(save(Image.new("RGB", (16, 16), (200, 100, 50)), "JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def gif_claiming(width: int, height: int) -> bytes:
    """A GIF whose logical screen claims width×height, with a 1×1 image inside."""
    screen = b"GIF89a" + struct.pack("<HH", width, height) + b"\x80\x00\x00" + b"\x00\x00\x00\xff\xff\xff"
    image = b"\x2c" + struct.pack("<HHHH", 0, 0, 1, 1) + b"\x00" + b"\x02\x02\x44\x01\x00"
    return screen + image + b"\x3b"


def animated_gif() -> bytes:
    """Two frames: white, then black. Only the first is what a post's preview shows."""
    frames = [Image.new("L", (64, 48), 255), Image.new("L", (64, 48), 0)]
    return save(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)


def with_orientation(image: Image.Image, orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return save(image, "JPEG", quality=95, exif=exif)


def grey(image: Image.Image, xy: tuple[int, int]) -> int:
    """The grey level of one pixel of a mode L image."""
    value = image.getpixel(xy)
    assert isinstance(value, int)
    return value


def darkest(image: Image.Image) -> int:
    return min(level for level, count in enumerate(image.convert("L").histogram()) if count)
