"""Length rules: platform-exact counting, and room left for context."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from backchannel.rules.base import Docs, Draft, Edit, Example, Fix, Level, Option, Rule, Tip
from backchannel.rules.ctx import names_session

PLATFORM_NAMES = {"x": "X", "bluesky": "Bluesky", "mastodon": "Mastodon"}

_LONG_DRAFT = (
    "Priya Raman opens with a number: 70% of what people learn at work they learn from colleagues, not courses. "
    "Her point is that learning teams should stop building courses and start supporting the flow of work. "
    "She shows three examples, from a hospital, a bank and a bakery, where a shared FAQ beat a training programme. "
    "#LT13"
)


class OverLength(Rule):
    code = "LEN001"
    name = "over-length"
    level = Level.ERROR
    needs = "nothing"
    summary = "The draft is longer than the platform allows."
    docs = Docs(
        what="Counts the draft exactly as the platform does (X: twitter-text v3 weighted length, links count 23, CJK and emoji count 2; Bluesky: 300 "
             "graphemes; Mastodon: 500 characters, links count 23, a remote mention counts only its local part) and checks it against the limit.",
        why="The platform refuses the post, or you cut it in a hurry and lose the point. Long notes read better as a thread anyway.",
        example="A 350-character summary of the keynote in one post.",
        instead="The same summary as a numbered thread of two posts, each with the event tags.",
        fix="Splits the draft into a numbered thread at sentence or clause boundaries, every part within the limit, the trailing hashtags repeated in each "
            "part.",
    )
    examples = (
        Example(_LONG_DRAFT, fires=True, situation="none"),
        Example("Short and to the point. #LT13", fires=False, situation="none"),
        Example("多" * 141, fires=True, situation="none"),
        Example("多" * 140, fires=False, situation="none"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        length = draft.report.length
        if length.weighted <= length.limit:
            return
        from backchannel.compose.splitter import split_thread  # only for a draft over the limit

        over = length.weighted - length.limit
        parts = split_thread(draft.text, draft.platform, length.limit)
        fix = None
        if parts:
            fix = Fix(
                title=f"Split into a thread of {len(parts)}",
                edits=(Edit(0, len(draft.text), parts[0]),),
                result=parts[0],
                parts=parts,
            )
        yield self.tip(
            f"{length.weighted} characters: {over} over the limit of {length.limit} on {PLATFORM_NAMES.get(draft.platform, draft.platform)}.",
            fix=fix,
        )


class NearLengthLimit(Rule):
    code = "LEN002"
    name = "near-length-limit"
    level = Level.SUGGESTION
    needs = "session"
    summary = "Almost no room left, and the session's tag or context is still missing."
    docs = Docs(
        what="When a session is on and the draft is within a few characters of the limit, checks that the session tag and the speaker or title are already in "
             "it.",
        why="Once the draft is full there is no room to add the context later: a post that is just the quote, without whose talk it was, is the most common "
            "backchannel mistake.",
        example="A 270-character summary of the point, with no session tag.",
        instead="A 240-character summary with #LT13A1 and @priyaraman.",
        fix="None: shorten the draft (or split it) to make room.",
    )
    options = (Option("margin", 20, "How close to the limit (in the platform's characters) counts as near.", minimum=0, maximum=200),)
    examples = (
        Example("Informal learning " * 15 + "#LT13", fires=True),
        Example("Informal learning " * 15 + "#LT13", fires=False, situation="event"),
        Example("Informal learning at work #LT13", fires=False),
        Example("Informal learning " * 14 + "#LT13 #LT13A1 @priyaraman", fires=False),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        session = draft.session
        length = draft.report.length
        if session is None or length.weighted > length.limit:
            return
        left = length.limit - length.weighted
        if left > int(options["margin"]):
            return
        missing: list[str] = []
        if session.tag and session.tag.casefold() not in draft.hashtags_folded:
            missing.append("#" + session.tag)
        if not names_session(draft, session):
            missing.append("the speaker")
        if missing:
            yield self.tip(
                f"Only {left} characters left and no {' or '.join(missing)}: make room for the session's context now.",
            )
