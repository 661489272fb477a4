"""Benchmarks of the extension in real Chromium (`make bench` calls ``run()``).

- Pause in typing → tips painted: the content script records a performance
  measure from the moment it notices the pause (the debounce has fired; the
  draft went to the helper while it was typed) to the first task after the
  rendering update that drew the tips; read here over ≥ 100 edits. Target from
  the issue: p95 ≤ 16 ms (a frame). Beside it, the whole wait a user sees:
  last keystroke → tips painted (the 150 ms pause included).
- The same path without the page: the service worker's own HTTP call to
  /v1/check, to show where the time goes.
- The native-messaging ``hello`` round trip (the browser starts the host
  process for every message), as the extension pairs.
- Photo attached → its first tips painted: from the moment the content script
  catches the file (the media input's change) to the animation frame after the
  photo's tips are drawn: base64 through extension messaging, POST
  /v1/photos?text=later (decode, the measurements that need no OCR), the
  thumbnail, the panel; a photo over 1 MiB goes first as a copy made in the page
  at the size the helper decodes it at (1000 px for 12 MP), its own rows:
  attached → copy made, and attached → the copy's quick answer back in the page
  (the rest is the panel's paint). Beside it, attached → the read verdict painted (the
  second answer, GET /v1/photos/{id}, once the slide is read). Distinct
  photos, so the helper's cache never answers. Also for a 12 MP phone photo
  with a readable slide (``bench.photos.realistic_scene``): target p95 ≤ 400 ms
  for the first tips.

Wall-clock numbers belong here, never in tests.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.report import Row

if TYPE_CHECKING:
    from playwright.sync_api import Page

EDITS = 120
WARMUP_EDITS = 5
HELLOS = 20
HTTP_CALLS = 100
PHOTOS = 30
WARMUP_PHOTOS = 3
PHONE_PHOTOS = 20  # 12 MP each, seconds apiece to draw and read; of ten, the "p95" would be only the slowest one
PHONE_TARGET_MS = 400.0
WORDS = ("learning", "happens", "at", "work,", "not", "in", "courses;", "“most", "of", "it”", "says", "@priyaraman", "#LT13", "today")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _isolated_context(page: "Page", name: str) -> tuple[Any, int]:
    """A CDP session and the id of the extension's content-script world in the page."""
    cdp = page.context.new_cdp_session(page)
    contexts: list[dict[str, Any]] = []
    cdp.on("Runtime.executionContextCreated", lambda event: contexts.append(event["context"]))
    cdp.send("Runtime.enable")
    for _ in range(100):
        found = [c for c in contexts if c.get("auxData", {}).get("type") == "isolated" and c.get("name") == name]
        if found:
            return cdp, int(found[0]["id"])
        page.wait_for_timeout(20)
    raise RuntimeError(f"no content-script world named {name!r}")


def _measures(cdp: Any, context_id: int, name: str = "backchannel:tips-painted") -> list[float]:
    reply = cdp.send("Runtime.evaluate", {
        "expression": f"JSON.stringify(performance.getEntriesByName('{name}').map(e => e.duration))",
        "contextId": context_id, "returnByValue": True,
    })
    import json

    return [float(v) for v in json.loads(reply["result"]["value"])]


def _summary(name: str, values: list[float], *, unit: str = "ms", target: float | None = None) -> list[Row]:
    p95 = percentile(values, 0.95)
    return [
        Row("extension", f"{name} (median, n={len(values)})", unit, round(statistics.median(values), 2)),
        Row("extension", f"{name} (p95, n={len(values)})", unit, round(p95, 2), target=None if target is None else f"≤ {target:g} {unit}",
            met=None if target is None else p95 <= target),
    ]


def _distinct_photo(seed: int) -> bytes:
    """A 1600×1200 conference-like JPEG (a slide in a dim room), different for every seed."""
    import io
    import random

    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    image = Image.new("RGB", (1600, 1200), (60 + seed % 30, 58, 56))
    draw = ImageDraw.Draw(image)
    left, top = rnd.randint(100, 900), rnd.randint(100, 500)
    draw.rectangle((left, top, left + 560, top + 315), fill=(236, 236, 230))
    for y in range(top + 30, top + 300, 24):
        draw.rectangle((left + 40, y, left + rnd.randint(200, 520), y + 10), fill=(40, 40, 60))
    noise = Image.effect_noise((1600, 1200), 12).convert("RGB")
    out = io.BytesIO()
    Image.blend(image, noise, 0.08).save(out, "JPEG", quality=88)
    return out.getvalue()


def _phone_photo(seed: int) -> bytes:
    """A 12 MP phone photo of a hall with a slide of real words (about 4 MB), different for every seed."""
    from bench.photos import encode, realistic_scene

    return encode(realistic_scene(4000, 3000, seed=100 + seed))


