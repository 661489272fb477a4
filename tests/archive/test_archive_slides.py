"""An archive's photos read after the import: their text is stored with their posts, so the
history search finds the posts by their slides; a run that stops goes on where it stopped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest

from backchannel.archive.importer import import_archive
from backchannel.coach.held_photos import read_held_photos
from backchannel.photos.samples import sample_bytes
from backchannel.store import Store, slides
from tests.archive.builders import build_zip, jpeg, lt13_archive_files, tweet, ytd_file
from tests.history.support import add_lt13
from tests.support.helper_process import backchannel


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "data" / "backchannel.sqlite3")
    add_lt13(s, active=False)
    yield s
    s.close()


def slide_archive(tmp_path: Path) -> Path:
    """The LT13 archive, its photo a slide, and one more post with a plain photo."""
    files = lt13_archive_files()
    files["data/tweets_media/1002-AbCdEf.jpg"] = sample_bytes("slide-close-up")
    files["data/tweets-part2.js"] = ytd_file([tweet("1008", "Lunch #LT13", "Wed Jan 30 12:30:00 +0000 2013", hashtags=("LT13",), media_key="GhIjKl")], part=2)
    files["data/tweets_media/1008-GhIjKl.jpg"] = jpeg((90, 140, 60))
    return build_zip(tmp_path / "archive.zip", files)


def post_with_remote_id(store: Store, remote_id: str) -> int:
    return int(store.db.conn.execute("SELECT id FROM posts WHERE remote_id = ?", (remote_id,)).fetchone()[0])


def test_the_archives_photos_are_read_and_their_posts_found_by_their_slides(store: Store, tmp_path: Path) -> None:
    import_archive(store, slide_archive(tmp_path))
    seen: list[tuple[int, int]] = []
    rests: list[float] = []
    reading = read_held_photos(store, progress=lambda done, total: seen.append((done, total)), sleep=rests.append)
    assert (reading.read, reading.with_text, reading.done, reading.total, reading.left) == (2, 1, 2, 2, 0)
    assert seen == [(0, 2), (1, 2), (2, 2)]
    assert len(rests) == 2 and all(rest >= 0 for rest in rests)  # it rests after every photo: the budget
    slide_post = post_with_remote_id(store, "1002")
    text = slides.text_of_post(store.db, slide_post)
    word = next(w for line in text for w in line.split() if w.isalpha() and len(w) > 3 and w.lower() not in {"most", "learning", "happens", "work"})
    store.history.refresh()
    assert [p.id for p in store.history.find(q=word, limit=10).posts] == [slide_post]
    assert slides.text_of_post(store.db, post_with_remote_id(store, "1008")) == [""]  # read, nothing legible: not read again
    assert read_held_photos(store).read == 0


def test_an_interrupted_reading_goes_on_where_it_stopped(store: Store, tmp_path: Path) -> None:
    import_archive(store, slide_archive(tmp_path))

    def stop_after_the_first(done: int, total: int) -> None:
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        read_held_photos(store, progress=stop_after_the_first, share=1.0)
    assert slides.reading_progress(store.db) == (1, 2)
    again = read_held_photos(store, share=1.0)
    assert (again.read, again.done, again.total) == (1, 2, 2)
    # A run with no time left reads nothing and says so.
    import_archive(store, slide_archive(tmp_path))
    assert read_held_photos(store, seconds=0.0).read == 0


def test_cli_import_archive_reads_the_photos_and_a_rerun_has_none_left(tmp_path: Path) -> None:
    archive = slide_archive(tmp_path)
    # No helper runs here: --wait reads them in this process (without it the helper reads them, see
    # test_archive_photos_background.py).
    first = backchannel(tmp_path, "import-archive", str(archive), "--wait", "--format", "json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["photos"] == {"read": 2, "with_text": 1, "done": 2, "total": 2, "left": 0, "reader": "here"}
    again = backchannel(tmp_path, "import-archive", str(archive))
    assert again.returncode == 0, again.stderr
    assert "0 added" in again.stdout and "Reading the text" not in again.stdout
    skipped = backchannel(tmp_path, "import-archive", str(archive), "--no-photos", "--format", "json")
    assert "photos" not in json.loads(skipped.stdout)
