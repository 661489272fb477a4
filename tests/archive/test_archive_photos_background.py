"""The archive's photos read in the background by the running helper: the import returns at
once, progress rises to done, a restarted helper goes on where it stopped, and a live photo
is answered while the archive is being read (the archive's photo gives way to it)."""

from __future__ import annotations

import http.client
import json
import threading
import time
from pathlib import Path
from typing import Any, Awaitable, Callable

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from backchannel.coach.held_photos import ArchiveReader
from backchannel.photos.samples import sample_bytes
from backchannel.server import create_app
from backchannel.server.handlers.archive_photos import ARCHIVE_PHOTOS
from backchannel.server.handlers.photos import PHOTOS
from backchannel.store import Store, slides
from tests.archive.builders import build_zip, manifest, tweet, ytd_file
from tests.support.helper_process import RunningHelper, backchannel, start_helper

TOKEN = "test-token-" + "y" * 32
SAMPLES = ("slide-close-up", "distant-slide", "dark-hall", "dark-hall-bright-slide", "backlit-speaker", "small-room-photo")


def photo_archive(path: Path, count: int = len(SAMPLES), first: int = 2001) -> Path:
    """An archive of ``count`` posts, each with one generated conference photo."""
    posts, files = [], {"data/manifest.js": manifest("me")}
    for i in range(count):
        tweet_id, key = str(first + i), f"Ph{first + i}"
        posts.append(tweet(tweet_id, f"At the talk, photo {i} #LT13", f"Wed Jan 30 10:{10 + i:02d}:00 +0000 2013", hashtags=("LT13",), media_key=key))
        files[f"data/tweets_media/{tweet_id}-{key}.jpg"] = sample_bytes(SAMPLES[i % len(SAMPLES)])
    files["data/tweets.js"] = ytd_file(posts)
    return build_zip(path, files)


def call(helper: RunningHelper, method: str, path: str, body: bytes | None = None) -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", helper.port, timeout=60)
    try:
        conn.request(method, path, body=body, headers={"Authorization": f"Bearer {helper.token}"})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def progress_until(helper: RunningHelper, stop: Callable[[dict[str, Any]], bool], limit: float = 240) -> list[dict[str, Any]]:
    """The reading's status, polled until ``stop`` says so (a bound only against a hang; nothing is timed)."""
    seen = []
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        status, body = call(helper, "GET", "/v1/archive/photos")
        assert status == 200, body
        seen.append(body)
        if stop(body):
            return seen
        time.sleep(0.05)
    raise AssertionError(f"the reading did not get there: {seen[-3:]}")


def read_times(data_dir: Path) -> dict[int, str]:
    store = Store(data_dir / "backchannel.sqlite3")
    try:
        return {int(r[0]): str(r[1]) for r in store.db.conn.execute("SELECT media_id, read_at FROM media_text")}
    finally:
        store.close()


