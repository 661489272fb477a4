"""What each review page shows, gathered from the store (the templates only draw it)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from backchannel.errors import InvalidInput
from backchannel.history.export import session_heading
from backchannel.history.search import ranked_ids
from backchannel.history.writeup import build_writeup, group_posts
from backchannel.review import charts
from backchannel.review.linkify import links

if TYPE_CHECKING:
    from backchannel.store import Store

HAS = ("", "photos", "links", "tips")
SEARCH_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Filters:
    session: int | None = None
    has: str = ""
    q: str = ""

    @classmethod
    def parse(cls, query: Any) -> Filters:
        raw_session = (query.get("session") or "").strip()
        has = (query.get("has") or "").strip()
        # ASCII digits only: "²" passes str.isdigit() and then int() fails.
        if raw_session and not (raw_session.isascii() and raw_session.isdigit()):
            raise InvalidInput(f"session must be a session id, not {raw_session!r}.", details={"field": "session"})
        if has not in HAS:
            raise InvalidInput(f"has must be one of photos, links or tips, not {has!r}.", details={"field": "has"})
        return cls(int(raw_session) if raw_session else None, has, (query.get("q") or "").strip()[:500])


def index_view(store: Store) -> dict[str, Any]:
    store.history.refresh()
    counts = {row[0]: row[1] for row in store.db.conn.execute("SELECT event_id, count(*) FROM posts WHERE is_retweet = 0 GROUP BY event_id")}
    events = [{"event": e, "posts": counts.get(e.id, 0)} for e in store.events.list_events()]
    total = sum(counts.values())
    rows = [(row["event"].name, row["posts"]) for row in events if row["posts"]]
    return {
        "events": events,
        "total": total,
        "unassigned": counts.get(None, 0),
        "per_event": charts.horizontal("Posts per event", rows),
    }


def event_view(store: Store, slug: str, filters: Filters) -> dict[str, Any]:
    writeup = build_writeup(store, slug)
    zone = ZoneInfo(writeup.event.time_zone)
    posts = list(writeup.posts)
    if filters.session is not None:
        posts = [p for p in posts if p.session_id == filters.session]
    if filters.has == "photos":
        posts = [p for p in posts if p.media]
    elif filters.has == "links":
        posts = [p for p in posts if links(p.entities)]
    elif filters.has == "tips":
        posts = [p for p in posts if p.tips]
    if filters.q:
        wanted = set(ranked_ids(store.db, filters.q, event_id=writeup.event.id, limit=500))
        posts = [p for p in posts if p.id in wanted]
    shown = replace(writeup, groups=group_posts(posts, writeup.sessions))
    per_session = [(g.session.title if g.session else "Outside the programme", len(g.posts)) for g in writeup.groups]
    return {
        "writeup": shown,
        "groups": [(g, *session_heading(g, zone)) for g in shown.groups],
        "zone": zone,
        "filters": filters,
        "per_session": charts.horizontal("Posts per session", per_session),
        "per_hour": charts.per_hour("Posts per hour across the event", writeup.posts, zone),
        "tips": charts.tips_over_time("Tips followed over time", writeup.posts, zone),
        "search_event": slug,
    }


def search_view(store: Store, q: str, event: str | None) -> dict[str, Any]:
    store.history.refresh()
    page = store.history.find(q=q, event=event, limit=SEARCH_LIMIT)
    titles = {}
    session_ids = {p.session_id for p in page.posts if p.session_id is not None}
    for session_id in session_ids:
        titles[session_id] = store.events.get_session(session_id).title
    zone = ZoneInfo(store.events.get_event(event).time_zone) if event else ZoneInfo("UTC")
    return {"posts": page.posts, "q": q, "zone": zone, "session_titles": titles, "search_event": event or ""}
