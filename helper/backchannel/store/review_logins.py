"""The review page's one-time login keys and its sessions: only hashes are stored (see review/auth.py)."""

from __future__ import annotations

from backchannel.store.db import Database


class ReviewLogins:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add_login(self, key_hash: str, *, now: str, expires_at: str) -> None:
        """Keep a new login key's hash, dropping the expired keys and sessions on the way."""
        with self.db.write() as conn:
            conn.execute("DELETE FROM review_logins WHERE expires_at < ?", (now,))
            conn.execute("DELETE FROM review_sessions WHERE expires_at < ?", (now,))
            conn.execute("INSERT INTO review_logins (key_hash, created_at, expires_at) VALUES (?, ?, ?)", (key_hash, now, expires_at))

    def spend_login(self, key_hash: str, *, now: str, session_hash: str, session_expires_at: str) -> bool:
        """Spend an unused, unexpired key and open a session for it; False when the key was no good."""
        with self.db.write() as conn:
            # One statement marks the key used only if it was unused and fresh: two tabs racing get one session.
            spent = conn.execute(
                "UPDATE review_logins SET used_at = ? WHERE key_hash = ? AND used_at IS NULL AND expires_at > ?", (now, key_hash, now)
            ).rowcount
            if spent != 1:
                return False
            conn.execute(
                "INSERT INTO review_sessions (id_hash, created_at, expires_at) VALUES (?, ?, ?)", (session_hash, now, session_expires_at)
            )
        return True

    def session_open(self, session_hash: str, *, now: str) -> bool:
        row = self.db.conn.execute("SELECT 1 FROM review_sessions WHERE id_hash = ? AND expires_at > ?", (session_hash, now)).fetchone()
        return row is not None

    def end_session(self, session_hash: str) -> None:
        with self.db.write() as conn:
            conn.execute("DELETE FROM review_sessions WHERE id_hash = ?", (session_hash,))
