"""Flow rules: help remote followers follow the session."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from backchannel.rules.base import Docs, Draft, Example, Level, Option, Rule, Tip


class HashtagOverload(Rule):
    code = "FLW003"
    name = "hashtag-overload"
    level = Level.SUGGESTION
    needs = "nothing"
    summary = "More hashtags than a reader will put up with."
    docs = Docs(
        what="Counts the hashtags in the draft, the event and session tags included.",
        why="A post that is mostly hashtags reads as spam, and on X it is shown to fewer people. The event tag and the session tag are all a conference post needs.",
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
