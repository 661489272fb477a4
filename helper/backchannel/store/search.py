"""Ranked full-text search over post text (SQLite FTS5, bm25).

Ranking every hit costs time in proportion to the number of hits (an
``ORDER BY rank`` over a common word in 100k posts takes tens of
milliseconds). So ranking runs over a bounded candidate set: the
``CANDIDATES`` most recently stored hits. FTS5 walks its doclists in rowid
order, newest first, and stops at the LIMIT, so one statement scores the
newest ``CANDIDATES`` hits (the inner SELECT) and keeps the best ``limit``
of them (the outer one), however common the word is; only those cross into
Python. A query with more hits than that ranks the newest ones; older ones
are still found with ``before=``.

What is left is FTS5's own: bm25 counts every row that holds each phrase
(its IDF, over the whole table) before scoring the first candidate, so a word
in most posts costs a few milliseconds however few posts are ranked.

A post is also found by the words read on its photos' slides
(``store/slides.py``): those matches come after the ranked matches of the
post's own text, newest first.

People type words, not FTS5 syntax: the query is rebuilt from its words and
"quoted phrases" (a trailing ``*`` makes a prefix), each quoted, so no input
can be an FTS5 syntax error or reach another column.
"""

from __future__ import annotations

import re

from backchannel.errors import InvalidInput
from backchannel.store import slides
from backchannel.store.db import Database

CANDIDATES = 1000
MAX_TERMS = 16

_PHRASE = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


def fts_query(text: str) -> str:
    """The FTS5 expression for what a person typed, restricted to the text column."""
    terms: list[str] = []
    for match in _PHRASE.finditer(text):
        phrase, word = match.group(1), match.group(2)
        raw = phrase if phrase is not None else word
        prefix = phrase is None and raw.endswith("*")
        tokens = _WORD.findall(raw)
        if not tokens:
            continue
        terms.append('"' + " ".join(tokens) + '"' + ("*" if prefix else ""))
        if len(terms) > MAX_TERMS:
            raise InvalidInput(f"A search takes at most {MAX_TERMS} words or phrases.", details={"field": "q"})
    if not terms:
        raise InvalidInput("Search for at least one word (letters or digits).", details={"field": "q"})
    return "text : (" + " ".join(terms) + ")"


def ranked_ids(
    db: Database,
    q: str,
    *,
    event_id: int | None = None,
    session_id: int | None = None,
    before: str | None = None,
    limit: int = 20,
) -> list[int]:
    """Post ids matching ``q``, best first (bm25 over the text column, newest first among equals)."""
    expression = fts_query(q)
    # Event and session filters are tokens of the 'scope' column: an intersection inside FTS5.
    if event_id is not None:
        expression += f' AND scope : ("e{int(event_id)}")'
    if session_id is not None:
        expression += f' AND scope : ("s{int(session_id)}")'
    join, extra, params = "", "", []
    if before is not None:
        join, extra, params = " JOIN posts p ON p.id = posts_fts.rowid", " AND p.posted_at < ?", [before]
    # One walk of the index: the newest CANDIDATES hits with their scores, then the best of them, the newer
    # first among equal scores. (Finding the CANDIDATES-th newest hit first, then ranking the hits above it,
    # walked the same hits twice.)
    rows = db.conn.execute(
        "SELECT id FROM ("
        f"SELECT posts_fts.rowid AS id, bm25(posts_fts, 1.0, 0.0) AS score FROM posts_fts{join} WHERE posts_fts MATCH ?{extra}"
        " ORDER BY posts_fts.rowid DESC LIMIT ?"
        ") ORDER BY score, id DESC LIMIT ?",
        (expression, *params, CANDIDATES, limit),
    ).fetchall()
    found = [int(r[0]) for r in rows]
    if len(found) < limit:
        # Posts found by their slides' words only, after those found by their own text.
        by_text = set(found)
        on_slides = slides.matching_post_ids(db, fts_query(q), event_id=event_id, session_id=session_id, before=before, limit=limit + len(found))
        found += [post_id for post_id in on_slides if post_id not in by_text][: limit - len(found)]
    return found


def match_count(db: Database, q: str, *, event_id: int | None = None) -> int:
    """How many posts match ``q`` (in the event, when given): the number a results page states."""
    expression = fts_query(q)
    if event_id is not None:
        expression += f' AND scope : ("e{int(event_id)}")'
    count = int(db.conn.execute("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?", (expression,)).fetchone()[0])
    on_slides = slides.matching_post_ids(db, fts_query(q), event_id=event_id)
    if not on_slides:
        return count
    marks = ",".join("?" * len(on_slides))
    both = db.conn.execute(f"SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ? AND rowid IN ({marks})", (expression, *on_slides)).fetchone()[0]
    return count + len(on_slides) - int(both)