def _photo_round_trips(
    page: "Page", make: Any = None, count: int = PHOTOS, warmup: int = WARMUP_PHOTOS, patience_s: float = 30.0
) -> tuple[list[float], list[float], list[float], list[float]]:
    """Attach → first tips painted (the quick answer), attach → the read verdict painted, and for
    large photos attach → the copy made and attach → the copy's answer received."""
    from tests.extension.browser import extension_manifest

    make = make or _distinct_photo
    # patience only bounds a hang: on a busy shared machine a photo's answer can take seconds, and the
    # row reports the time it took; giving up after 5 s made the whole section FAILED instead.

    page.clock.set_fixed_time("2013-01-30T10:15:00Z")
    page.goto("https://x.com/home")
    page.locator('[data-testid="tweetTextarea_0"]').click()
    page.keyboard.type("Slides from the keynote #LT13")
    cdp, world = _isolated_context(page, extension_manifest()["name"])
    first, final = "backchannel:photo-tips-painted", "backchannel:photo-final-painted"
    for i in range(count + warmup):
        page.locator('[data-testid="fileInput"]').set_input_files(files=[{"name": f"photo-{i}.jpg", "mimeType": "image/jpeg", "buffer": make(i)}])
        for _ in range(int(patience_s * 100)):
            if len(_measures(cdp, world, final)) > i:
                break
            page.wait_for_timeout(10)
        else:
            raise RuntimeError(f"photo {i}: no verdict painted")
        page.locator('[data-testid="attachments"] [aria-label="Remove media"]').first.click()
        page.locator('[data-testid="attachments"]').wait_for(state="detached")
    # A photo over 1 MiB goes first as a copy: how much of the first wait is making it.
    copies = _measures(cdp, world, "backchannel:photo-copy-made")[warmup:]
    answers = _measures(cdp, world, "backchannel:photo-copy-answered")[warmup:]
    return _measures(cdp, world, first)[warmup:], _measures(cdp, world, final)[warmup:], copies, answers


def run() -> list[Row]:
    from playwright.sync_api import sync_playwright

    from tests.extension.browser import chromium_executable, extension_manifest, launch
    from tests.extension.conftest import add_programme
    from tests.support.helper_process import helper_env, start_helper

    if chromium_executable() is None:
        raise RuntimeError("chromium is not installed: run scripts/test-deps.sh")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-extension-") as tmp_name:
        tmp = Path(tmp_name)
        helper = start_helper(tmp)
        try:
            add_programme(helper.url, helper.token)
            with sync_playwright() as playwright:
                browser = launch(playwright, tmp / "browser", env=helper_env(tmp), native_host_data_dir=helper.data_dir)
                try:
                    page = browser.new_page()
                    page.clock.set_fixed_time("2013-01-30T10:15:00Z")
                    page.goto("https://x.com/home")
                    page.locator('[data-testid="tweetTextarea_0"]').click()
                    cdp, world = _isolated_context(page, extension_manifest()["name"])
                    for i in range(EDITS + WARMUP_EDITS):
                        page.keyboard.type(("" if i == 0 else " ") + WORDS[i % len(WORDS)])
                        for _ in range(250):
                            if len(_measures(cdp, world)) > i:
                                break
                            page.wait_for_timeout(10)
                        else:
                            raise RuntimeError(f"edit {i}: no tips painted")
                    painted = _measures(cdp, world)[WARMUP_EDITS:]
                    rows += _summary("extension: pause noticed → tips painted", painted, target=16.0)
                    typed = _measures(cdp, world, "backchannel:typed-to-tips-painted")[WARMUP_EDITS:]
                    rows += _summary("extension: last keystroke → tips painted (150 ms pause included)", typed)

                    worker = browser.worker
                    http = worker.evaluate(
                        """async (n) => { const out = [];
                             for (let i = 0; i < n; i++) { const t = performance.now();
                               await Backchannel.helper.post('/v1/check', {text: 'Most learning happens at work ' + i, platform: 'x'});
                               out.push(performance.now() - t); }
                             return out; }""", HTTP_CALLS)
                    rows += _summary("extension: service worker → helper POST /v1/check", http[5:])

                    hellos = worker.evaluate(
                        """async (n) => { const out = [];
                             for (let i = 0; i < n; i++) { const t = performance.now();
                               const reply = await chrome.runtime.sendNativeMessage('com.backchannel.coach', {action: 'hello'});
                               if (!reply.ok) throw new Error(JSON.stringify(reply));
                               out.push(performance.now() - t); }
                             return out; }""", HELLOS)
                    rows += _summary("native messaging: hello round trip (host process start included)", hellos)

                    # One x.com tab at a time, as a person attaching a photo has: a tab left open
                    # shares the renderer's threads with the next one.
                    page.close()
                    photo_page = browser.new_page()
                    photos, photos_read, _, _ = _photo_round_trips(photo_page)
                    photo_page.close()
                    rows += _summary("extension: photo attached → its first tips painted (1600×1200 JPEG)", photos)
                    rows += _summary("extension: photo attached → its read verdict painted (1600×1200 JPEG)", photos_read)
                    phone, phone_read, copies, answers = _photo_round_trips(browser.new_page(), _phone_photo, PHONE_PHOTOS, 1, patience_s=30.0)
                    rows += _summary("extension: photo attached → its first tips painted (12 MP phone JPEG)", phone, target=PHONE_TARGET_MS)
                    if copies:
                        rows += _summary("extension: 12 MP photo attached → its copy made in the page (part of the above)", copies)
                    if answers:
                        rows += _summary("extension: 12 MP photo attached → the copy's quick answer back in the page (part of the above)", answers)
                    rows += _summary("extension: photo attached → its read verdict painted (12 MP phone JPEG, slide read)", phone_read)
                finally:
                    browser.close()
        finally:
            helper.stop()
    return rows
