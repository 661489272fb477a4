"""The labelled corpus of real tweets the text rules are scored on.

The tweets are read from the real archives in ``../shared/data`` (never
copied into the project); their labels are in ``tests.rules.corpus_labels``.
The corpus is:

* every tweet of the Grailbird month (October 2012, @cogdog) that carries a
  hashtag, every tweet of it posted on the days of the two conferences it
  covers (WordCamp Vancouver 2012 and OpenEd 2012, both in Vancouver), and
  every other tweet of it with a quotation mark (or a single quote opening a
  word), for the quotation rule;
* every tweet of the 2020 ``tweet.js`` export (an indie game studio);

less the retweets made with the retweet button (nobody typed them; a
manual "RT @name: …" was typed, and stays).

Each tweet is checked as the draft its author typed: the trailing t.co link
X appends for the post's own photo is left out (``composed_text``), replies
are checked as replies, with today's settings. On the conferences' days the event is active; a session is on
while one of the sessions below was running, and a session the author last posted from that has ended since
is the one the closing-post rule reads. The archives carry no programme,
so the sessions are reconstructed from what the tweets themselves say (the
titles and speakers they name, the times they were posted at); sessions that
the tweets do not show are not invented. The history the history-aware rules
see is the author's own earlier tweets of the month.

A fixed part of the corpus (``held_out``, chosen by a hash of the tweet id) is
kept for judging the rules: tuning looks only at the other part.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from backchannel.archive.formats import parse_assignment
from backchannel.archive.tweets import composed_text, to_post
from backchannel.context import EndedSession, EventInfo, History, PastPost, SessionInfo, SessionPosts, SpeakerInfo
from backchannel.history.model import PostIn
from backchannel.rules.registry import TEXT_CODES, recent_hours
from backchannel.settings import Settings

GRAILBIRD = Path("archives/grailbird-2012/2012_10.js")
TWEET_JS = Path("archives/lumeninferius-2020-tweetjs/tweet.js")

VANCOUVER = "America/Vancouver"
_PDT = timezone(timedelta(hours=-7))  # Vancouver in October 2012

WCYVR = EventInfo(slug="wcyvr", name="WordCamp Vancouver 2012", hashtags=("wcyvr",), time_zone=VANCOUVER)
OPENED12 = EventInfo(slug="opened12", name="Open Education 2012", hashtags=("opened12",), time_zone=VANCOUVER)

# The conferences' days, in Vancouver time.
EVENT_DAYS: dict[str, EventInfo] = {
    "2012-10-13": WCYVR,
    "2012-10-16": OPENED12,
    "2012-10-17": OPENED12,
    "2012-10-18": OPENED12,
}


def _at(day: str, hhmm: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=_PDT).astimezone(timezone.utc)


COGDOG = SpeakerInfo(name="Alan Levine", handles={"x": "@cogdog"})

# (event, session): as the tweets show them.
SESSIONS: tuple[tuple[EventInfo, SessionInfo], ...] = (
    # "Top of the hour I start yacking about #ds106 at wordcamp vancouver" (09:36), then the talk's autotweets.
    (WCYVR, SessionInfo(1, "Building an Open Course/Community with WordPress, Syndication and Duct Tape",
                        _at("2012-10-13", "10:00"), _at("2012-10-13", "11:00"), speakers=(COGDOG,))),
    # "@supernova_k @infology @enej showing the full boatload of UBC Wordpress usage" (13:10–13:40).
    (WCYVR, SessionInfo(2, "WordPress at UBC", _at("2012-10-13", "13:00"), _at("2012-10-13", "13:45"),
                        speakers=(SpeakerInfo("supernova_k", {"x": "@supernova_k"}), SpeakerInfo("infology", {"x": "@infology"}),
                                  SpeakerInfo("enej", {"x": "@enej"})))),
    # "@boone preaching BuddyPress" (15:11–15:22).
    (WCYVR, SessionInfo(3, "BuddyPress", _at("2012-10-13", "15:00"), _at("2012-10-13", "15:45"),
                        speakers=(SpeakerInfo("Boone Gorges", {"x": "@boone"}),))),
    # "#opened12 opening session" and "BC education minister Yapp addressing opening session" (09:09, 09:11).
    (OPENED12, SessionInfo(4, "Opening session", _at("2012-10-16", "09:00"), _at("2012-10-16", "09:20"))),
    # "the lead off swagger of @GardnerCampbell keynote" (09:29–10:19).
    (OPENED12, SessionInfo(5, "Keynote", _at("2012-10-16", "09:20"), _at("2012-10-16", "10:30"),
                           speakers=(SpeakerInfo("Gardner Campbell", {"x": "@GardnerCampbell"}),))),
    # "now presenting “The Open Assignment Bank of #ds106 and Remixing Thereof”" (13:53), then autotweets.
    (OPENED12, SessionInfo(6, "The Open Assignment Bank of #ds106 and Remixing Thereof", _at("2012-10-16", "13:50"),
                           _at("2012-10-16", "14:30"), speakers=(COGDOG,))),
    # "Carolina Rossinni Thursday keynote on open Ed policy" (09:41).
    (OPENED12, SessionInfo(7, "Keynote on open education policy", _at("2012-10-18", "09:00"), _at("2012-10-18", "10:15"),
                           speakers=(SpeakerInfo("Carolina Rossini"),))),
    # "Come to room c485 for two great #opened12 sessions on Art education" (14:29), then Coventry (14:47–14:54).
    (OPENED12, SessionInfo(8, "Art education", _at("2012-10-18", "14:30"), _at("2012-10-18", "15:30"), room="C485")),
)

# Checked with today's settings: the 2012 tweets were written against 140 characters with 20-character
# t.co links, which today's counting (23 a link) cannot reproduce, so their length is not judged against 140.
SETTINGS = Settings({})

_QUOTE_MARK = re.compile(r"[\"“”‘’«»]|(?:^|[\s(])'\w")


@dataclass(frozen=True, slots=True)
class Case:
    """One real tweet, checked as the draft its author typed, in its situation."""

    id: str
    source: str  # "grailbird-2012" or "tweetjs-2020"
    text: str  # as posted (unescaped)
    draft: str  # as typed: without the trailing link of its own photo
    posted_at: datetime
    reply_to: str | None
    event: EventInfo | None
    session: SessionInfo | None
    history: History | None
    settings: Settings
    held_out: bool
    is_retweet: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def held_out(tweet_id: str) -> bool:
    """Two fifths of the corpus, fixed by the tweet id: not looked at while tuning a rule."""
    return int(hashlib.sha256(tweet_id.encode()).hexdigest(), 16) % 5 < 2


def _posts(path: Path) -> list[PostIn]:
    """The archive's posts, oldest first, without retweets made with the button: nobody typed those."""
    items = parse_assignment(path.read_bytes(), path.name)
    typed = [item for item in items if "retweeted_status" not in item.get("tweet", item)]
    return sorted((to_post(item, screen_name=None)[0] for item in typed), key=lambda p: p.posted_at)


