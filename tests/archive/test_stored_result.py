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


def _links(store: Store) -> list[tuple[int, int | None, int | None]]:
    return [tuple(r) for r in store.db.conn.execute("SELECT id, parent_id, thread_id FROM posts ORDER BY id")]  # type: ignore[misc]


def _linked_from_scratch(store: Store) -> list[tuple[int, int | None, int | None]]:
    """What linking every thread from nothing gives (the importer's old way: rows first, then relink_all)."""
    from backchannel.store.threads import relink_all

    with store.db.write() as conn:
        conn.execute("UPDATE posts SET parent_id = NULL, thread_id = NULL")
        relink_all(conn)
    return _links(store)


def test_threads_come_out_as_linking_from_scratch_gives_in_any_chunking_order_or_loop(tmp_path: Path) -> None:
    from tests.archive.builders import build_zip, tweet, ytd_file

    # Newest first, as X writes them: replies before their parents, a chain across chunks,
    # a reply to a tweet of the second archive, a self-reply and a two-tweet loop (doctored).
    first = [
        tweet("109", "reply to the second archive", reply_to="201", reply_to_user="me"),
        tweet("108", "loop b", reply_to="107", reply_to_user="me"),
        tweet("107", "loop a", reply_to="108", reply_to_user="me"),
        tweet("106", "myself", reply_to="106", reply_to_user="me"),
        tweet("105", "chain 4", reply_to="104", reply_to_user="me"),
        tweet("104", "chain 3", reply_to="103", reply_to_user="me"),
        tweet("103", "chain 2", reply_to="102", reply_to_user="me"),
        tweet("102", "chain 1", reply_to="101", reply_to_user="me"),
        tweet("101", "chain start"),
        tweet("100", "to someone else", reply_to="5", reply_to_user="someone"),
    ]
    second = [tweet("202", "waits for the first", reply_to="105", reply_to_user="me"), tweet("201", "second root")]
    results = []
    for chunk in (2, 3, 1000):
        folder = tmp_path / f"chunk{chunk}"
        folder.mkdir()
        store = Store(folder / "db.sqlite3")
        import_archive(store, build_zip(folder / "second.zip", {"data/tweets.js": ytd_file(second)}), chunk=chunk)
        import_archive(store, build_zip(folder / "first.zip", {"data/tweets.js": ytd_file(first)}), chunk=chunk)
        stored = _links(store)
        assert stored == _linked_from_scratch(store), chunk
        results.append(stored)
        store.close()
    assert results[0] == results[1] == results[2]
