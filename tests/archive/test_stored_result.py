"""What an import stores, to the byte: the posts, media and thread links an import leaves.

The importer is tuned for speed (rows built as plain tuples, threads linked and
posts placed over the whole set); these digests were taken from the importer
before that tuning, so any change to what ends up in the tables fails here. The
dump leaves out ``recorded_at`` (the clock at import time) and nothing else.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from backchannel.archive.importer import import_archive
from backchannel.store import Store

ROOT = Path(__file__).resolve().parents[2]

_POST_COLUMNS = (
    "id, client_id, source, platform, remote_id, url, text, posted_at, event_id, session_id, event_source, session_source,"
    " reply_to_remote_id, reply_to_user, thread_of_client_id, parent_id, thread_id, is_retweet, lang, latitude, longitude,"
    " hashtags, entities, tips, request_hash, scheduled_for, quoted_url"
)


def dump(store: Store) -> str:
    """The posts, post_media and search index rows, one line each, in id order."""
    conn = store.db.conn
    lines = [repr(tuple(r)) for r in conn.execute(f"SELECT {_POST_COLUMNS} FROM posts ORDER BY id")]
    lines += [repr(tuple(r)) for r in conn.execute("SELECT * FROM post_media ORDER BY id")]
    lines += [repr(tuple(r)) for r in conn.execute("SELECT rowid, text, scope FROM posts_fts ORDER BY rowid")]
    return "\n".join(lines)


def digest(store: Store) -> str:
    return hashlib.sha256(dump(store).encode()).hexdigest()


def _events(store: Store) -> None:
    """Events the bench archive's and the real archives' hashtags land in, with sessions, so placement is exercised."""
    from datetime import datetime, timezone

    store.events.create_event("lt13", "LT13", hashtag="LT13", starts_on="2019-03-01", ends_on="2019-03-31")
    store.events.create_event("fosdem", "FOSDEM", hashtag="FOSDEM")
    for day in range(1, 4):
        store.events.add_session("lt13", title=f"Morning {day}", start=datetime(2019, 3, day, 9, tzinfo=timezone.utc),
                                 end=datetime(2019, 3, day, 12, tzinfo=timezone.utc), room="Main")
    store.events.create_event("ds106", "ds106 in October", hashtag="ds106", starts_on="2012-10-01", ends_on="2012-10-31", time_zone="America/Phoenix")


# sha256 of dump() after importing, taken with the importer before its speed work.
SYNTHETIC = "f2c2a895124dcf62dc5aa9fff3bf0b58e79ebb9b7f43cc17b1373a62ebf04131"
REAL = {
    "lumeninferius-2020-tweetjs": "88c670ce30e24728743d02713e54809dbe1680c2e04bdb93ed15e11bd1bc6d3f",
    "grailbird-2012": "d3bb30ead71d944225d8f9264d23b3d319858c460f1f711e6cf15640ec988061",
}


def test_the_bench_archive_is_stored_as_before(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.history import synthetic_tweets, write_archive

    ours, _ = write_archive(tmp_path, synthetic_tweets(3000))
    store = Store(tmp_path / "db.sqlite3")
    _events(store)
    import_archive(store, ours)
    assert digest(store) == SYNTHETIC
    again = import_archive(store, ours)  # a re-import changes nothing
    assert (again.added, again.updated) == (0, 0)
    assert digest(store) == SYNTHETIC
    store.close()


@pytest.mark.shared_data
@pytest.mark.parametrize("name", sorted(REAL))
def test_the_real_archives_are_stored_as_before(tmp_path: Path, shared_data: Path, name: str) -> None:
    store = Store(tmp_path / "db.sqlite3")
    _events(store)
    import_archive(store, shared_data / "archives" / name)
    assert digest(store) == REAL[name]
    store.close()
