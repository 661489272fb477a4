"""FLW rules: help remote followers follow the session as one thread.

FLW001 and FLW002 are history-aware: what the user already posted shapes the
next tip. They read ``Draft.history`` (the user's posts in the current session and in
the last hours, see ``backchannel.context.History``) and stay silent when
it is None: a check without a store knows no history and must not guess.
Posts on another platform do not count: a session's thread on X is no
thread on Bluesky, and cross-posting the same words is not a duplicate.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, Iterator, Mapping

from backchannel.rules.base import Docs, Draft, Example, Fix, Level, Option, Rule, Tip
from backchannel.text.regexes import LazyPattern

# Compiled on first use: only the history rules read them, and a check without history never does.
_URL = LazyPattern(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_NOT_WORD = LazyPattern(r"[^\w]+")
MIN_COMPARABLE_CHARS = 20  # shorter drafts ("#LT13", "Yes!") are not judged as duplicates


def _local_time(moment: datetime, draft: Draft) -> str:
    from zoneinfo import ZoneInfo  # only once a tip names a time: most checks never load the zone database

    zone = ZoneInfo(draft.event.time_zone) if draft.event is not None else None
    return moment.astimezone(zone).strftime("%H:%M")


class ThreadNotContinued(Rule):
    code = "FLW001"
    name = "thread-not-continued"
    level = Level.SUGGESTION
    needs = "session"
    reads_history = True
    summary = "You already posted in this session and this draft starts a new thread."
    docs = Docs(
        what="When you have already posted in the current session, checks that the next post continues that thread (a reply to your last post from the "
             "session) rather than starting a new one.",
        why="One thread per session lets followers read the talk as a story, and lets anyone who finds one post find all the others. Scattered top-level "
            "posts drown in people's timelines.",
        example="A second idea from the same talk, posted as a new tweet. #LT13",
        instead="The same idea, posted as a reply to your previous post from the session.",
        fix="“Continue thread”: opens a reply to your last post from the session (the fix carries that post's id and URL as its action; the text is not "
            "changed).",
    )
    examples = (
        Example("She says most learning happens at work #LT13 #LT13A1", fires=True, situation="history"),
        Example("She says most learning happens at work #LT13 #LT13A1", fires=False),
        Example("She says most learning happens at work #LT13 #LT13A1", fires=False, situation="history", platform="bluesky"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        if draft.history is None or draft.session is None or draft.reply_to is not None:
            return
        posted = draft.history.in_session(draft.platform)
        if posted is None:
            return
        last = posted.last
        times = "once" if posted.count == 1 else f"{posted.count} times"
        action = {"type": "reply", "remote_id": last.remote_id, "url": last.url, "client_id": last.client_id, "post": last.id}
        yield self.tip(
            f"You posted {times} from “{draft.session.title}” already: reply to your last post ({_local_time(last.posted_at, draft)}) so the session reads as "
            "one thread.",
            fix=Fix(title="Continue thread", edits=(), result=draft.text, action=action),
        )


@lru_cache(maxsize=2048)
def shingles(text: str) -> frozenset[str]:
    """Character trigrams of the words (links and punctuation dropped, case folded)."""
    plain = " ".join(_NOT_WORD.get().sub(" ", _URL.get().sub(" ", text.casefold())).split())
    if len(plain) < MIN_COMPARABLE_CHARS:
        return frozenset()
    return frozenset(plain[i : i + 3] for i in range(len(plain) - 2))


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' trigrams (0 when either is too short to judge)."""
    left, right = shingles(a), shingles(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


class NearDuplicate(Rule):
    code = "FLW002"
    name = "near-duplicate"
    level = Level.SUGGESTION
    needs = "nothing"
    reads_history = True
    recent_hours_option = "hours"
    summary = "The draft is nearly the same as something you posted a few hours ago."
    docs = Docs(
        what="Compares the draft with your posts on the same platform from the last few hours (words only: links, punctuation and case do not count).",
        why="Posting the same thing twice looks like a bot to followers and to the platform, which may hide both. If the point is worth repeating, say what "
            "is new about it.",
        example="Now at #LT13 #LT13A1: “Learning in the flow of work” — @priyaraman (posted at 10:05, and again at 10:30)",
        instead="Reply to the first post with what is new, or leave it.",
        fix="None: only you know what is new.",
    )
    options = (
        Option("hours", 6, "How many hours back to look for posts the draft repeats.", minimum=1, maximum=168),
        Option("similarity", 0.85, "How alike two posts must be to count as near-duplicates (0.5–1.0; 1.0 means identical words).", minimum=0.5, maximum=1.0),
    )
    examples = (
        Example("Now at #LT13 #LT13A1: “Learning in the flow of work” — @priyaraman!", fires=True, situation="history"),
        Example("now at #lt13 #lt13a1 “learning in the flow of work” — @priyaraman https://example.com/x", fires=True, situation="history"),
        Example("Most learning happens at work, not in courses #LT13", fires=False, situation="history"),
        Example("Now at #LT13 #LT13A1: “Learning in the flow of work” — @priyaraman!", fires=False),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        if draft.history is None or not draft.history.recent:
            return
        threshold = float(options["similarity"])
        since = draft.history.at - timedelta(hours=float(options["hours"]))
        best, best_score = None, 0.0
        for past in draft.history.recent:
            if past.platform != draft.platform or past.posted_at < since:
                continue
            score = similarity(draft.text, past.text)
            if score > best_score:
                best, best_score = past, score
        if best is not None and best_score >= threshold:
            yield self.tip(
                f"Nearly the same as your post from {_local_time(best.posted_at, draft)} ({round(best_score * 100)}% alike): say what is new, or leave it.",
            )


class HashtagOverload(Rule):
    code = "FLW003"
    name = "hashtag-overload"
    level = Level.SUGGESTION
    needs = "nothing"
    summary = "More hashtags than a reader will put up with."
    docs = Docs(
        what="Counts the hashtags in the draft, the event and session tags included.",
        why="A post that is mostly hashtags reads as spam, and on X it is shown to fewer people. The event tag and the session tag are all a conference post "
            "needs.",
        example="Great keynote! #LT13 #LT13A1 #learning #elearning #L&D #HR",
        instead="Great keynote on learning in the flow of work #LT13 #LT13A1",
        fix="None: keep the event and session tags, drop the rest.",
    )
    options = (Option("max_hashtags", 3, "The most hashtags a draft may carry without a tip.", minimum=1, maximum=30),)
    examples = (
        Example("Great keynote! #LT13 #LT13A1 #learning #elearning #training", fires=True, situation="none"),
        Example("Great keynote on informal learning #LT13 #LT13A1", fires=False, situation="none"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        hashtags = draft.report.entities.hashtags
        limit = int(options["max_hashtags"])
        if len(hashtags) > limit:
            first_extra = hashtags[limit]
            yield self.tip(
                f"{len(hashtags)} hashtags (more than {limit}) make the post hard to read: keep the event and session tags.",
                span=(first_extra.start, hashtags[-1].end),
            )
