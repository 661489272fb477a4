"""Guide rules: what the live-posting guides ask beyond context, tags and photos.

Sessions that ask not to be posted, quotes without a thought of your own, the
programme link, telling followers before the first post of the day, pacing, and
clock times without a zone. They read the plain values in ``context`` (the
session's do-not-post reason, its programme link, the event's posting policy and
zone) and the user's recent posts, never the store.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from backchannel.context import PastPost, SessionInfo
from backchannel.rules.base import Docs, Draft, Edit, Example, Fix, Level, Option, Rule, Tip
from backchannel.rules.pho import PhotoExample, PhotoTip
from backchannel.text.model import Platform
from backchannel.text.regexes import LazyPattern

if TYPE_CHECKING:
    from backchannel.photos.model import AttachedPhoto  # loaded only once a photo is attached

# -- helpers ---------------------------------------------------------------------------------

# Every pattern here is compiled on first use: all these rules need an event, and most checks have none.
_ENTITY = LazyPattern(r"(?:https?://\S+|www\.\S+|[#＃][\w_]+|[@＠][\w_.@-]+)", re.UNICODE)
_WORD = LazyPattern(r"[^\W\d_][\w'’-]*", re.UNICODE)
# Words that only say whose the quote is; they add no thought of one's own.
_ATTRIBUTION_WORDS = frozenset(
    "rt via per says said say according to from by on at in quoting quote ht cc mt speaker keynote talk session slide".split()
)


def _speaker_words(session: SessionInfo | None) -> frozenset[str]:
    if session is None:
        return frozenset()
    return frozenset(w.casefold() for s in session.speakers for w in _WORD.get().findall(s.name))


def only_a_quote(text: str, session: SessionInfo | None = None) -> bool:
    """Whether ``text`` is someone's words in quotation marks plus tags, handles, links and who
    said it, with nothing the poster adds (at most two words of their own)."""
    from backchannel.rules.quotes import find_quotes, kind  # on first use: see UnattributedQuote.check

    quotes = [q for q in find_quotes(text, min_words=3) if kind(text, q) == "speech"]
    if not quotes:
        return False
    rest = text
    for quote in sorted(quotes, key=lambda q: q.start, reverse=True):
        rest = rest[: quote.start] + " " + rest[quote.end :]
    rest = _ENTITY.get().sub(" ", rest)
    names = _speaker_words(session)
    own = [w for w in _WORD.get().findall(rest) if w.casefold() not in _ATTRIBUTION_WORDS and w.casefold() not in names]
    return len(own) <= 2


def _in_session(history_posts: tuple[PastPost, ...], session: SessionInfo, platform: str, at: datetime) -> list[PastPost]:
    """The user's posts in this session so far on ``platform``, newest first."""
    return [p for p in history_posts if p.platform == platform and session.start <= p.posted_at <= at]


# -- GDE001 / GDE002: sessions that ask not to be posted ---------------------------------------

_RESULTS = LazyPattern(r"\b(?:data|results?|unpublished|preliminary|findings|figures?|numbers|study|studies|survey|embargo(?:ed)?)\b", re.I)
_PHOTO_POLICY = LazyPattern(r"\b(?:photos?|pictures?|images?|slides?|camera|photograph\w*)\b", re.I)


