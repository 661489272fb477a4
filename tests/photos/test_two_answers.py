"""A photo answered twice: the measurements that need no OCR at once, the slide read after (``?text=later``)."""

from __future__ import annotations

from backchannel.photos.analyse import analyse_photo
from backchannel.photos.cache import photo_id
from backchannel.photos.samples import sample_bytes
from backchannel.server.handlers.photos import PHOTOS
from tests.server.conftest import Api


async def post_photo(api: Api, data: bytes, query: str = "") -> tuple[int, dict]:  # type: ignore[type-arg]
    return await api.call("POST", f"/v1/photos{query}", data=data, headers={"Content-Type": "image/jpeg"})


def test_the_quick_analysis_is_the_one_without_text_from_the_same_decode() -> None:
    data = sample_bytes("distant-slide")
    quick = []
    whole = analyse_photo(data, on_quick=quick.append)
    assert [a.to_dict() for a in quick] == [analyse_photo(data, read_text=False).to_dict()]
    assert quick[0].text_pending and not whole.text_pending
    assert whole.to_dict() == analyse_photo(data).to_dict()
    assert quick[0].text is None and whole.text is not None


async def test_quick_answer_first_then_the_whole_verdict(api: Api) -> None:
    data = sample_bytes("distant-slide")
    status, quick = await post_photo(api, data, "?text=later")
    assert status == 200 and quick["id"] == photo_id(data)
    assert quick["text_pending"] is True and quick["text"] is None
    assert (quick["width"], quick["height"]) == (1200, 900) and quick["measurements"]["sharpness"] > 0
    assert "PHO003" not in {t["code"] for t in quick["tips"]}  # the text verdict needs the reading
    status, whole = await api.call("GET", f"/v1/photos/{quick['id']}")
    assert status == 200 and whole["text_pending"] is False
    assert whole["text"]["lines"] and [t["code"] for t in whole["tips"]] == ["PHO003"]
    assert not api.client.app[PHOTOS].reading
    # The same file sent again, either way, is the whole analysis from the cache.
    assert (await post_photo(api, data))[1] == whole
    assert (await post_photo(api, data, "?text=later"))[1] == whole


async def test_a_plain_post_while_the_slide_is_read_waits_for_the_whole(api: Api) -> None:
    data = sample_bytes("slide-close-up")
    _, quick = await post_photo(api, data, "?text=later")
    status, whole = await post_photo(api, data)
    assert status == 200 and whole["text_pending"] is False and whole["text"] is not None
    assert len(api.client.app[PHOTOS].cache) == 1


async def test_the_whole_analysis_of_an_unknown_photo_is_404(api: Api) -> None:
    status, body = await api.call("GET", f"/v1/photos/{'0' * 64}")
    assert status == 404 and body["error"]["code"] == "not_found"


async def test_a_bad_text_parameter_is_400(api: Api) -> None:
    status, body = await post_photo(api, sample_bytes("distant-slide"), "?text=soon")
    assert status == 400 and body["error"]["code"] == "bad_request" and "later" in body["error"]["message"]


async def test_a_bad_photo_sent_for_two_answers_is_refused_at_once(api: Api) -> None:
    status, body = await post_photo(api, b"not a photo at all", "?text=later")
    assert status == 422 and body["error"]["details"]["reason"] == "unsupported"
    assert not api.client.app[PHOTOS].reading and len(api.client.app[PHOTOS].cache) == 0


async def test_tips_the_reading_could_take_back_wait_for_it(api: Api) -> None:
    for sample, code in (("dark-hall", "PHO001"), ("small-room-photo", "PHO005")):
        _, quick = await post_photo(api, sample_bytes(sample), "?text=later")
        assert code not in {t["code"] for t in quick["tips"]}, sample
        _, whole = await api.call("GET", f"/v1/photos/{quick['id']}")
        assert code in {t["code"] for t in whole["tips"]}, sample



def test_the_description_is_proposed_once_the_slide_is_read() -> None:
    from backchannel.checker import check_photos
    from backchannel.photos.model import AttachedPhoto

    quick: list = []  # type: ignore[type-arg]
    whole = analyse_photo(sample_bytes("slide-close-up"), on_quick=quick.append)
    assert "PHO006" not in {t.code for t in check_photos([AttachedPhoto(quick[0], alt="")])}
    [tip] = [t for t in check_photos([AttachedPhoto(whole, alt="")]) if t.code == "PHO006"]
    assert tip.photo_fix is not None and tip.photo_fix.description  # type: ignore[attr-defined]


# --- A copy first: the page sends a smaller copy for the quick answer, then the original ---


def _original_and_copy(sample: str, scale: float = 3.0, copy_long_side: int = 1600) -> tuple[bytes, bytes, tuple[int, int]]:
    """A large "original" made from a sample, and the page's JPEG copy of it (long side ``copy_long_side``)."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(sample_bytes(sample))).convert("RGB")
    original = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.BICUBIC)
    factor = copy_long_side / max(original.size)
    copy = original.resize((round(original.width * factor), round(original.height * factor)), Image.Resampling.LANCZOS)
    out_original, out_copy = io.BytesIO(), io.BytesIO()
    original.save(out_original, "JPEG", quality=90)
    copy.save(out_copy, "JPEG", quality=90)
    return out_original.getvalue(), out_copy.getvalue(), original.size


async def test_a_copy_is_answered_quickly_as_the_original_it_stands_for(api: Api) -> None:
    original, copy, (width, height) = _original_and_copy("backlit-speaker")
    _, of_original = await post_photo(api, original, "?text=later")
    status, of_copy = await post_photo(api, copy, f"?text=later&original={width}x{height}")
    assert status == 200 and of_copy["id"] == photo_id(copy) and of_copy["text_pending"] is True and of_copy["text"] is None
    # Sized as the original: X's preview of the file is matched by this size, and PHO005 judges it.
    assert (of_copy["width"], of_copy["height"]) == (width, height)
    assert of_copy["display"] == of_original["display"]
    # The same quick tips, and the slide where the original's is, in the original's pixels.
    assert [t["code"] for t in of_copy["tips"]] == [t["code"] for t in of_original["tips"]] == ["PHO004"]
    for a, b in zip(of_copy["slide"]["box"], of_original["slide"]["box"]):
        assert abs(a - b) <= 0.02 * width
    assert abs(of_copy["measurements"]["brightness"] - of_original["measurements"]["brightness"]) < 2
    # Its reading is the original's: the copy itself is never read (no OCR spent on it).
    assert photo_id(copy) not in api.client.app[PHOTOS].reading


async def test_a_copy_that_cannot_stand_for_its_original_is_400(api: Api) -> None:
    _, copy, (width, height) = _original_and_copy("distant-slide")
    for query, words in (
        (f"?original={width}x{height}", "text=later"),  # a copy is answered quickly only
        ("?text=later&original=big", "WIDTHxHEIGHT"),
        ("?text=later&original=0x100", "WIDTHxHEIGHT"),
        ("?text=later&original=1000x750", "larger than the original"),  # the copy is 1600×1200
        (f"?text=later&original={width}x{width}", "not the shape"),
        ("?text=later&original=40000x30000", "megapixels"),
    ):
        status, body = await post_photo(api, copy, query)
        assert status == 400 and body["error"]["code"] == "bad_request", query
        assert words in body["error"]["message"] and body["error"]["details"]["parameter"] == "original", query
    assert len(api.client.app[PHOTOS].cache) == 0
