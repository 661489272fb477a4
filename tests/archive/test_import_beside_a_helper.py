"""A large import beside a running helper: the helper still records live posts, and a stopped import keeps what it committed.

The import writes its tweets in chunks, each chunk one transaction; a helper
recording a post waits for the write lock at most one chunk (its busy timeout
is 10 s). These tests import into the very database a real helper serves,
with small chunks so there are several.
"""

from __future__ import annotations

import http.client
import json
import uuid
from pathlib import Path
from typing import Iterator

import pytest

from backchannel.archive.importer import import_archive
from backchannel.store import Store
from tests.archive.builders import build_zip, manifest, tweet, ytd_file
from tests.support.helper_process import RunningHelper, start_helper

TWEETS = 300
CHUNK = 100


def _archive(tmp: Path) -> Path:
    items = []
    for i in range(TWEETS):
        at = f"Wed Jan 30 {10 + i // 60:02d}:{i % 60:02d}:00 +0000 2013"
        # Every fifth tweet replies to the one before it, sometimes across a chunk's edge.
        items.append(tweet(str(5000 + i), f"Tweet {i} about flow #LT13", at, hashtags=("LT13",), reply_to=str(5000 + i - 1) if i % 5 == 0 and i else None))
    return build_zip(tmp / "archive.zip", {"data/manifest.js": manifest(), "data/tweets.js": ytd_file(items)})


@pytest.fixture
def helper(tmp_path: Path) -> Iterator[RunningHelper]:
    running = start_helper(tmp_path)
    yield running
    running.stop()


def _record(helper: RunningHelper, text: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", helper.port, timeout=30)
    body = json.dumps({"client_id": str(uuid.uuid4()), "platform": "x", "text": text, "posted_at": "2024-05-01T10:00:00Z"})
    conn.request("POST", "/v1/posts", body=body, headers={"Authorization": f"Bearer {helper.token}", "Content-Type": "application/json"})
    status = conn.getresponse().status
    conn.close()
    return status


def test_the_helper_records_posts_while_an_import_runs(helper: RunningHelper, tmp_path: Path) -> None:
    store = Store.open(helper.data_dir)
    answers: list[tuple[int, int]] = []

    def stored(done: int, total: int) -> None:
        # Called between two chunks, the import still running: the helper must get the write lock now.
        answers.append((done, _record(helper, f"Live post after {done} of {total}")))

    report = import_archive(store, _archive(tmp_path), stored=stored, chunk=CHUNK)
    assert answers == [(100, 201), (200, 201), (300, 201)]
    assert (report.added, report.in_threads) == (TWEETS, TWEETS // 5 - 1)
    posts = store.history.find(limit=500).posts
    assert len(posts) == TWEETS + 3
    assert sum(p.source == "archive" for p in posts) == TWEETS
    # The live posts are searchable like any other, and the archive's too, across every chunk.
    assert len(store.history.search("Live", limit=50)) == 3
    assert len(store.history.search("flow", limit=500)) == TWEETS
    store.close()


def test_an_import_stopped_half_way_keeps_its_committed_chunks_and_the_next_import_completes_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    archive = _archive(tmp_path)

    class Stopped(Exception):
        pass

    def stop_after_the_first(done: int, total: int) -> None:
        raise Stopped

    with pytest.raises(Stopped):
        import_archive(store, archive, stored=stop_after_the_first, chunk=CHUNK)
    kept = store.history.find(limit=500).posts
    assert len(kept) == CHUNK
    # What was committed is complete: searchable and threaded.
    assert len(store.history.search("flow", limit=500)) == CHUNK
    assert all(p.thread_id is not None for p in kept)
    assert sum(p.parent_id is not None for p in kept) == CHUNK // 5 - 1
    again = import_archive(store, archive, chunk=CHUNK)
    assert (again.added, again.unchanged) == (TWEETS - CHUNK, CHUNK)
    assert again.in_threads == TWEETS // 5 - 1
    assert len(store.history.search("flow", limit=500)) == TWEETS
    store.close()