class SessionNotToBePosted(Rule):
    code = "GDE001"
    name = "session-not-to-be-posted"
    level = Level.WARNING
    needs = "event"
    summary = "The current session asks not to be posted, or the draft reports what the event's policy keeps off the record."
    docs = Docs(
        what="Warns on any draft while the current session is marked not to be posted: the programme's own flag (frab XML <optout> or do_not_record, pretalx "
             "and frab JSON do_not_record, kept on import) or your own mark (`backchannel session no-post`). When the event has a posting policy "
             "(`backchannel event policy`) and the draft reports data, results or findings, it shows the policy.",
        why="Speakers opt out of recording for a reason: unpublished work, a personal story, a safety concern. Posting their words or slides anyway breaks "
            "the organisers' promise to them and can cost them a paper or worse.",
        example="During a talk the programme marks do-not-record: “Fascinating unpublished numbers from @priyaraman: 70% of learning is informal #LT13”.",
        instead="Nothing during the session. Afterwards, if you like: “Great talk by @priyaraman at #LT13 (not recorded by request, so no details here).”",
        fix="None: hold the post. To lift your own mark: `backchannel session no-post EVENT ID --clear`.",
    )
    examples = (
        Example("Priya: informal learning is 70% of all learning #LT13 #LT13A1", fires=True, situation="do-not-post"),
        Example("Priya: informal learning is 70% of all learning #LT13 #LT13A1", fires=False),
        Example("Unpublished results: 70% of learning is informal #LT13", fires=True, situation="policy"),
        Example("Coffee queue is long this morning #LT13", fires=False, situation="policy"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        session = draft.session
        if session is not None and session.do_not_post:
            yield self.tip(f"“{session.title}” asks not to be posted ({session.do_not_post}): hold this post until after the session, and leave out its "
                           "content.")
            return
        policy = draft.event.posting_policy if draft.event is not None else None
        if policy and _RESULTS.get().search(draft.text):
            yield self.tip(f"{draft.event.name if draft.event else 'The event'} asks: “{policy}”. Check that this post keeps to it.")


def photo_name(photo: AttachedPhoto, count: int) -> str:
    """How a tip names one of the draft's photos: "this photo" when it is the only one, else by its place."""
    if count <= 1:
        return "this photo"
    ordinals = ("first", "second", "third", "fourth")
    return f"the {ordinals[photo.index]} photo" if 0 <= photo.index < len(ordinals) else f"photo {photo.index + 1}"


class PhotoInSessionNotToBePosted(Rule):
    code = "GDE002"
    name = "photo-in-session-not-to-be-posted"
    level = Level.ERROR
    needs = "event"
    about_photos = True
    summary = "A photo is attached while the session asks not to be posted, or the event's policy rules out photos."
    docs = Docs(
        what="When a photo is attached to a draft while the current session is marked not to be posted (the programme's do-not-record flag or your own mark), "
             "or while the event's posting policy speaks of photos or slides, raises an error on each such photo: it is shown with that photo's other tips "
             "and names it. It reads the situation (the session on now, the event's policy), so it runs with the draft's check, not when the photo is "
             "first looked at.",
        why="A photo of a slide is the one thing a speaker who opted out of recording most wants kept off the internet: it is their unpublished work, "
            "verbatim and shareable.",
        example="A photo of the results slide, attached during a session the programme marks do-not-record.",
        instead="No photo. Write what you took from the talk after it, in your own words, if the session allows even that.",
        fix="None: remove the photo.",
    )
    examples = (
        PhotoExample("Results slide #LT13 #LT13A1", fires=True, situation="do-not-post"),
        PhotoExample("Results slide #LT13 #LT13A1", fires=False, situation="session"),
        PhotoExample("Slide 3 #LT13", fires=True, situation="policy"),
        Example("Results slide, described in words #LT13", fires=False, situation="do-not-post"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        if not draft.photos:
            return
        session = draft.session
        if session is not None and session.do_not_post:
            reason = f"“{session.title}” asks not to be posted ({session.do_not_post})"
        else:
            policy = draft.event.posting_policy if draft.event is not None else None
            if not policy or not _PHOTO_POLICY.get().search(policy):
                return
            reason = f"{draft.event.name if draft.event and draft.event.name else 'The event'}'s policy says: “{policy}”"
        count = len(draft.photos)
        for photo in draft.photos:
            # A tip about this one photo (its place among the draft's photos), so the panel shows it with the photo's other tips.
            name = photo_name(photo, count)
            yield PhotoTip(self.code, self.name, self.level, f"{reason}: remove {name}.", media=photo.index)


# -- GDE003: quotes without a thought of your own ----------------------------------------------


class QuotesWithoutThought(Rule):
    code = "GDE003"
    name = "quotes-without-thought"
    level = Level.SUGGESTION
    needs = "session"
    reads_history = True
    summary = "The third post in a row in this session that is only a quote: add what you think of it."
    docs = Docs(
        what="When the draft is only someone's words in quotation marks plus tags, handles, links and who said it, and your last posts in this session were "
             "too (two before it, by default), suggests adding a thought of your own. A single good quote never fires.",
        why="A stream of bare quotes is a transcript: followers far away learn what was said, not why it matters. One line of yours (agree? surprised? what "
            "it means for your field?) is what makes the thread worth following.",
        example="A third post in a row like: “Courses are where learning goes to die” — @priyaraman #LT13 #LT13A1",
        instead="“Courses are where learning goes to die” — @priyaraman. Harsh, but our LMS numbers agree. #LT13 #LT13A1",
        fix="None: only you know what you think. The tip points at the end of the quote.",
    )
    options = (Option("in_a_row", 3, "How many bare quotes in a row (counting the draft) before the tip.", minimum=2, maximum=20),)
    examples = (
        Example("“Courses are where learning goes to die” — @priyaraman #LT13 #LT13A1", fires=True, situation="quotes"),
        Example("“Courses are where learning goes to die” — @priyaraman #LT13 #LT13A1", fires=False, situation="history"),
        Example("“Courses are where learning goes to die” — @priyaraman. Harsh, but our own numbers agree. #LT13", fires=False, situation="quotes"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        session, history = draft.session, draft.history
        if session is None or history is None or not only_a_quote(draft.text, session):
            return
        needed = int(options["in_a_row"]) - 1
        earlier = _in_session(history.recent, session, draft.platform, history.at)[:needed]
        if len(earlier) < needed or not all(only_a_quote(p.text, session) for p in earlier):
            return
        from backchannel.rules.quotes import find_quotes

        quotes = find_quotes(draft.text, min_words=3)
        span = (quotes[0].start, quotes[-1].end) if quotes else None
        yield self.tip(
            f"{needed + 1} quotes in a row with nothing of your own: add a line on what you make of this one.",
            span=span,
        )


# -- GDE004: the programme link ----------------------------------------------------------------

_POINTS_TO_MORE = LazyPattern(
    r"\b(?:slides?|deck|paper|preprint|abstract|programme|program|details|link|links|more (?:at|here|info)|recording|repo|code)\b", re.I
)


_SLIDES_WORD = LazyPattern(r"\b(?:slides?|deck|folien)\b", re.I)


class ProgrammeLinkMissing(Rule):
    code = "GDE004"
    name = "programme-link-missing"
    level = Level.SUGGESTION
    needs = "session"
    summary = "The draft points to more (slides, details, the paper) but has no link; the programme has one."
    docs = Docs(
        what="When the current session has a page in the programme (or the programme lists its slides) and the draft speaks of slides, details, the paper, "
             "the abstract or a link without carrying one, offers the links as one-click additions: the slides first when the draft speaks of slides, "
             "the programme page first otherwise. Which of the programme's links is the slides is decided by what the programme says (its type or "
             "title, a slides host, a presentation file): see “Programme links and the slides” in docs/API.md.",
        why="Followers who cannot be in the room want to read more; the programme page has the abstract, the speaker and, often, the slides and the recording "
            "later. A post that says “slides are online” without the link sends every reader searching.",
        example="Slides are online, worth a look #LT13 #LT13A1",
        instead="Slides are online, worth a look #LT13 #LT13A1 https://lt13.example.org/talk/a1 (or the slides link, when the programme lists one)",
        fix="Appends the slides link or the session's programme link (one button each, when the programme has both).",
    )
    examples = (
        Example("Slides are online, worth a look #LT13 #LT13A1", fires=True),
        Example("Slides are online https://example.org/deck #LT13 #LT13A1", fires=False),
        Example("Informal learning beats courses #LT13 #LT13A1", fires=False),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        session = draft.session
        if session is None or not (session.url or session.slides) or draft.report.entities.urls:
            return
        match = _POINTS_TO_MORE.get().search(draft.text)
        if match is None:
            return
        fixes = []
        if session.slides:
            fixes.append(Fix.append("Add the slides link", draft.text, session.slides))
        if session.url and session.url != session.slides:
            fixes.append(Fix.append("Add the programme link", draft.text, session.url))
        if len(fixes) > 1 and not _SLIDES_WORD.get().search(draft.text):
            fixes.reverse()  # the draft speaks of details, the paper, the abstract: the programme page first
        where = "the slides or the session's programme page" if len(fixes) > 1 else ("the slides" if session.slides else "the session's programme page")
        yield self.tip(f"The draft mentions “{match.group(0)}” but links nowhere: add {where}.", span=match.span(), fix=fixes[0], more_fixes=tuple(fixes[1:]))


# -- GDE005: tell followers first ---------------------------------------------------------------

_HEADS_UP = LazyPattern(r"\b(?:mute|posting from|tweeting from|live[- ]?tweet\w*|live[- ]?post\w*|I'?ll be (?:at|posting|tweeting))\b", re.I)


def heads_up(hashtag: str) -> str:
    """The post that tells followers what is coming and how to mute it."""
    return f"I'll be posting from #{hashtag} today — mute #{hashtag} if it's too much."


def local_day_start(at: datetime, time_zone: str) -> datetime:
    """The local midnight that began the day ``at`` falls in, in ``time_zone`` (UTC when the zone is unknown)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # on first use: a check with no event never needs a zone

    try:
        zone: ZoneInfo | timezone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = timezone.utc
    local = at.astimezone(zone)
    # Midnight as a wall-clock time, then back through the zone: the day's length (23 or 25 hours on the
    # days the clocks change) is the zone's business, not a fixed 24 hours.
    return datetime(local.year, local.month, local.day, tzinfo=zone).astimezone(timezone.utc)


class FollowersNotToldFirst(Rule):
    code = "GDE005"
    name = "followers-not-told-first"
    level = Level.SUGGESTION
    needs = "event"
    reads_history = True
    recent_hours = 25.0  # a local day is at most 25 hours long (the day the clocks go back)
    summary = "The first event post of your day at the event, with no heads-up to followers before it that day."
    docs = Docs(
        what="When the draft carries the event's hashtag and it is your first post with it on this day at the event (from midnight in the event's time "
             "zone), and you have posted no heads-up earlier that day (“I'll be posting from …”, “mute #…”, “live-tweeting …”), suggests posting the "
             "heads-up first: that you will be posting from the event, and how to mute its hashtag. A post after midnight in the event's zone starts a new "
             "day, however late the last one was.",
        why="Followers who are not at the event get a sudden flood of posts about talks they never heard of. Told first, they can mute the hashtag or look "
            "forward to it; unwarned, some unfollow.",
        example="First post of the day: Opening keynote is packed #LT13",
        instead="I'll be posting from #LT13 today — mute #LT13 if it's too much. Then: Opening keynote is packed #LT13",
        fix="Turns the draft into a thread of two: the heads-up first, then the draft.",
    )
    examples = (
        Example("Opening keynote is packed #LT13", fires=True, situation="history-empty"),
        Example("Opening keynote is packed #LT13", fires=False, situation="history"),
        Example("I'll be posting from #LT13 today — mute #LT13 if it's too much", fires=False, situation="history-empty"),
        Example("Opening keynote is packed", fires=False, situation="history-empty"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        event, history = draft.event, draft.history
        if event is None or history is None or not event.hashtag:
            return
        tags = {t.casefold() for t in event.hashtags}
        if not (tags & draft.hashtags_folded) or _HEADS_UP.get().search(draft.text):
            return
        today = local_day_start(history.at, event.time_zone)
        for past in history.recent:
            if not today <= past.posted_at <= history.at:
                continue
            # An event post earlier today: this is not the first. A heads-up earlier today (with the tag or without): followers were told.
            if _HEADS_UP.get().search(past.text) or any(f"#{t}" in past.text.casefold() for t in tags):
                return
        first = heads_up(event.hashtag)
        fix = Fix(title="Post a heads-up first", edits=(Edit(0, len(draft.text), first),), result=first, parts=(first, draft.text))
        yield self.tip(f"Your first #{event.hashtag} post today: tell followers first, so they can mute #{event.hashtag}.", fix=fix)


# -- GDE006: pacing ----------------------------------------------------------------------------


class PostingTooFast(Rule):
    code = "GDE006"
    name = "posting-too-fast"
    level = Level.SUGGESTION
    needs = "event"
    reads_history = True
    recent_minutes_option = "minutes"
    summary = "Many posts in the last few minutes: slow down."
    docs = Docs(
        what="Counts your posts on the same platform in the last minutes (10 by default); when the draft would be past the limit (5 by default), suggests "
             "slowing down.",
        why="A burst of posts floods followers' timelines and reads as a transcript. Fewer posts, each with a point, get read; a burst gets muted.",
        example="The sixth post in ten minutes during one talk.",
        instead="Wait for the speaker's next point, or gather the last few into one post with what you make of them.",
        fix="None: wait a little, or merge drafts.",
    )
    options = (
        Option("max_posts", 5, "How many posts in the window are fine; the next one gets the tip.", minimum=1, maximum=100),
        Option("minutes", 10, "The window, in minutes.", minimum=1, maximum=120),
    )
    examples = (
        Example("Another point from the talk #LT13", fires=True, situation="burst"),
        Example("Another point from the talk #LT13", fires=False, situation="history"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        history = draft.history
        if history is None:
            return
        minutes = float(options["minutes"])
        since = history.at - timedelta(minutes=minutes)
        count = sum(1 for p in history.recent if p.platform == draft.platform and since <= p.posted_at <= history.at)
        if count >= int(options["max_posts"]):
            yield self.tip(f"{count} posts in the last {minutes:g} minutes: slow down, or gather points into one post.")


# -- GDE007: a clock time without a zone ---------------------------------------------------------

_CLOCK = LazyPattern(
    r"(?<![\w:.,/])(?:(?P<h24>[01]?\d|2[0-3])[:.h](?P<m24>[0-5]\d)(?!\s?(?:am|pm|a\.m\.|p\.m\.))|(?P<h12>1[0-2]|0?[1-9])(?::(?P<m12>[0-5]\d))?\s?(?P<ampm>am|pm|a\.m\.|p\.m\.))(?![\w:.,]\d|\w)",
    re.I,
)
# A zone after the time: an abbreviation in capitals (CET, BST, PT), an offset, or "local" / "London time".
_ZONE_AFTER = LazyPattern(r"\s*\(?(?:(?-i:[A-Z]{2,5})\b|utc|gmt|[+-]\d{2}:?\d{2}|local\b|your time|\w+ time\b)", re.I)
_TIME_CUE = LazyPattern(r"\b(?:at|from|until|till|by|to|starts?|starting|begins?|next|up|resume\w*|back|opens?|doors|tonight|today|tomorrow)\W*$", re.I)


def zone_label(time_zone: str, at: datetime | None) -> str:
    """How a reader sees the event's zone: its abbreviation then ("CET", "BST"), else the zone's name."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # on first use: a check with no event never needs a zone

    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return time_zone
    if at is not None:
        label = at.astimezone(zone).tzname() or ""
        if label and label[:1] not in "+-":
            return label
    if time_zone == "UTC":
        return "UTC"
    return time_zone.rsplit("/", 1)[-1].replace("_", " ") + " time"


class TimeWithoutZone(Rule):
    code = "GDE007"
    name = "time-without-zone"
    level = Level.SUGGESTION
    needs = "event"
    summary = "A clock time without a zone: followers far away cannot tell when that is."
    docs = Docs(
        what="Finds clock times (14:00, 2.30, 9am, 3:15 pm) that follow a word like at, from, until, next or starts and carry no zone after them, and offers "
             "the event's zone.",
        why="Half of a conference's followers are somewhere else. “Next up at 14:00” means nothing to them without a zone; with one they can tune in to the "
            "stream or the hashtag.",
        example="Next up at 14:00: the panel on open data #LT13",
        instead="Next up at 14:00 GMT: the panel on open data #LT13",
        fix="Inserts the event's zone (its abbreviation on the day, else the zone's name) after each time.",
    )
    examples = (
        Example("Next up at 14:00: the panel on open data #LT13", fires=True, situation="event"),
        Example("Next up at 14:00 GMT: the panel on open data #LT13", fires=False, situation="event"),
        Example("Doors open at 9am #LT13", fires=True, situation="event"),
        Example("We scored 3:2 in the quiz, slide 14.5 is key #LT13", fires=False, situation="event"),
        Example("Next up at 14:00: the panel on open data", fires=False, situation="none"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        event = draft.event
        if event is None:
            return
        text = draft.text
        spans: list[tuple[int, int]] = []
        for match in _CLOCK.get().finditer(text):
            if not match.group("ampm") and not _TIME_CUE.get().search(text[max(0, match.start() - 24) : match.start()]):
                continue
            if _ZONE_AFTER.get().match(text, match.end()):
                continue
            spans.append(match.span())
        if not spans:
            return
        at = draft.session.start if draft.session is not None else draft.history.at if draft.history is not None else None
        label = zone_label(event.time_zone, at)
        fix = Fix.from_edits(f"Add the zone ({label})", text, tuple(Edit(end, end, f" {label}") for _, end in spans))
        first = text[spans[0][0] : spans[0][1]]
        yield self.tip(f"“{first}” has no zone: followers elsewhere cannot tell when that is ({label} here).", span=spans[0], fix=fix)


# -- GDE008: the closing post --------------------------------------------------------------------

_THANKS = LazyPattern(r"\b(?:thanks?|thank you|thx|ty|cheers|danke|merci|gracias)\b", re.I)
_LINK = LazyPattern(r"(?:https?://|www\.)\S+", re.I)


def closing_post(session: SessionInfo, platform: Platform) -> str:
    """“Thanks @speaker for “Title” — slides: <slides link>” (else “— more: <programme link>”), as far as the session has them."""
    who = ", ".join(s.reference(platform) for s in session.speakers)
    thanks = f"Thanks {who} for “{session.title}”" if who else f"Thanks for “{session.title}”"
    if session.slides:
        return f"{thanks} — slides: {session.slides}"
    return f"{thanks} — more: {session.url}" if session.url else thanks + "!"


class SessionNotClosed(Rule):
    code = "GDE008"
    name = "session-not-closed"
    level = Level.SUGGESTION
    needs = "event"
    reads_history = True
    summary = "The session you last posted from has ended, and its thread has no link and no thanks."
    docs = Docs(
        what="On your first post after a session you posted from has ended, looks at that session's thread: when none of your posts there carries a link or a "
             "thank-you, offers a closing post as a reply to the thread, thanking the speakers and linking the session's slides when the programme lists them, "
             "else its programme page.",
        why="A thread that just stops leaves followers without the one thing they can act on (the slides, the paper, the recording) and the speaker without "
            "the thanks that makes them share your thread.",
        example="After three posts from “Learning in the flow of work”, none with a link, the next draft at 11:05: Coffee, then the panel #LT13",
        instead="First, as a reply to the thread: Thanks @priyaraman for “Learning in the flow of work” — more: https://lt13.example.org/talk/a1",
        fix="“Close the thread”: opens a reply to your last post from that session with the closing post as its text (the draft is kept).",
    )
    examples = (
        Example("Coffee, then the panel #LT13", fires=True, situation="ended"),
        Example("Coffee, then the panel #LT13", fires=False, situation="history"),
        Example("Coffee, then the panel #LT13", fires=False, situation="ended-closed"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        ended = draft.history.ended if draft.history is not None else None
        if ended is None or not ended.posts:
            return
        if any(_LINK.get().search(p.text) or _THANKS.get().search(p.text) for p in ended.posts):
            return
        last = ended.posts[-1]
        text = closing_post(ended.session, draft.platform)
        action = {"type": "reply", "remote_id": last.remote_id, "url": last.url, "client_id": last.client_id, "post": last.id, "text": text}
        yield self.tip(
            f"“{ended.session.title}” is over and its thread has no link or thanks: close it with “{text}”.",
            fix=Fix(title="Close the thread", edits=(), result=draft.text, action=action),
        )
