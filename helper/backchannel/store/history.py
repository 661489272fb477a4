"""The history as the rest of the helper sees it: posts, search, placement, photos."""

from __future__ import annotations

import json
from pathlib import Path

from backchannel.history.media import MediaStore
from backchannel.history.model import Post
from backchannel.store.associate import AssociationReport, associate, refresh
from backchannel.store.db import Database
from backchannel.store.events import EventStore
from backchannel.store.posts import Page, PostStore, clamp_limit, parse_cursor
from backchannel.store.search import ranked_ids
from backchannel.text.model import Platform


class HistoryStore:
    def __init__(self, db: Database, events: EventStore, media_root: Path | None) -> None:
        self.db = db
        self.events = events
        self.posts = PostStore(db)
        self.media = MediaStore(media_root)

    def find(
        self,
        *,
        q: str | None = None,
        event: str | None = None,
        session: int | None = None,
        before: str | None = None,
        limit: int = 50,
    ) -> Page:
        """History newest first, or with ``q`` the best matches first."""
        limit = clamp_limit(limit)
        event_id = self.events.get_event(event).id if event else None
        if session is not None:
            self.events.get_session(session, event=event)
        if q is None or not q.strip():
            return self.posts.list_posts(event_id=event_id, session_id=session, before=before, limit=limit)
        stamp = parse_cursor(before)[0] if before else None
        ids = ranked_ids(self.db, q, event_id=event_id, session_id=session, before=stamp, limit=limit)
        return Page(tuple(self.posts.posts_by_ids(ids)), None)

    def search(self, q: str, *, event: str | None = None, limit: int = 50) -> list[Post]:
        return list(self.find(q=q, event=event, limit=limit).posts)

    def own_handles(self, platform: Platform) -> frozenset[str]:
        """The user's own handles on ``platform`` (casefolded, with '@'), as the archives they imported name them."""
        row = self.db.conn.execute("SELECT value FROM history_state WHERE name = 'own_handles'").fetchone()
        mine = json.loads(row[0]) if row else {}
        return frozenset(h.casefold() for h in mine.get(platform, []))

    def add_own_handle(self, platform: Platform, handle: str) -> None:
        """Remember one of the user's handles, so nothing drafts a post to thank or mention themselves."""
        bare = "@" + handle.strip().lstrip("@")
        row = self.db.conn.execute("SELECT value FROM history_state WHERE name = 'own_handles'").fetchone()
        mine: dict[str, list[str]] = json.loads(row[0]) if row else {}
        if bare.casefold() in {h.casefold() for h in mine.get(platform, [])}:
            return
        mine.setdefault(platform, []).append(bare)
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO history_state (name, value) VALUES ('own_handles', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (json.dumps(mine),),
            )

    def associate(self) -> AssociationReport:
        return associate(self.db, self.events)

    def refresh(self) -> AssociationReport | None:
        """Place posts again if events, programmes or posts changed since last time."""
        return refresh(self.db, self.events)