def test_the_helper_reads_the_archives_photos_in_the_background_resumes_after_a_restart_and_answers_live_photos(tmp_path: Path) -> None:
    archive = photo_archive(tmp_path / "archive.zip")
    # No helper runs: the import returns with the photos unread and says who will read them.
    imported = backchannel(tmp_path, "import-archive", str(archive), "--format", "json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["photos"] == {"done": 0, "total": 6, "left": 6, "reader": "when the helper starts"}
    told = backchannel(tmp_path, "import-archive", "--status")
    assert "0 of 6 archive photos read, 6 left: the helper reads them when it starts" in told.stdout

    helper = start_helper(tmp_path)  # it starts reading on start-up: photos are left
    try:
        seen = progress_until(helper, lambda s: s["done"] >= 2)
        assert all(s["state"] == "reading" for s in seen if s["left"])
        assert [s["done"] for s in seen] == sorted(s["done"] for s in seen)  # it only rises
        # A live photo is answered while the archive is being read.
        assert seen[-1]["state"] == "reading" and seen[-1]["left"] > 0
        status, judged = call(helper, "POST", "/v1/photos", sample_bytes("slide-close-up"))
        assert status == 200 and judged["text"]["lines"], judged
        stopped_at = call(helper, "GET", "/v1/archive/photos")[1]
    finally:
        helper.stop()
    assert 2 <= stopped_at["done"] < 6  # stopped part-way
    before = read_times(helper.data_dir)
    assert len(before) >= 2

    helper = start_helper(tmp_path)  # a restart goes on from the first photo not read
    try:
        seen = progress_until(helper, lambda s: s["state"] == "done")
        assert seen[0]["done"] >= len(before)
        assert seen[-1] == {**seen[-1], "done": 6, "total": 6, "left": 0, "error": None}
        assert seen[-1]["read"] == 6 - len(before)  # this run read only what the first left
        after = read_times(helper.data_dir)
        assert {media: after[media] for media in before} == before  # nothing read twice
        # The photos are searchable: the slide's words find the post.
        status, found = call(helper, "GET", "/v1/posts?q=learning")
        assert status == 200 and found["posts"], found
        # The CLI asks the running helper; an import with nothing new to read returns at once.
        again = backchannel(tmp_path, "import-archive", str(archive), "--format", "json")
        assert json.loads(again.stdout)["photos"] == {"done": 6, "total": 6, "left": 0, "reader": "helper"}
        told = backchannel(tmp_path, "import-archive", "--status", "--format", "json")
        assert json.loads(told.stdout) == {"state": "done", "done": 6, "total": 6, "left": 0, "error": None}
        # More photos imported while the helper runs: it is asked, and reads them.
        more = backchannel(tmp_path, "import-archive", str(photo_archive(tmp_path / "more.zip", 2, first=3001)))
        assert more.returncode == 0, more.stderr
        assert "The helper is reading the text on 2 photos in the background" in more.stdout
        assert progress_until(helper, lambda s: s["state"] == "done")[-1]["total"] == 8
    finally:
        helper.stop()


# --- In one process: the archive photo under way gives way to a live photo ---


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    from backchannel.archive.importer import import_archive

    data = tmp_path / "data"
    store = Store(data / "backchannel.sqlite3")
    try:
        import_archive(store, photo_archive(tmp_path / "archive.zip", 2))
    finally:
        store.close()
    return data


async def test_an_archive_photo_under_way_gives_way_to_a_live_photo(
    imported: Path, aiohttp_client: Callable[[web.Application], Awaitable[TestClient]]
) -> None:
    from backchannel.photos.analyse import analyse_photo

    store = Store(imported / "backchannel.sqlite3")
    app = create_app(store, TOKEN)
    desk = app[PHOTOS]
    started = threading.Event()

    def held_until_a_live_photo(data: bytes, **kwargs: Any) -> Any:
        # The real analysis; the first one begins only once a live photo is in hand: the moment it must give way.
        if not started.is_set():
            started.set()
            while not desk.active:
                time.sleep(0.01)
        return analyse_photo(data, **kwargs)

    app[ARCHIVE_PHOTOS] = reader = ArchiveReader(store, live=lambda: desk.active, live_idle=desk.wait_idle, share=1.0, analyse=held_until_a_live_photo)
    client = await aiohttp_client(app)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    try:
        while not started.is_set():
            await _pause()
        async with client.post("/v1/photos", data=sample_bytes("slide-close-up"), headers=headers) as response:
            assert response.status == 200
            assert (await response.json())["text"]["lines"]
        while reader.running:
            await _pause()
        assert reader.gave_way >= 1  # the archive photo under way stopped for the live one
        async with client.get("/v1/archive/photos", headers=headers) as response:
            body = await response.json()
        assert body == {"state": "done", "done": 2, "total": 2, "left": 0, "read": 2, "gave_way": reader.gave_way, "error": None}
        assert slides.reading_progress(store.db) == (2, 2)
    finally:
        await client.close()
        store.close()


async def test_a_photo_whose_reading_fails_is_left_for_the_next_start_and_the_others_are_read(tmp_path: Path) -> None:
    from backchannel.archive.importer import import_archive
    from backchannel.photos.analyse import analyse_photo

    store = Store(tmp_path / "data" / "backchannel.sqlite3")
    try:
        import_archive(store, photo_archive(tmp_path / "archive.zip", 4))
        first = slides.unread_photos(store.db)[0].media_id
        bad = sample_bytes(SAMPLES[0])

        def fails_on_the_first(data: bytes, **kwargs: Any) -> Any:
            if data == bad:
                raise RuntimeError("the reading broke")
            return analyse_photo(data, **kwargs)

        reader = ArchiveReader(store, live=lambda: 0, live_idle=_nothing, share=1.0, analyse=fails_on_the_first)
        assert reader.start()
        while reader.running:
            await _pause()
        status = reader.status()
        # The three others are read; the one that failed is not stored as read, so a later start tries it again.
        assert (status["state"], status["done"], status["total"], status["read"]) == ("stopped", 3, 4, 3)
        assert status["error"] == "RuntimeError: the reading broke"
        assert [p.media_id for p in slides.unread_photos(store.db)] == [first]

        def always_fails(data: bytes, **kwargs: Any) -> Any:
            raise RuntimeError("no engine")

        import_archive(store, photo_archive(tmp_path / "more.zip", 4, first=3001))
        broken = ArchiveReader(store, live=lambda: 0, live_idle=_nothing, share=1.0, analyse=always_fails)
        assert broken.start()
        while broken.running:
            await _pause()
        # Failing photo after photo means the reading itself is broken: it stops instead of walking past them all.
        assert broken.status()["state"] == "failed"
        assert len(slides.unread_photos(store.db)) == 5
    finally:
        store.close()


async def test_the_status_and_start_need_the_token_and_answer_in_the_one_error_shape(
    imported: Path, aiohttp_client: Callable[[web.Application], Awaitable[TestClient]]
) -> None:
    store = Store(imported / "backchannel.sqlite3")
    client = await aiohttp_client(create_app(store, TOKEN))
    try:
        for method in ("GET", "POST"):
            async with client.request(method, "/v1/archive/photos") as response:
                assert response.status == 401
                assert set((await response.json())["error"]) == {"code", "message", "details"}
        async with client.post("/v1/archive/photos", headers={"Authorization": f"Bearer {TOKEN}"}) as response:
            assert response.status == 202
            assert (await response.json())["total"] == 2
    finally:
        await client.close()
        store.close()


async def test_the_review_page_says_how_far_the_archive_photos_are_read(
    imported: Path, aiohttp_client: Callable[[web.Application], Awaitable[TestClient]]
) -> None:
    import asyncio

    from backchannel.review.auth import ReviewAuth

    store = Store(imported / "backchannel.sqlite3")
    app = create_app(store, TOKEN)
    # A live photo is always in hand here, so the reading waits at 0 of 2: the page shows it there.
    app[ARCHIVE_PHOTOS] = ArchiveReader(store, live=lambda: 1, live_idle=asyncio.Event().wait)
    client = await aiohttp_client(app)
    try:
        key = ReviewAuth(store.db).create_login()
        assert (await client.get(f"/review/login?key={key}", allow_redirects=False)).status == 303
        page = await (await client.get("/review")).text()
        assert '<p class="muted archive-photos">reading archive photos: 0 of 2</p>' in page
        slides.record_texts(store.db, [(p.media_id, "") for p in slides.unread_photos(store.db)])
        assert "archive-photos" not in await (await client.get("/review")).text()  # all read: no line
    finally:
        await client.close()
        store.close()


def test_import_archive_wait_reads_here_when_no_helper_runs(tmp_path: Path) -> None:
    archive = photo_archive(tmp_path / "archive.zip", 2)
    waited = backchannel(tmp_path, "import-archive", str(archive), "--wait", "--format", "json")
    assert waited.returncode == 0, waited.stderr
    assert json.loads(waited.stdout)["photos"] == {"read": 2, "with_text": 2, "done": 2, "total": 2, "left": 0, "reader": "here"}
    nothing = backchannel(tmp_path, "import-archive")
    assert nothing.returncode != 0 and "--status or --wait" in nothing.stderr


async def _pause() -> None:
    import asyncio

    await asyncio.sleep(0.02)


async def _nothing() -> None:
    return None
