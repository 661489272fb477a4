"""What each review page shows, gathered from the store (the templates only draw it)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from backchannel.errors import InvalidInput
from backchannel.review import charts
from backchannel.review.export import session_heading
from backchannel.review.highlight import terms
from backchannel.review.linkify import links
from backchannel.review.promises import open_promises
from backchannel.review.writeup import build_writeup, group_posts
from backchannel.store.post_counts import posts_per_event, unassigned_count
from backchannel.store.search import match_count, ranked_ids
from backchannel.timeutil import shown_zone

if TYPE_CHECKING:
    from backchannel.store import Store

HAS = ("", "photos", "links", "tips")
SEARCH_LIMIT = 200
OUTSIDE_PAGE = 100


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
    counts = posts_per_event(store.db)
    events: list[dict[str, Any]] = [{"event": e, "posts": counts.get(e.id, 0)} for e in store.events.list_events()]
    total = sum(counts.values())
    rows = [(row["event"].name, row["posts"]) for row in events if row["posts"]]
    return {
        "events": events,
        "total": total,
        "unassigned": counts.get(None, 0),
        "per_event": charts.horizontal("Posts per event", rows),
    }


def _zone(store: Store, event_zone: str | None) -> ZoneInfo:
    """Times are shown in the event's zone, or the person's (the display_time_zone setting); templates name it."""
    return ZoneInfo(shown_zone(event_zone, store.settings.load().get("display_time_zone")))


def outside_view(store: Store, before: str | None) -> dict[str, Any]:
    """The posts that belong to no event, newest first, a page at a time."""
    store.history.refresh()
    page = store.history.posts.list_posts(unassigned=True, before=before, limit=OUTSIDE_PAGE)
    total = unassigned_count(store.db)
    return {"posts": page.posts, "next": page.next, "total": total, "zone": _zone(store, None), "before": before}


def event_view(store: Store, slug: str, filters: Filters) -> dict[str, Any]:
    writeup = build_writeup(store, slug)
    zone = _zone(store, writeup.event.time_zone)
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
    filtered = bool(filters.session is not None or filters.has or filters.q)
    # Unfiltered, the write-up's groups are the ones shown: grouping 2,000 posts again would only redo them.
    shown = replace(writeup, groups=group_posts(posts, writeup.sessions)) if filtered else writeup
    per_session = [(g.session.title if g.session else "Outside the programme", len(g.posts)) for g in writeup.groups]
    return {
        "writeup": shown,
        "groups": [(g, *session_heading(g, zone)) for g in shown.groups],
        "zone": zone,
        "filters": filters,
        "filtered": filtered,
        "shown_posts": len(posts),
        "shown_sessions": sum(1 for g in shown.groups if g.session is not None),
        "all_posts": len(writeup.posts),
        # Only the sessions posted from: a programme of 138 sessions is no filter.
        "posted_sessions": [g.session for g in writeup.groups if g.session is not None],
        "found": terms(filters.q),
        "per_session": charts.horizontal("Posts per session", per_session),
        "per_hour": charts.per_hour(f"Posts per hour ({zone.key} time)", writeup.posts, zone),
        "tips": charts.tips_over_time(f"Tips followed over time ({zone.key} time)", writeup.posts, zone),
        "search_event": slug,
        "promises": open_promises(writeup.posts),
    }


def search_view(store: Store, q: str, event: str | None) -> dict[str, Any]:
    store.history.refresh()
    page = store.history.find(q=q, event=event, limit=SEARCH_LIMIT)
    titles = {}
    session_ids = {p.session_id for p in page.posts if p.session_id is not None}
    for session_id in session_ids:
        titles[session_id] = store.events.get_session(session_id).title
    event_id = store.events.get_event(event).id if event else None
    # Each post in its own event's zone (or the person's), and the template says which.
    zones = {e.slug: _zone(store, e.time_zone) for e in store.events.list_events()}
    return {
        "posts": page.posts, "q": q, "zones": zones, "default_zone": _zone(store, None), "session_titles": titles,
        "search_event": event or "", "total": match_count(store.db, q, event_id=event_id), "limit": SEARCH_LIMIT, "found": terms(q),
    }
