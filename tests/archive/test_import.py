"""Importing X archives: every layout, the archive's traps, idempotency, placement, threads, safety."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any, Iterator

import pytest

from backchannel.archive.importer import import_archive
from backchannel.archive.source import Budget, safe_name
from backchannel.archive.tweets import Skip, _posted_at, coordinates, unescape
from backchannel.errors import InvalidInput
from backchannel.store import Store
from tests.archive.builders import (
    build_folder,
    build_zip,
    grailbird_month,
    grailbird_tweet,
    jpeg,
    lt13_archive_files,
    manifest,
    tweet,
    ytd_file,
)
from tests.history.support import add_lt13, session_id
from tests.support.cli import backchannel


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "data" / "backchannel.sqlite3")
    add_lt13(s, active=False)
    yield s
    s.close()


def _by_remote(store: Store) -> dict[str, dict]:  # type: ignore[type-arg]
    page = store.history.find(limit=500)
    return {p.remote_id or "": p.to_dict() for p in page.posts}


def test_a_2022_zip_with_parts_photos_threads_and_events(store: Store, tmp_path: Path) -> None:
    archive = build_zip(tmp_path / "twitter-2024.zip", lt13_archive_files())
    report = import_archive(store, archive)
    assert report.files == ["data/tweets.js", "data/tweets-part1.js"]
    assert (report.tweets, report.added, report.skipped, report.screen_name) == (7, 7, 0, "me")
    assert (report.media, report.media_files, report.in_threads) == (1, 1, 2)
    posts = _by_remote(store)
    assert "9999" not in posts  # deleted-tweets.js is not the user's tweets
    # Unescaped once: "&amp;" -> "&", "&lt;3" -> "<3".
    assert posts["1001"]["text"] == "Now at #LT13 #LT13A1: “Learning in the flow of work” — @priyaraman & friends <3"
    assert posts["1001"]["url"] == "https://x.com/me/status/1001"
    # coordinates is [lon, lat], geo is [lat, lon]: both give London.
    assert posts["1002"]["coordinates"] == {"lat": 51.5072, "lon": -0.1276}
    assert posts["1003"]["coordinates"] == {"lat": 51.5072, "lon": -0.1276}
    # The photo file is kept by its hash and served by id.
    medium = posts["1002"]["media"][0]
    assert medium["sha256"] == hashlib.sha256(jpeg()).hexdigest()
    assert medium["available"] is True
    assert medium["remote_url"] == "https://pbs.twimg.com/media/AbCdEf.jpg"
    # Reply chain to the user's own tweets: one thread 1001 -> 1002 -> 1007; a reply to someone else stands alone.
    root = posts["1001"]["id"]
    assert posts["1002"]["thread"] == posts["1007"]["thread"] == root
    assert posts["1007"]["parent"] == posts["1002"]["id"]
    assert posts["1003"]["thread"] == posts["1003"]["id"]
    # Events by hashtag (any case) within the dates; sessions by tag, by time, and by thread.
    assert {k for k, p in posts.items() if p["event"] == "lt13"} == {"1001", "1002", "1004", "1007"}
    a1 = session_id(store, "Learning in the flow of work")
    assert posts["1001"]["session"] == a1  # parallel sessions, told apart by the #LT13A1 tag
    assert posts["1002"]["session"] == a1  # parallel sessions, no tag: the thread's session
    assert posts["1004"]["session"] == session_id(store, "Measuring informal learning")  # the one session at 11:45
    assert posts["1006"]["event"] is None  # #LT13 in July is not the January event


def test_reimport_is_idempotent(store: Store, tmp_path: Path) -> None:
    archive = build_zip(tmp_path / "a.zip", lt13_archive_files())
    import_archive(store, archive)
    again = import_archive(store, archive)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 7)
    assert len(store.history.find(limit=500).posts) == 7


def test_folder_and_single_file_give_the_same_posts(store: Store, tmp_path: Path) -> None:
    folder = build_folder(tmp_path / "extracted", lt13_archive_files())
    assert import_archive(store, folder).added == 7
    single = import_archive(store, folder / "data" / "tweets.js")
    assert (single.added, single.unchanged, single.updated) == (0, 4, 0)
    assert _by_remote(store)["1001"]["url"] == "https://x.com/me/status/1001"  # kept: the single file does not name the account


def test_a_2020_export_tweet_js(store: Store, tmp_path: Path) -> None:
    folder = build_folder(
        tmp_path / "old", {"data/tweet.js": ytd_file([tweet("2001", "Hello from 2020 #LT13")], name="tweet"), "data/tweet_media/2001-x.jpg": jpeg()}
    )
    report = import_archive(store, folder)
    assert (report.files, report.added) == (["data/tweet.js"], 1)


def test_a_grailbird_month(store: Store, tmp_path: Path) -> None:
    month = grailbird_month(
        [
            grailbird_tweet(263857227033636864, "Tom &amp; Jerry at #LT13", "2013-01-30 10:08:18 +0000", hashtags=("LT13",), geo=[44.68, -75.46]),
            grailbird_tweet(263857227033636865, "same thread", "2013-01-30 10:09:00 +0000", reply_to="263857227033636864"),
        ],
        month="2013_01",
    )
    folder = build_folder(
        tmp_path / "grailbird", {"data/js/tweets/2013_01.js": month, "data/js/user_details.js": b'var user_details = {"screen_name": "oldme"}'}
    )
    report = import_archive(store, folder)
    assert (report.added, report.in_threads, report.screen_name) == (2, 1, "oldme")
    posts = _by_remote(store)
    first = posts["263857227033636864"]
    assert first["text"] == "Tom &amp; Jerry at #LT13"  # the archive's "&amp;amp;" is a typed "&amp;"
    assert first["coordinates"] == {"lat": 44.68, "lon": -75.46}
    assert first["posted_at"] == "2013-01-30T10:08:18Z"
    assert posts["263857227033636865"]["event"] == "lt13"  # by thread


def test_bad_items_are_skipped_with_a_reason(store: Store, tmp_path: Path) -> None:
    items: list[Any] = [
        tweet("3001", "fine #LT13"), {"tweet": {"full_text": "no id"}}, {"tweet": {"id_str": "3002", "full_text": "bad date", "created_at": "soon"}}, 42,
    ]
    report = import_archive(store, build_folder(tmp_path / "x", {"data/tweets.js": ytd_file(items)}))
    assert (report.added, report.skipped) == (1, 3)
    assert len(report.warnings) == 3


def test_not_an_archive_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InvalidInput, match="not a tweets file"):
        import_archive(store, tmp_path / "notes.txt")
    with pytest.raises(InvalidInput, match="No tweets found"):
        import_archive(store, build_zip(tmp_path / "empty.zip", {"data/like.js": b"window.YTD.like.part0 = []"}))
    with pytest.raises(InvalidInput, match="There is no file"):
        import_archive(store, tmp_path / "missing.zip")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(InvalidInput):
        import_archive(store, tmp_path / "broken.zip")
    with pytest.raises(InvalidInput, match="not a readable tweets file"):
        import_archive(store, build_folder(tmp_path / "cut", {"data/tweets.js": b"window.YTD.tweets.part0 = [ {\"tweet\": "}))


def test_zip_paths_that_leave_the_archive_are_refused(store: Store, tmp_path: Path) -> None:
    files = lt13_archive_files()
    files["../../evil/tweets.js"] = ytd_file([tweet("6666", "from outside")])
    files["/abs/tweets.js"] = ytd_file([tweet("6667", "absolute")])
    report = import_archive(store, build_zip(tmp_path / "evil.zip", files))
    assert report.added == 7
    assert "6666" not in _by_remote(store) and "6667" not in _by_remote(store)
    assert any("../../evil/tweets.js" in w for w in report.warnings)
    assert not (tmp_path.parent / "evil").exists()


@pytest.mark.parametrize(
    ("name", "safe"),
    [("data/tweets.js", "data/tweets.js"), ("../x", None), ("a/../../x", None), ("/etc/passwd", None), ("C:/x", None), ("a\\..\\x", None),
     ("a\x00b", None), ("a//b", "a/b")],
)
def test_safe_member_names(name: str, safe: str | None) -> None:
    assert safe_name(name) == safe


def test_a_zip_bomb_stops_at_the_byte_budget(store: Store, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/tweets.js", b"window.YTD.tweets.part0 = [" + b" " * (8 * 1024 * 1024) + b"]")
    assert bomb.stat().st_size < 100_000  # a few KB that inflate to 8 MB
    with pytest.raises(InvalidInput, match="zip bomb"):
        import_archive(store, bomb, budget=Budget(total=1024 * 1024))
    assert store.history.find(limit=10).posts == ()


def test_unescape_is_one_pass() -> None:
    assert unescape("a &amp;lt; b &lt;3 &gt; &amp; &quot;x&quot; &#39;y&#39;") == "a &lt; b <3 > & \"x\" 'y'"


def test_dates_are_stored_in_the_stores_ascii_spelling() -> None:
    assert _posted_at("Sat Jan 25 18:01:09 +0000 2020") == "2020-01-25T18:01:09Z"
    assert _posted_at("2012-10-23 18:08:18 +0000") == "2012-10-23T18:08:18Z"  # Grailbird
    assert _posted_at("Sat Jan 25 18:01:09 +0100 2020") == "2020-01-25T17:01:09Z"
    # Digits from another script are read as digits, never copied into the stored time (where they would sort wrong).
    assert _posted_at("Thu Oct 19 17:06:41 +0000 200\u0663") == "2003-10-19T17:06:41Z"
    for nonsense in ("Sat Feb 30 18:01:09 +0000 2020", "Sat Jan 25 25:01:09 +0000 2020", "Sat Jan 25 18:01:09.5 +0000 2020", "soon"):
        with pytest.raises(Skip, match="is not a date"):
            _posted_at(nonsense)


def test_coordinates_prefer_coordinates_and_reject_nonsense() -> None:
    assert coordinates({"coordinates": {"coordinates": ["2.35", "48.85"]}, "geo": {"coordinates": ["0", "0"]}}) == (48.85, 2.35)
    assert coordinates({"geo": {"coordinates": ["48.85", "2.35"]}}) == (48.85, 2.35)
    assert coordinates({"geo": {"coordinates": ["200", "2.35"]}}) is None
    assert coordinates({"geo": {}}) is None


def test_new_events_place_imported_posts(tmp_path: Path) -> None:
    """Import first, create the event later: the history places the posts when it is next read."""
    store = Store(tmp_path / "db.sqlite3")
    import_archive(store, build_zip(tmp_path / "a.zip", lt13_archive_files()))
    assert all(p.event is None for p in store.history.find(limit=50).posts)
    add_lt13(store, active=False)
    store.history.refresh()
    assert len(store.history.find(event="lt13", limit=50).posts) == 4
    store.close()


def test_cli_import_archive(tmp_path: Path) -> None:
    archive = build_zip(tmp_path / "a.zip", lt13_archive_files())
    result = backchannel(tmp_path, "import-archive", str(archive), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["added"] == 7
    text = backchannel(tmp_path, "import-archive", str(archive))
    assert "0 added, 0 updated, 7 unchanged" in text.stdout
    assert "Importing" not in text.stderr  # no progress line when stderr is not a terminal
    missing = backchannel(tmp_path, "import-archive", str(tmp_path / "nope.zip"))
    assert missing.returncode == 2
    assert "There is no file" in missing.stderr
    history = backchannel(tmp_path, "history", "--search", "flow", "--format", "json")
    assert [p["remote_id"] for p in json.loads(history.stdout)["posts"]] == ["1001"]


@pytest.mark.shared_data
def test_real_2020_export(store: Store, shared_data: Path) -> None:
    folder = shared_data / "archives" / "lumeninferius-2020-tweetjs"
    report = import_archive(store, folder)
    assert (report.tweets, report.added, report.skipped) == (22, 22, 0)
    assert report.screen_name == "LumenInferius"
    assert report.replies == 9
    assert report.media == 13
    again = import_archive(store, folder / "tweet.js")
    assert again.added == 0


@pytest.mark.shared_data
def test_real_grailbird_month(store: Store, shared_data: Path) -> None:
    store.events.create_event("ds106", "ds106 in October", hashtag="ds106", starts_on="2012-10-01", ends_on="2012-10-31", time_zone="America/Phoenix")
    report = import_archive(store, shared_data / "archives" / "grailbird-2012")
    assert (report.tweets, report.added, report.skipped) == (1178, 1178, 0)
    assert report.retweets == 22
    assert report.replies == 613
    assert report.with_event > 0
    posts = store.history.search("ds106", event="ds106", limit=500)
    assert posts and all("ds106" in p.text.casefold() or p.thread_id != p.id for p in posts)
    texts = [p.text for p in store.history.find(limit=500).posts]
    assert not any("&amp;" in t for t in texts)


def test_the_search_index_follows_imports_duplicates_and_edits(store: Store, tmp_path: Path) -> None:
    """Archive rows are indexed in bulk; duplicates within an import and changed texts on re-import stay consistent."""
    first = [tweet("7001", "original wording about pelicans"), tweet("7001", "original wording about pelicans"), tweet("7002", "second post about herons")]
    import_archive(store, build_folder(tmp_path / "one", {"data/tweets.js": ytd_file(first)}))
    assert [p.remote_id for p in store.history.search("pelicans")] == ["7001"]
    edited = [tweet("7001", "edited wording about flamingos"), tweet("7003", "third post about pelicans")]
    import_archive(store, build_folder(tmp_path / "two", {"data/tweets.js": ytd_file(edited)}))
    assert [p.remote_id for p in store.history.search("pelicans")] == ["7003"]
    assert [p.remote_id for p in store.history.search("flamingos")] == ["7001"]
    assert [p.remote_id for p in store.history.search("herons")] == ["7002"]
    integrity = store.db.conn.execute("INSERT INTO posts_fts (posts_fts, rank) VALUES ('integrity-check', 0)")
    assert integrity is not None


def test_a_second_archive_reports_its_own_placements_and_its_owner_is_remembered(store: Store, tmp_path: Path) -> None:
    first = import_archive(store, build_zip(tmp_path / "a.zip", lt13_archive_files()))
    assert (first.with_event, first.with_session) == (4, 4)
    other = {"data/manifest.js": manifest("priyaraman"), "data/tweets.js": ytd_file([tweet("3001", "Unrelated")])}
    second = import_archive(store, build_zip(tmp_path / "b.zip", other))
    assert (second.added, second.with_event, second.with_session) == (1, 0, 0)
    assert store.history.own_handles("x") == {"@me", "@priyaraman"}


def test_cli_history_shows_local_times_and_the_more_hint_on_its_own_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.support.helper_process import helper_env

    archive = build_zip(tmp_path / "a.zip", lt13_archive_files())
    assert backchannel(tmp_path, "event", "add", "lt13", "--name", "LT13", "--hashtag", "LT13", "--time-zone", "Europe/London",
                       "--starts-on", "2013-01-30", "--ends-on", "2013-01-31").returncode == 0
    assert backchannel(tmp_path, "import-archive", str(archive)).returncode == 0
    # Both streams into one pipe, as a terminal shows them.
    merged = subprocess.run(
        [sys.executable, "-m", "backchannel", "history", "--limit", "2"], env=helper_env(tmp_path),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60,
    ).stdout
    lines = merged.splitlines()
    assert lines[-1].startswith("More: add --before ") and lines[-2] == ""
    assert all(line.split()[2] == "UTC" for line in lines[:2])  # posts outside any event: UTC, and it says so
    london = backchannel(tmp_path, "history", "--event", "lt13").stdout
    assert "2013-01-30 10:05 GMT  lt13" in london


def test_a_single_tweets_file_finds_the_photos_beside_it(store: Store, tmp_path: Path) -> None:
    folder = build_folder(tmp_path / "extracted", lt13_archive_files())
    report = import_archive(store, folder / "data" / "tweets.js")
    assert (report.media, report.media_files) == (1, 1)
    assert _by_remote(store)["1002"]["media"][0]["available"] is True


def test_an_archive_that_breaks_part_way_leaves_the_history_as_it_was(store: Store, tmp_path: Path) -> None:
    # The first part is fine, the second is cut off: the whole import is refused, not half of it kept.
    files = {
        "data/manifest.js": manifest(),
        "data/tweets.js": ytd_file([tweet(str(5000 + i), f"Tweet {i} #LT13") for i in range(30)]),
        "data/tweets-part1.js": b"window.YTD.tweets.part1 = [ {\"tweet\": ",
    }
    with pytest.raises(InvalidInput, match="not a readable tweets file"):
        import_archive(store, build_zip(tmp_path / "cut.zip", files))
    assert store.db.conn.execute("SELECT count(*) FROM posts").fetchone()[0] == 0
    assert store.history.find(q="Tweet", limit=50).posts == ()


def test_a_bulk_import_keeps_the_posts_tables_indexes_as_the_migrations_made_them(store: Store, tmp_path: Path) -> None:
    def indexes() -> list[tuple[str, str]]:
        return store.db.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'posts' ORDER BY name").fetchall()

    before = [tuple(row) for row in indexes()]
    report = import_archive(store, build_zip(tmp_path / "a.zip", lt13_archive_files()))
    assert report.added == 7
    assert [tuple(row) for row in indexes()] == before
    # The query the review page and search use still finds its index.
    plan = " ".join(str(r[3]) for r in store.db.conn.execute("EXPLAIN QUERY PLAN SELECT id FROM posts WHERE event_id = 1 ORDER BY posted_at"))
    assert "posts_by_event" in plan


def test_an_import_indexes_its_posts_for_search_once_per_chunk_not_row_by_row(store: Store, tmp_path: Path) -> None:
    def triggers() -> list[tuple[str, str]]:
        return [tuple(row) for row in store.db.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")]

    before = triggers()
    # SQLite asks the authorizer about every table a statement reads, naming the trigger that reads it:
    # an insert that goes through the per-row search trigger reads history_state on its behalf.
    fired: list[str] = []

    def authorizer(action: int, arg1: str | None, arg2: str | None, database: str | None, trigger: str | None) -> int:
        if trigger == "posts_fts_insert":
            fired.append(f"{action} {arg1} {arg2}")
        return sqlite3.SQLITE_OK

    store.db.conn.set_authorizer(authorizer)
    try:
        report = import_archive(store, build_zip(tmp_path / "a.zip", lt13_archive_files()))
    finally:
        store.db.conn.set_authorizer(None)
    assert report.added == 7
    assert fired == []
    # The trigger is back as the migrations made it, and a post recorded afterwards is found by search.
    assert triggers() == before
    with store.db.write() as conn:
        conn.execute(
            "INSERT INTO posts (client_id, source, platform, text, posted_at, recorded_at) VALUES ('c1', 'extension', 'x', 'pelicans live', ?, ?)",
            ("2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z"),
        )
    assert [p.text for p in store.history.search("pelicans")] == ["pelicans live"]
    store.db.conn.execute("INSERT INTO posts_fts (posts_fts, rank) VALUES ('integrity-check', 0)")
