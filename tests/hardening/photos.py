"""Hostile photos, built byte by byte: small files that cost a decoder a great deal."""

from __future__ import annotations

import io
import struct

from PIL import Image


def animation_bomb(width: int = 1000, height: int = 1000, frames: int = 900) -> bytes:
    """A GIF of ``frames`` frames on a ``width``×``height`` screen, each frame one new pixel.

    A few bytes a frame on disk; a decoder composes every frame at the full screen size."""
    out = bytearray(b"GIF89a" + struct.pack("<HH", width, height) + bytes([0xF0, 0, 0]) + bytes([0, 0, 0, 255, 255, 255]))
    out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"  # loop for ever
    for i in range(frames):
        out += b"\x21\xf9\x04\x00\x0a\x00\x00\x00"  # 0.1 s a frame
        out += b"\x2c" + struct.pack("<HHHH", i % width, (i // width) % height, 1, 1) + b"\x00"
        out += b"\x02\x02\x4c\x01\x00"  # one pixel of colour 1
    return bytes(out + b";")


def busy_animation(width: int, height: int, frames: int, comment: bytes | None = None) -> bytes:
    """A GIF whose every frame changes all over: within the pixel budget, but seconds to re-encode."""
    images = []
    for i in range(frames):
        frame = Image.new("P", (width, height), i % 200)
        frame.paste(Image.effect_noise((64, 64), 40).convert("P"), ((i * 37) % (width - 64), (i * 53) % (height - 64)))
        images.append(frame)
    out = io.BytesIO()
    extra = {"comment": comment} if comment is not None else {}
    images[0].save(out, "GIF", save_all=True, append_images=images[1:], duration=50, loop=0, **extra)
    return out.getvalue()
