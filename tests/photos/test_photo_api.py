"""POST /v1/photos, the photo fixes, and photos joining /v1/check, through the real app."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from backchannel.photos.cache import photo_id
from backchannel.photos.limits import MAX_BYTES
from backchannel.photos.samples import sample_bytes
from backchannel.server.handlers.photos import PHOTOS
from tests.photos.files import png_header_only
from tests.server.conftest import Api


async def post_photo(api: Api, data: bytes) -> tuple[int, dict]:  # type: ignore[type-arg]
    return await api.call("POST", "/v1/photos", data=data, headers={"Content-Type": "image/jpeg"})


async def test_analyse_a_photo(api: Api) -> None:
    data = sample_bytes("distant-slide")
    status, body = await post_photo(api, data)
    assert status == 200
    assert body["id"] == photo_id(data)
    assert {"id", "width", "height", "measurements", "slide", "tips", "crop", "display", "metadata"} <= set(body)
    assert (body["width"], body["height"]) == (1200, 900)
    assert body["slide"]["display_width"] < 360 and len(body["slide"]["box"]) == 4
    assert body["crop"]["box"] == body["tips"][0]["photo_fix"]["box"]
    assert [t["code"] for t in body["tips"]] == ["PHO003"]


async def test_the_same_file_twice_is_analysed_once(api: Api) -> None:
    data = sample_bytes("slide-close-up")
    first = await post_photo(api, data)
    second = await post_photo(api, data)
    assert first == second
    assert len(api.client.app[PHOTOS].cache) == 1


async def test_user_settings_apply_to_photo_tips(api: Api) -> None:
    await api.call("PUT", "/v1/settings", json={"rules.PHO003.min_text_height": 4})
    status, body = await post_photo(api, sample_bytes("distant-slide"))
    assert status == 200 and body["tips"] == []


async def test_photo_tips_join_the_drafts_tips_in_check(api: Api) -> None:
    _, dark = await post_photo(api, sample_bytes("dark-hall"))
    _, close = await post_photo(api, sample_bytes("slide-close-up"))
    draft = {"text": "Most learning happens at work", "media": [{"id": close["id"], "alt": ""}, {"id": dark["id"]}]}
    status, body = await api.call("POST", "/v1/check", json=draft)
    assert status == 200
    tips = {(t["code"], t.get("media")) for t in body["tips"]}
    assert {("PHO006", 0), ("PHO001", 1), ("PHO003", 1)} <= tips
    assert ("PHO006", 1) not in tips  # its description is unknown: nothing said


async def test_check_with_an_unknown_photo_is_404(api: Api) -> None:
    status, body = await api.call("POST", "/v1/check", json={"text": "hi", "media": [{"id": "0" * 64}]})
    assert status == 404 and body["error"]["code"] == "not_found"
    status, body = await api.call("POST", "/v1/check", json={"text": "hi", "media": [{"id": "not-a-hash"}]})
    assert status == 422


async def test_crop_and_clean_copy(api: Api) -> None:
    _, body = await post_photo(api, sample_bytes("with-gps"))
    # The close-up needs no crop.
    status, error = await api.call("GET", f"/v1/photos/{body['id']}/crop")
    assert status == 404 and "already fills" in error["error"]["message"]
    async with api.client.get(f"/v1/photos/{body['id']}/clean", headers=api.headers) as response:
        assert response.status == 200 and response.content_type == "image/jpeg"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        clean = Image.open(io.BytesIO(await response.read()))
        assert not clean.getexif()
    _, distant = await post_photo(api, sample_bytes("distant-slide"))
    async with api.client.get(f"/v1/photos/{distant['id']}/crop", headers=api.headers) as response:
        assert response.status == 200 and response.content_type == "image/jpeg"
        # The screen's quadrilateral, straightened: as wide as its top side and as tall as its left side.
        (x0, y0), (x1, _), _, (_, y3) = distant["crop"]["quad"]
        assert Image.open(io.BytesIO(await response.read())).size == (round(x1 - x0), round(y3 - y0))


async def test_fixes_of_an_unknown_photo_are_404(api: Api) -> None:
    for fix in ("crop", "clean"):
        status, body = await api.call("GET", f"/v1/photos/{'f' * 64}/{fix}")
        assert status == 404 and body["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        (b"", 400, "bad_request"),
        (b"GIF87a, or rather not", 422, "image_invalid"),
        (sample_bytes("slide-close-up")[:5000], 422, "image_invalid"),
        (png_header_only(100_000, 100_000), 422, "image_invalid"),
    ],
    ids=["empty", "not-an-image", "truncated", "too-many-pixels"],
)
async def test_bad_photos_get_a_clear_4xx(api: Api, data: bytes, status: int, code: str) -> None:
    got, body = await post_photo(api, data)
    assert (got, body["error"]["code"]) == (status, code)
    assert body["error"]["message"]


async def test_a_body_over_the_limit_is_413(api: Api) -> None:
    status, body = await post_photo(api, b"\xff" * (MAX_BYTES + 1))
    assert status == 413 and body["error"]["code"] == "payload_too_large"
    assert "20 MiB" in body["error"]["message"]
