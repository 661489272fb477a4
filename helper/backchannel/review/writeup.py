"""An event's posts arranged for reading: sessions in programme order, threads, photos, links.

The review page and the export both start from this. It also drafts the
"thank you" to the speakers whose sessions the user posted from, each draft
within the platform's limit and carrying the event hashtag, so it passes
the checker as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from backchannel.context import SpeakerInfo
from backchannel.history.model import Media, Post
from backchannel.review.linkify import links
from backchannel.store.events import Event, Session
from backchannel.text import weighted_length
from backchannel.text.model import Platform

if TYPE_CHECKING:
    from backchannel.store import Store


@dataclass(frozen=True, slots=True)
class SessionGroup:
    session: Session | None  # None: posts outside any session of the programme
    threads: tuple[tuple[Post, ...], ...]

    @property
    def posts(self) -> tuple[Post, ...]:
        return tuple(p for thread in self.threads for p in thread)

    @property
    def photos(self) -> tuple[Media, ...]:
        return tuple(m for p in self.posts for m in p.media)

    @property
    def links(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for p in self.posts:
            for link in links(p.entities):
                seen.setdefault(link, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Writeup:
    event: Event
    groups: tuple[SessionGroup, ...]
    thanks: tuple[str, ...]
    posts: tuple[Post, ...]
    sessions: tuple[Session, ...]

    @property
    def session_count(self) -> int:
        return sum(1 for g in self.groups if g.session is not None)


def _threads(posts: Sequence[Post]) -> tuple[tuple[Post, ...], ...]:
    by_thread: dict[int, list[Post]] = {}
    for post in posts:
        by_thread.setdefault(post.thread_id or post.id, []).append(post)
    ordered = sorted(by_thread.values(), key=lambda thread: (thread[0].posted_at, thread[0].id))
    return tuple(tuple(sorted(t, key=lambda p: (p.posted_at, p.id))) for t in ordered)


def group_posts(posts: Sequence[Post], sessions: Sequence[Session]) -> tuple[SessionGroup, ...]:
    by_session: dict[int | None, list[Post]] = {}
    for post in posts:
        by_session.setdefault(post.session_id, []).append(post)
    groups = [SessionGroup(s, _threads(by_session[s.id])) for s in sorted(sessions, key=lambda s: (s.start, s.room or "")) if s.id in by_session]
    known = {s.id for s in sessions}
    stray = [p for key, group in by_session.items() if key is None or key not in known for p in group]
    if stray:
        groups.append(SessionGroup(None, _threads(stray)))
    return tuple(groups)


def thank_you_drafts(event: Event, speakers: Sequence[SpeakerInfo], platform: Platform, limit: int) -> tuple[str, ...]:
    """As few drafts as fit the limit, each thanking some speakers and carrying the event tag."""
    if not speakers:
        return ()
    tag = f" #{event.hashtags[0]}" if event.hashtags else ""
    names = [s.handles.get(platform) or s.name for s in speakers]

    def compose(who: list[str]) -> str:
        talk = "your talk" if len(who) == 1 else "your talks"
        listed = who[0] if len(who) == 1 else ", ".join(who[:-1]) + " and " + who[-1]
        return f"Thank you {listed} for {talk} at {event.name}!{tag}"

    drafts: list[str] = []
    current: list[str] = []
    for name in names:
        if current and weighted_length(compose([*current, name]), platform) > limit:
            drafts.append(compose(current))
            current = []
        current.append(name)
    if current:
        drafts.append(compose(current))
    return tuple(drafts)


def build_writeup(store: Store, slug: str, *, platform: Platform = "x", include_retweets: bool = False) -> Writeup:
    event = store.events.get_event(slug)
    store.history.refresh()
    posts = [p for p in store.history.posts.event_posts(event.id) if include_retweets or not p.is_retweet]
    sessions = store.events.list_sessions(slug)
    groups = group_posts(posts, sessions)
    # Only the speakers of sessions the user posted from: no posts, nobody to thank. And never
    # the user themselves (a speaker whose handle is the archive owner's).
    covered = [g.session for g in groups if g.session is not None]
    mine = store.history.own_handles(platform)
    speakers: dict[str, SpeakerInfo] = {}
    for session in covered:
        for speaker in session.speakers:
            if (speaker.handles.get(platform) or "").casefold() in mine:
                continue
            speakers.setdefault(" ".join(speaker.name.casefold().split()), speaker)
    limit = store.settings.load().limit(platform)
    return Writeup(event, groups, thank_you_drafts(event, list(speakers.values()), platform, limit), tuple(posts), tuple(sessions))