def _situation(at: datetime) -> tuple[EventInfo | None, SessionInfo | None]:
    event = EVENT_DAYS.get(at.astimezone(_PDT).date().isoformat())
    if event is None:
        return None, None
    for owner, session in SESSIONS:
        if owner is event and session.start <= at < session.end:
            return event, session
    return event, None


def _history(post: PostIn, earlier: list[PostIn], event: EventInfo | None, session: SessionInfo | None) -> History:
    """The author's own posts before this one, as the history-aware rules see them (retweets left out)."""
    own = [p for p in earlier if not p.is_retweet]
    past = [_past(p) for p in own]
    # As far back as the helper reads (coach/situation.py): the switched-on rules' longest window.
    window = timedelta(hours=recent_hours(SETTINGS))
    recent = tuple(reversed([pp for pp in past if pp.posted_at >= post.posted_at - window]))[:50]
    in_session: dict[str, SessionPosts] = {}
    if session is not None:
        mine = [pp for pp in past if session.start <= pp.posted_at < session.end]
        if mine:
            in_session["x"] = SessionPosts(count=len(mine), last=mine[-1])
    return History(at=post.posted_at, session=in_session, recent=recent, ended=_ended(post, past, event, session))


def _ended(post: PostIn, past: list[PastPost], event: EventInfo | None, session: SessionInfo | None) -> EndedSession | None:
    """The session of the active event the author last posted from, when it has ended by now, with their posts in it.

    As the helper finds it (``store/closing.py``): only the latest post decides, and the session on now is not "ended".
    """
    if event is None or not past:
        return None
    owner, last = _situation(past[-1].posted_at)
    if owner is not event or last is None or last is session or last.end > post.posted_at:
        return None
    return EndedSession(last, tuple(pp for pp in past if last.start <= pp.posted_at < last.end))


def _past(post: PostIn) -> PastPost:
    return PastPost(id=int(post.remote_id or 0), platform="x", text=composed_text(post.text, post.entities), posted_at=post.posted_at,
                    remote_id=post.remote_id, url=post.url)


def _cases(root: Path) -> Iterator[Case]:
    month = _posts(root / GRAILBIRD)
    for index, post in enumerate(month):
        event, session = _situation(post.posted_at)
        if not post.hashtags and event is None and not _QUOTE_MARK.search(post.text):
            continue
        yield Case(
            id=post.remote_id or "", source="grailbird-2012", text=post.text, draft=composed_text(post.text, post.entities),
            posted_at=post.posted_at, reply_to=post.reply_to_remote_id, event=event, session=session,
            history=_history(post, month[:index], event, session), settings=SETTINGS, held_out=held_out(post.remote_id or ""),
            is_retweet=post.is_retweet,
        )
    studio = _posts(root / TWEET_JS)
    for index, post in enumerate(studio):
        yield Case(
            id=post.remote_id or "", source="tweetjs-2020", text=post.text, draft=composed_text(post.text, post.entities),
            posted_at=post.posted_at, reply_to=post.reply_to_remote_id, event=None, session=None,
            history=_history(post, studio[:index], None, None), settings=SETTINGS, held_out=held_out(post.remote_id or ""),
            is_retweet=post.is_retweet,
        )


@lru_cache(maxsize=2)
def load(root: Path) -> tuple[Case, ...]:
    """Every case of the corpus, oldest first per archive."""
    return tuple(_cases(root))


# The text rules the corpus is labelled for (photo rules read photos, not text), from the rule table.
TEXT_RULES: tuple[str, ...] = TEXT_CODES


def checkable(case: Case) -> frozenset[str]:
    """The text rules that can speak on this case: event rules need its event, session rules its session."""
    from backchannel.rules import RULES

    have = {"nothing": True, "event": case.event is not None, "session": case.session is not None, "chat": False, "photo": False}  # no chats in the corpus
    return frozenset(code for code in TEXT_RULES if have[RULES[code].needs])


def fired(case: Case) -> frozenset[str]:
    """The text rules that fire on the case's draft, in its situation."""
    from backchannel.checker import check_draft

    result = check_draft(case.draft, platform="x", event=case.event, session=case.session, settings=case.settings,
                         history=case.history, reply_to=case.reply_to)
    return frozenset(t.code for t in result.tips if t.code in TEXT_RULES)
