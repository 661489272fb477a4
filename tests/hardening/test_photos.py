"""Clean copies are really clean, and each photo's work stays within its budget.

Through the real application on a real port: a clean copy (and the copy kept
with a post) has no comment, EXIF or XMP left whatever the format; an
animation over the pixels × frames budget is refused before a frame is
decoded, one over its time stops itself and frees its worker at once, and a
normal photo sent alongside two hostile ones is answered promptly.
"""

from __future__ import annotations

import asyncio
import io
import uuid
from typing import Awaitable, Callable

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from PIL import Image

from backchannel.photos.decode import open_image
from backchannel.photos.fixes import strip_metadata
from backchannel.photos.limits import Budget
from backchannel.photos.metadata import read_metadata
from backchannel.server import create_app
from backchannel.server.handlers.photos import PHOTOS, WORKERS
from backchannel.store import Store
from tests.hardening.photos import animation_bomb, busy_animation
from tests.server.conftest import TOKEN

SECRET = b"SECRET-where-I-was"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = SECRET.decode()  # camera make: metadata that must go
    return exif


def _save(image: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def _photos() -> dict[str, bytes]:
    picture = Image.effect_noise((64, 48), 40).convert("RGB")
    frames = [Image.effect_noise((32, 32), 30 + i).convert("P") for i in range(3)]
    return {
        "gif-still": _save(picture.convert("P"), "GIF", comment=SECRET),
        "gif-animated": _save(frames[0], "GIF", save_all=True, append_images=frames[1:], comment=SECRET, duration=80, loop=0),
        "jpeg-rotated": _save(picture, "JPEG", exif=_exif(6), comment=SECRET),
        "jpeg-upright": _save(picture, "JPEG", exif=_exif(1), comment=SECRET),
        "png": _save(picture, "PNG", exif=_exif(3)),
        "webp": _save(picture, "WEBP", exif=_exif(6), xmp=b"<x:xmpmeta>" + SECRET + b"</x:xmpmeta>"),
        "webp-animated": _save(picture, "WEBP", save_all=True, append_images=[picture.rotate(90)], exif=_exif(1), xmp=SECRET),
    }


PHOTOS_WITH_METADATA = _photos()


@pytest.mark.parametrize("name", sorted(PHOTOS_WITH_METADATA))
def test_the_clean_copy_keeps_no_comment_or_metadata(name: str) -> None:
    clean = strip_metadata(PHOTOS_WITH_METADATA[name]).data
    assert SECRET not in clean
    image = open_image(clean)
    assert "comment" not in image.info
    assert read_metadata(image).kinds == ()


def test_the_rotated_clean_copy_is_upright() -> None:
    clean = open_image(strip_metadata(PHOTOS_WITH_METADATA["jpeg-rotated"]).data)
    assert clean.size == (48, 64)


@pytest.fixture
async def client(aiohttp_client: Callable[[web.Application], Awaitable[TestClient]], store: Store) -> TestClient:
    return await aiohttp_client(create_app(store, TOKEN))


async def _upload(client: TestClient, data: bytes) -> str:
    response = await client.post("/v1/photos", data=data, headers=AUTH)
    assert response.status == 200, await response.text()
    return str((await response.json())["id"])


@pytest.mark.parametrize("name", ["gif-still", "gif-animated", "jpeg-rotated"])
async def test_clean_copies_over_the_api_and_kept_with_posts_have_no_comment(client: TestClient, store: Store, name: str) -> None:
    photo_id = await _upload(client, PHOTOS_WITH_METADATA[name])
    response = await client.get(f"/v1/photos/{photo_id}/clean", headers=AUTH)
    assert response.status == 200
    assert SECRET not in await response.read()
    post = {"client_id": str(uuid.uuid4()), "platform": "x", "text": "slides", "posted_at": "2013-01-30T10:00:00Z", "media": [{"sha256": photo_id}]}
    response = await client.post("/v1/posts", json=post, headers=AUTH)
    assert response.status == 201
    kept = [row[0] for row in store.db.conn.execute("SELECT file FROM post_media WHERE file IS NOT NULL")]
    assert kept, "the photo was kept with the post"
    for file in kept:
        path = store.history.media.path(file)
        assert path is not None and SECRET not in path.read_bytes()


def test_an_animation_over_the_pixel_frame_budget_is_refused_before_decoding() -> None:
    from backchannel.errors import ImageError

    budget = Budget().start()
    with pytest.raises(ImageError) as refused:
        strip_metadata(animation_bomb(frames=900), budget)
    assert refused.value.details["reason"] == "too_many_frames"


async def test_two_hostile_photos_do_not_hold_up_a_normal_one(client: TestClient) -> None:
    bomb = await _upload(client, animation_bomb(frames=900))  # analysing judges the first frame only: cheap
    normal = _save(Image.effect_noise((800, 600), 40).convert("RGB"), "PNG")
    order: list[str] = []

    async def clean() -> int:
        response = await client.get(f"/v1/photos/{bomb}/clean", headers=AUTH)
        order.append("hostile")
        return response.status

    async def analyse() -> int:
        response = await client.post("/v1/photos", data=normal, headers=AUTH)
        order.append("normal")
        return response.status

    hostile = [asyncio.create_task(clean()) for _ in range(2)]
    await asyncio.sleep(0)  # both hostile requests go out first
    # The bar is a second; five leaves room for a loaded machine (it took 86 s before).
    assert await asyncio.wait_for(analyse(), timeout=5) == 200
    assert await asyncio.gather(*hostile) == [422, 422]
    assert order.count("normal") == 1


async def test_a_photo_over_its_time_stops_itself_and_frees_its_worker_at_once(client: TestClient) -> None:
    desk = client.app[PHOTOS]
    slow = await _upload(client, busy_animation(1000, 1000, 20))  # 20 M pixel-frames: inside the pixel budget, seconds of work
    desk.seconds = 0.3
    responses = await asyncio.gather(*(client.get(f"/v1/photos/{slow}/clean", headers=AUTH) for _ in range(2)))
    for response in responses:
        assert response.status == 422
        assert (await response.json())["error"]["details"]["reason"] == "timeout"
    # The work stopped itself: both workers are free as soon as the answers are out.
    assert desk.slots._value == WORKERS  # noqa: SLF001 - the semaphore's count is the thing under test
