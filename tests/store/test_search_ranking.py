"""Ranked search over more hits than it ranks: one walk of the index, the same answer as ranking
the newest CANDIDATES hits with ORDER BY bm25 (the way the search first did it, kept here as the
reference)."""

from __future__ import annotations

import random
from typing import Iterator

import pytest

from backchannel.store import Store
from backchannel.store.search import CANDIDATES, fts_query, ranked_ids

WORDS = "flow learning work course team people data design talk slides speaker keynote".split()
POSTS = CANDIDATES + 600


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """More posts with a common word than CANDIDATES, of many lengths and word counts (so many equal scores too)."""
    rng = random.Random(3)
    store = Store(tmp_path_factory.mktemp("search") / "search.sqlite3")
    rows = []
    for i in range(POSTS):
        text = " ".join(rng.choice(WORDS[:4]) if rng.random() < 0.5 else rng.choice(WORDS) for _ in range(rng.randint(2, 12)))
        stamp = f"2020-01-{1 + i // 100:02d}T{(i // 10) % 10:02d}:{i % 60:02d}:00Z"
        rows.append((f"client-{i}", "extension", "x", text, stamp, stamp))
    with store.db.write() as conn:
        conn.executemany("INSERT INTO posts (client_id, source, platform, text, posted_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?)", rows)
        conn.execute("UPDATE posts SET thread_id = id")
    yield store
    store.close()


def reference(store: Store, q: str, *, before: str | None, limit: int) -> list[int]:
    """The newest CANDIDATES hits (posted before BEFORE), best bm25 first, newer first among equals."""
    expression = fts_query(q)
    join, extra, params = ("", "", []) if before is None else (" JOIN posts p ON p.id = posts_fts.rowid", " AND p.posted_at < ?", [before])
    cutoff = store.db.conn.execute(
        f"SELECT posts_fts.rowid FROM posts_fts{join} WHERE posts_fts MATCH ?{extra} ORDER BY posts_fts.rowid DESC LIMIT 1 OFFSET ?",
        (expression, *params, CANDIDATES - 1),
    ).fetchone()
    rows = store.db.conn.execute(
        f"SELECT posts_fts.rowid FROM posts_fts{join} WHERE posts_fts MATCH ? AND posts_fts.rowid >= ?{extra}"
        " ORDER BY bm25(posts_fts, 1.0, 0.0), posts_fts.rowid DESC LIMIT ?",
        (expression, cutoff[0] if cutoff else 0, *params, limit),
    ).fetchall()
    return [int(r[0]) for r in rows]


@pytest.mark.parametrize("q", ["flow", "learning", "keynote", "flow work", '"flow learning"', "cour*", "speaker slides talk"])
@pytest.mark.parametrize("before", [None, "2020-01-09T00:00:00Z", "2020-01-03T00:00:00Z"])
@pytest.mark.parametrize("limit", [1, 20, 200])
def test_the_ranking_is_the_best_of_the_newest_candidates(store: Store, q: str, before: str | None, limit: int) -> None:
    hits = store.db.conn.execute("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?", (fts_query(q),)).fetchone()[0]
    assert hits > 0
    assert ranked_ids(store.db, q, before=before, limit=limit) == reference(store, q, before=before, limit=limit)


def test_the_words_searched_for_are_common_enough_to_leave_hits_unranked(store: Store) -> None:
    hits = store.db.conn.execute("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?", (fts_query("flow"),)).fetchone()[0]
    assert hits > CANDIDATES


def test_a_ranked_search_walks_the_index_once(store: Store) -> None:
    """Finding the CANDIDATES-th newest hit and then ranking the hits above it read the same hits twice."""
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        found = store.history.find(q="flow", limit=20)
    finally:
        store.db.conn.set_trace_callback(None)
    assert len(found.posts) == 20
    assert len([s for s in statements if "posts_fts MATCH" in s]) == 1
