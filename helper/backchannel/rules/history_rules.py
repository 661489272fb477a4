"""History-aware rules: what the user already posted shapes the next tip.

They read ``Draft.history`` (the user's posts in the current session and in
the last hours, see ``backchannel.history.snapshot``) and stay silent when
it is None: a check without a store knows no history and must not guess.
Posts on another platform do not count: a session's thread on X is no
thread on Bluesky, and cross-posting the same words is not a duplicate.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, Iterator, Mapping
from zoneinfo import ZoneInfo

from backchannel.rules.base import (
    Docs,
    Draft,
    Edit,
    Example,
    Fix,
    Level,
    Option,
    Rule,
    Tip,
)
from backchannel.rules.context_rules import names_title
from backchannel.compose.snippets import session_snippet

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^\w]+")
MIN_COMPARABLE_CHARS = 20  # shorter drafts ("#LT13", "Yes!") are not judged as duplicates


def _local_time(moment: datetime, draft: Draft) -> str:
    zone = ZoneInfo(draft.event.time_zone) if draft.event is not None else None
    return moment.astimezone(zone).strftime("%H:%M")


class SessionNotIntroduced(Rule):
    code = "CTX006"
    name = "session-not-introduced"
    level = Level.SUGGESTION
    needs = "session"
    summary = "Your first post in this session does not say which session it is."
    docs = Docs(
        what="When a session is on and you have not posted from it yet, checks that this first post says what the session is: its title (or the main part of it).",
        why="Followers who are not in the room meet the session through your first post about it. Without the title and the speaker, every later post of that session is a quote from nowhere.",
        example="Most learning happens in the flow of work, not in courses. #LT13",
        instead="#LT13 #LT13A1 “Learning in the flow of work” — @priyaraman\nMost learning happens in the flow of work, not in courses.",
        fix="Inserts the session's context snippet (tags, title, speakers) at the start of the draft.",
    )
    examples = (
        Example("Most learning happens in the flow of work, not in courses. #LT13 #LT13A1", fires=True),
        Example("Now at #LT13: “Learning in the flow of work” with @priyaraman", fires=False),
        Example("Most learning happens in the flow of work, not in courses. #LT13", fires=False, situation="history"),
        Example("Most learning happens in the flow of work, not in courses. #LT13", fires=False, situation="event"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        session, event = draft.session, draft.event
        if draft.history is None or session is None or event is None or draft.reply_to is not None:
            return
        if draft.history.in_session(draft.platform) is not None or names_title(draft, session):
            return
        # Tags the draft already carries are not repeated in the snippet.
        bare_event = replace(event, hashtags=()) if any(t.casefold() in draft.hashtags_folded for t in event.hashtags) else event
        bare_session = replace(session, tag=None) if session.tag and session.tag.casefold() in draft.hashtags_folded else session
        snippet = session_snippet(bare_event, bare_session, draft.platform, draft.report.length.limit)
        yield self.tip(
            f"Your first post from “{session.title}”: say which session this is, so followers know what the next posts are about.",
            fix=Fix.from_edits("Introduce the session", draft.text, (Edit(0, 0, snippet + "\n"),)),
        )


class ThreadNotContinued(Rule):
    code = "FLW001"
    name = "thread-not-continued"
    level = Level.SUGGESTION
    needs = "session"
    summary = "You already posted in this session and this draft starts a new thread."
    docs = Docs(
        what="When you have already posted in the current session, checks that the next post continues that thread (a reply to your last post from the session) rather than starting a new one.",
        why="One thread per session lets followers read the talk as a story, and lets anyone who finds one post find all the others. Scattered top-level posts drown in people's timelines.",
        example="A second idea from the same talk, posted as a new tweet. #LT13",
        instead="The same idea, posted as a reply to your previous post from the session.",
        fix="“Continue thread”: opens a reply to your last post from the session (the fix carries that post's id and URL as its action; the text is not changed).",
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
            f"You posted {times} from “{draft.session.title}” already: reply to your last post ({_local_time(last.posted_at, draft)}) so the session reads as one thread.",
            fix=Fix(title="Continue thread", edits=(), result=draft.text, action=action),
        )


@lru_cache(maxsize=2048)
def shingles(text: str) -> frozenset[str]:
    """Character trigrams of the words (links and punctuation dropped, case folded)."""
    plain = " ".join(_NOT_WORD.sub(" ", _URL.sub(" ", text.casefold())).split())
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
    summary = "The draft is nearly the same as something you posted a few hours ago."
    docs = Docs(
        what="Compares the draft with your posts on the same platform from the last few hours (words only: links, punctuation and case do not count).",
        why="Posting the same thing twice looks like a bot to followers and to the platform, which may hide both. If the point is worth repeating, say what is new about it.",
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
