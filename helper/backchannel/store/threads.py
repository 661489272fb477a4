"""Threads: a post that replies to (or continues) the user's own post joins its thread.

``parent_id`` links a post to the user's own post it continues (found by
``thread_of_client_id`` or by ``reply_to_remote_id``); ``thread_id`` is the
first post of the chain. A reply to someone else starts its own thread.
Posts can arrive in any order (an offline queue, an archive), so a new post
also adopts earlier-stored children that were waiting for it.
"""

from __future__ import annotations

import sqlite3


def _parent_of(conn: sqlite3.Connection, row: sqlite3.Row) -> sqlite3.Row | None:
    if row["thread_of_client_id"]:
        parent: sqlite3.Row | None = conn.execute("SELECT id, thread_id FROM posts WHERE client_id = ?", (row["thread_of_client_id"],)).fetchone()
        if parent is not None and parent["id"] != row["id"]:
            return parent
    if row["reply_to_remote_id"]:
        parent = conn.execute(
            "SELECT id, thread_id FROM posts WHERE platform = ? AND remote_id = ?", (row["platform"], row["reply_to_remote_id"])
        ).fetchone()
        if parent is not None and parent["id"] != row["id"]:
            return parent
    return None


def link_new_post(conn: sqlite3.Connection, post_id: int) -> None:
    """Place ``post_id`` in its thread and adopt the children stored before it (inside the caller's transaction)."""
    row = conn.execute(
        "SELECT id, platform, client_id, remote_id, thread_of_client_id, reply_to_remote_id, parent_id FROM posts WHERE id = ?", (post_id,)
    ).fetchone()
    parent = _parent_of(conn, row) if row["parent_id"] is None else conn.execute(
        "SELECT id, thread_id FROM posts WHERE id = ?", (row["parent_id"],)
    ).fetchone()
    if parent is not None and _descends_from(conn, int(parent["id"]), post_id):
        parent = None  # a reply loop in a doctored archive: break it here
    thread_id = int(parent["thread_id"] or parent["id"]) if parent is not None else post_id
    conn.execute("UPDATE posts SET parent_id = ?, thread_id = ? WHERE id = ?", (parent["id"] if parent is not None else None, thread_id, post_id))
    orphans: list[sqlite3.Row] = []
    # Two queries rather than one OR, so each uses its partial index.
    if row["client_id"]:
        orphans += conn.execute("SELECT id FROM posts WHERE thread_of_client_id = ? AND parent_id IS NULL AND id != ?", (row["client_id"], post_id)).fetchall()
    if row["remote_id"]:
        orphans += conn.execute(
            "SELECT id FROM posts WHERE platform = ? AND reply_to_remote_id = ? AND parent_id IS NULL AND id != ?", (row["platform"], row["remote_id"], post_id)
        ).fetchall()
    for orphan in orphans:
        if orphan["id"] == thread_id:
            continue
        conn.execute("UPDATE posts SET parent_id = ? WHERE id = ?", (post_id, orphan["id"]))
        _rethread(conn, int(orphan["id"]), thread_id)


def _descends_from(conn: sqlite3.Connection, candidate: int, ancestor: int) -> bool:
    """True when ``candidate`` is ``ancestor`` or one of its descendants."""
    row = conn.execute(
        "WITH RECURSIVE up(id, parent_id, depth) AS (SELECT id, parent_id, 0 FROM posts WHERE id = ?"
        " UNION ALL SELECT p.id, p.parent_id, up.depth + 1 FROM posts p JOIN up ON p.id = up.parent_id WHERE up.depth < 10000)"
        " SELECT 1 FROM up WHERE id = ? LIMIT 1",
        (candidate, ancestor),
    ).fetchone()
    return row is not None


def _rethread(conn: sqlite3.Connection, root: int, thread_id: int) -> None:
    """Give ``root`` and everything below it the thread ``thread_id``."""
    conn.execute(
        "WITH RECURSIVE below(id, depth) AS (SELECT ?, 0 UNION ALL SELECT p.id, below.depth + 1 FROM posts p JOIN below ON p.parent_id = below.id"
        " WHERE below.depth < 10000) UPDATE posts SET thread_id = ? WHERE id IN (SELECT id FROM below)",
        (root, thread_id),
    )


def relink_all(conn: sqlite3.Connection) -> int:
    """Resolve every waiting parent link and recompute every thread id (after a bulk import).

    Returns how many posts continue one of the user's threads.
    """
    # Only the rows whose parent is there: a reply to someone else's post would otherwise be written
    # again (its parent_id set to NULL once more) on every import.
    conn.execute(
        "UPDATE posts SET parent_id = (SELECT q.id FROM posts q WHERE q.platform = posts.platform AND q.remote_id = posts.reply_to_remote_id)"
        " WHERE parent_id IS NULL AND reply_to_remote_id IS NOT NULL"
        " AND EXISTS (SELECT 1 FROM posts q WHERE q.platform = posts.platform AND q.remote_id = posts.reply_to_remote_id)"
    )
    conn.execute(
        "UPDATE posts SET parent_id = (SELECT q.id FROM posts q WHERE q.client_id = posts.thread_of_client_id)"
        " WHERE parent_id IS NULL AND thread_of_client_id IS NOT NULL AND EXISTS (SELECT 1 FROM posts q WHERE q.client_id = posts.thread_of_client_id)"
    )
    parents = {int(r[0]): int(r[1]) for r in conn.execute("SELECT id, parent_id FROM posts WHERE parent_id IS NOT NULL")}
    roots: dict[int, int] = {}

    def root_of(post_id: int) -> int:
        chain = []
        current = post_id
        seen: set[int] = set()
        while current in parents and current not in roots:
            if current in seen:  # a loop: cut it where it closes
                parents.pop(current)
                conn.execute("UPDATE posts SET parent_id = NULL WHERE id = ?", (current,))
                break
            seen.add(current)
            chain.append(current)
            current = parents[current]
        top = roots.get(current, current)
        for item in chain:
            roots[item] = top
        return top

    updates = [(root, post_id, root) for post_id in list(parents) for root in (root_of(post_id),)]
    conn.executemany("UPDATE posts SET thread_id = ? WHERE id = ? AND thread_id IS NOT ?", updates)
    conn.execute("UPDATE posts SET thread_id = id WHERE parent_id IS NULL AND thread_id IS NOT id")
    return len(parents)
