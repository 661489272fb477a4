"""A photo's tips painted twice in real Chromium: the helper's quick answer (no OCR) at once,
then the verdict once the slide is read, updating the same photo's tips."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterator

import pytest

from tests.extension.browser import ExtensionBrowser, extension_manifest, launch
from tests.extension.conftest import PANEL, READY, add_programme
from tests.extension.photos import pick_photo, small_slide_photo
from tests.support.helper_process import RunningHelper, helper_env, start_helper

if TYPE_CHECKING:
    from PIL import Image
    from playwright.sync_api import Page, Playwright


@pytest.fixture(scope="module")
def helper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHelper]:
    running = start_helper(tmp_path_factory.mktemp("two-answers-helper"))
    add_programme(running.url, running.token)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(playwright: "Playwright", helper: RunningHelper, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExtensionBrowser]:
    launched = launch(playwright, tmp_path_factory.mktemp("two-answers-browser"), env=helper_env(helper.data_dir.parent), native_host_data_dir=helper.data_dir)
    yield launched
    launched.close()


def content_script_measures(page: "Page", names: tuple[str, ...]) -> dict[str, list[float]]:
    """The content script's performance measures (they live in its own world, not the page's)."""
    cdp = page.context.new_cdp_session(page)
    contexts: list[dict[str, Any]] = []
    cdp.on("Runtime.executionContextCreated", lambda event: contexts.append(event["context"]))
    cdp.send("Runtime.enable")
    name = extension_manifest()["name"]
    for _ in range(100):  # the contexts are reported as events after Runtime.enable
        found = [c for c in contexts if c.get("auxData", {}).get("type") == "isolated" and c.get("name") == name]
        if found:
            break
        page.wait_for_timeout(20)
    world = found[0]
    expression = f"JSON.stringify(Object.fromEntries({json.dumps(list(names))}.map(n => [n, performance.getEntriesByName(n).map(e => e.duration)])))"
    reply = cdp.send("Runtime.evaluate", {"expression": expression, "contextId": world["id"], "returnByValue": True})
    return {name: [float(v) for v in values] for name, values in json.loads(reply["result"]["value"]).items()}


def test_quick_tips_first_then_the_read_verdict_updates_them(open_x: Any) -> None:
    page = open_x()
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("Slides from the keynote")
    pick_photo(page, small_slide_photo(), name="row20.jpg")
    # PHO003 judges the text read on the slide: it can only come with the second answer.
    page.locator(f'{READY} [data-rule="PHO003"]').wait_for()
    assert page.locator("[data-backchannel-photo-reading]").count() == 0
    measures = content_script_measures(page, ("backchannel:photo-tips-painted", "backchannel:photo-final-painted"))
    quick, final = measures["backchannel:photo-tips-painted"], measures["backchannel:photo-final-painted"]
    assert len(quick) == 1 and len(final) == 1  # each painted once for the one photo
    assert quick[0] <= final[0]


def test_a_large_photo_goes_first_as_a_copy_and_the_original_follows_for_the_reading(open_x: Any, helper: RunningHelper) -> None:
    import hashlib
    import io
    import urllib.request

    from PIL import Image

    # The small slide photo as a phone takes it: 3600×2700, well over the 1 MiB above which a copy goes first.
    image = Image.open(io.BytesIO(small_slide_photo())).convert("RGB")
    image = image.resize((image.width * 3, image.height * 3), Image.Resampling.BICUBIC)
    image = Image.blend(image, Image.effect_noise(image.size, 40).convert("RGB"), 0.1)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    big = out.getvalue()
    assert len(big) > 1024 * 1024
    page = open_x()
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("Slides from the keynote")
    pick_photo(page, big, name="phone.jpg")
    page.locator(f'{READY} [data-rule="PHO003"]').wait_for(timeout=60000)
    assert page.locator("[data-backchannel-photo-reading]").count() == 0
    measures = content_script_measures(page, ("backchannel:photo-copy-made", "backchannel:photo-tips-painted", "backchannel:photo-final-painted"))
    assert len(measures["backchannel:photo-copy-made"]) == 1
    assert len(measures["backchannel:photo-tips-painted"]) == 1 and len(measures["backchannel:photo-final-painted"]) == 1
    # The original followed: the helper has it under its own id, read, at its own size.
    request = urllib.request.Request(f"{helper.url}/v1/photos/{hashlib.sha256(big).hexdigest()}", headers={"Authorization": f"Bearer {helper.token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        whole = json.load(response)
    assert (whole["width"], whole["height"]) == image.size and whole["text_pending"] is False and whole["text"] is not None


# In the service worker: keep every photo copy it sends the helper (`original=` in the path), as base64.
KEEP_COPIES = """() => {
  globalThis.sentCopies = [];
  if (globalThis.fetchBeforeCopies) return;
  globalThis.fetchBeforeCopies = globalThis.fetch;
  globalThis.fetch = async (url, init) => {
    if (String(url).includes('original=')) {
      const bytes = new Uint8Array(await init.body.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      globalThis.sentCopies.push({ url: String(url), data: btoa(binary) });
    }
    return globalThis.fetchBeforeCopies(url, init);
  };
}"""


def test_a_phone_photo_turned_by_its_exif_goes_as_a_copy_the_way_the_browser_shows_it(open_x: Any, browser: ExtensionBrowser, helper: RunningHelper) -> None:
    """A phone stores a portrait or a turned photo as the sensor saw it and says in EXIF how to
    show it. The copy that goes first is the photo as shown (turned, and mirrored where EXIF
    says so), the size the helper decodes the original at (a 3200×2400 photo: libjpeg's 1/2
    scale, fitted into 1200 px), with the same light and colour."""
    import base64
    import hashlib
    import io
    import urllib.parse
    import urllib.request

    import numpy as np
    from PIL import Image, ImageDraw, ImageOps

    shown = Image.new("RGB", (3200, 2400), (40, 42, 48))
    draw = ImageDraw.Draw(shown)
    draw.rectangle((150, 120, 1500, 900), fill=(235, 232, 220))  # a lit slide at the top left, nothing like it elsewhere
    for y in range(220, 820, 90):
        draw.rectangle((250, y, 1300, y + 40), fill=(30, 30, 60))
    draw.rectangle((2300, 1700, 3000, 2200), fill=(200, 60, 40))  # a red sign at the bottom right
    shown = Image.blend(shown, Image.effect_noise(shown.size, 40).convert("RGB"), 0.12)
    # EXIF 6: shown by turning the stored pixels 90° clockwise; 7: turned and mirrored (transverse).
    files = []
    for orientation in (6, 7):
        data = _stored_turned(shown, orientation)
        assert len(data) > 1024 * 1024 and ImageOps.exif_transpose(Image.open(io.BytesIO(data))).size == shown.size
        files.append({"name": f"turned-{orientation}.jpg", "mimeType": "image/jpeg", "buffer": data})

    browser.worker.evaluate(KEEP_COPIES)
    page = open_x()
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("Slides from the keynote")
    page.locator('[data-testid="fileInput"]').first.set_input_files(files=files)
    for _ in range(600):
        copies = browser.worker.evaluate("globalThis.sentCopies")
        if len(copies) == 2:
            break
        page.wait_for_timeout(50)
    assert len(copies) == 2
    expected = np.asarray(shown.resize((1200, 900), Image.Resampling.BOX).convert("L"), dtype=float)
    for copy in copies:
        assert urllib.parse.parse_qs(urllib.parse.urlsplit(copy["url"]).query)["original"] == ["3200x2400"]
        image = Image.open(io.BytesIO(base64.b64decode(copy["data"])))
        assert image.format == "JPEG" and image.size == (1200, 900)
        # Pixel by pixel the photo as shown: a copy turned the wrong way or not mirrored puts the
        # slide and the sign elsewhere (a mean difference near 100 levels); light and colour kept.
        difference = float(np.abs(np.asarray(image.convert("L"), dtype=float) - expected).mean())
        assert difference < 6, difference
    # The originals follow and are read: the helper is left idle for the next test.
    for file in files:
        url = f"{helper.url}/v1/photos/{hashlib.sha256(file['buffer']).hexdigest()}"
        for _ in range(600):
            try:
                request = urllib.request.Request(url, headers={"Authorization": f"Bearer {helper.token}"})
                with urllib.request.urlopen(request, timeout=30) as response:
                    if json.load(response)["text_pending"] is False:
                        break
            except urllib.error.HTTPError:
                pass  # not sent yet
            page.wait_for_timeout(100)


def _turned_phone_photo(picture: str, orientation: int) -> bytes:
    """A 3200×2400 photo (as shown) stored turned, with the EXIF orientation that shows it upright:
    "slide" (a lit slide filling the top left quarter of a dark hall) or "stage" (a round light
    in the middle): two pictures unlike each other, and a slide read turned or mirrored puts its
    light in another quarter, unlike either."""
    from PIL import Image, ImageDraw

    shown = Image.new("RGB", (3200, 2400), (40, 42, 48))
    draw = ImageDraw.Draw(shown)
    if picture == "slide":
        draw.rectangle((0, 0, 1600, 1200), fill=(235, 232, 220))
    else:
        draw.ellipse((900, 500, 2300, 1900), fill=(250, 210, 120))
    return _stored_turned(Image.blend(shown, Image.effect_noise(shown.size, 40).convert("RGB"), 0.12), orientation)


def _stored_turned(shown: "Image.Image", orientation: int) -> bytes:
    """`shown` as a phone stores it: the pixels as the sensor saw them, and the EXIF orientation
    (6, 7 or 8) that turns them back to `shown`."""
    import io

    from PIL import Image

    stored_as = {6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_270}[orientation]
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    shown.transpose(stored_as).save(out, "JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def test_two_turned_phone_photos_of_one_size_keep_their_own_previews(open_x: Any) -> None:
    """Photos from one phone share a size, so X's previews of them are told apart by their
    pixels, compared with each photo's own thumbnail (made from the page's copy, turned as EXIF
    says): a preview that looked unlike its photo (turned another way) would have the photo
    taken for one removed from the post, its card and tips gone."""
    page = open_x()
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("Slides from the keynote")
    files = [{"name": f"{picture}.jpg", "mimeType": "image/jpeg", "buffer": _turned_phone_photo(picture, orientation)}
             for picture, orientation in (("slide", 6), ("stage", 8))]
    page.locator('[data-testid="fileInput"]').first.set_input_files(files=files)
    for _ in range(900):
        if len(content_script_measures(page, ("backchannel:photo-final-painted",))["backchannel:photo-final-painted"]) == 2:
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the two photos' verdicts were not painted")
    # Both thumbnails are made by now, so both previews have been compared with them: a moment
    # more, and both photos are still the post's.
    page.wait_for_timeout(1500)
    assert page.locator(f"{PANEL} [data-backchannel-photo]").count() == 2
    page.locator('[data-testid="attachments"] [aria-label="Remove media"]').first.click()
    for _ in range(300):
        if page.locator(f"{PANEL} [data-backchannel-photo]").count() == 1:
            break
        page.wait_for_timeout(50)
    assert page.locator(f"{PANEL} [data-backchannel-photo]").count() == 1
