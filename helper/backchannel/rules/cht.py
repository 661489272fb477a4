"""Chat rules: answering in a weekly hashtag chat while it is live.

A chat's moderator posts Q1, Q2…; participants answer "A1 …" with the chat's
hashtag, so the moderator and everyone following the tag can match answers to
questions. These rules read the live chat (``context.ChatInfo``: its hashtag and
the latest question asked) and stay silent when no chat is on.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from backchannel.rules.base import Docs, Draft, Edit, Example, Fix, Level, Rule, Tip
from backchannel.text import weighted_length
from backchannel.text.regexes import LazyPattern

# "A3 …", "A3: …", "A3. …", "A3) …", "A3 - …" at the start (after any mentions of a reply). Compiled on first use:
# a case-blind \w costs milliseconds to compile, and only a draft written while a chat is live needs it.
ANSWER = LazyPattern(r"^\s*(?:[@＠]\w+\s+)*(A\s?(\d{1,2}))(?=[\s:.)\-–—,]|$)", re.I)


def answer_number(text: str) -> tuple[int, tuple[int, int]] | None:
    """The n of a leading "A<n>", with the span of "A<n>"; None when the draft does not start with one."""
    found = ANSWER.get().match(text)
    if found is None:
        return None
    return int(found.group(2)), found.span(1)


def answer_starter(number: int, hashtag: str) -> str:
    """The draft one click starts for the current question: "A3  #chat", the cursor goes after "A3 "."""
    return f"A{number}  #{hashtag}"


class ChatHashtagMissing(Rule):
    code = "CHT001"
    name = "chat-hashtag-missing"
    level = Level.WARNING
    needs = "chat"
    summary = "A chat is live and the draft answers it without the chat's hashtag."
    docs = Docs(
        what="While a weekly chat you follow is live (its weekday and time come round), checks that a draft that answers it (starts with A<n>) or names its "
             "moderator carries the chat's hashtag.",
        why="Chats are read through their hashtag: the moderator, the other participants and the people who find the chat later only see answers that carry "
            "it. An answer without it talks to nobody.",
        example="A2 I read one paper a week, on Fridays",
        instead="A2 I read one paper a week, on Fridays #edchat",
        fix="Appends the chat's hashtag.",
    )
    examples = (
        Example("A2 I read one paper a week, on Fridays", fires=True, situation="chat"),
        Example("A2 I read one paper a week, on Fridays #edchat", fires=False, situation="chat"),
        Example("A2 I read one paper a week, on Fridays", fires=False, situation="none"),
        Example("Lunch was great today", fires=False, situation="chat"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        chat = draft.chat
        if chat is None or chat.hashtag.casefold() in draft.hashtags_folded:
            return
        answers = answer_number(draft.text) is not None
        to_moderator = bool(chat.moderator) and chat.moderator.casefold() in draft.folded  # type: ignore[union-attr]
        if not (answers or to_moderator):
            return
        yield self.tip(
            f"#{chat.hashtag} is live: add its hashtag so the chat sees this answer.",
            fix=Fix.append(f"Add #{chat.hashtag}", draft.text, "#" + chat.hashtag),
        )


class AnswerNumberMismatch(Rule):
    code = "CHT002"
    name = "answer-number-mismatch"
    level = Level.WARNING
    needs = "chat"
    summary = "The answer's A<n> does not match the latest question Q<n>, or runs ahead of it."
    docs = Docs(
        what="While a chat is live, compares a draft's leading A<n> with the latest question the moderator has asked (Q<n>, from the questions published in "
             "advance with their times, pasted in, or seen on the timeline): a number ahead of it, or behind it, gets a tip.",
        why="Participants and the moderator match answers to questions by number. An A3 while Q2 is up lands under the wrong question (or one not asked yet) "
            "and the thread of the chat no longer reads.",
        example="Q2 is up; the draft: A3 I read one paper a week #edchat",
        instead="A2 I read one paper a week #edchat",
        fix="Renumbers the answer to the latest question.",
    )
    examples = (
        Example("A3 I read one paper a week #edchat", fires=True, situation="chat"),
        Example("A1 Mostly blogs #edchat", fires=True, situation="chat"),
        Example("A2 I read one paper a week #edchat", fires=False, situation="chat"),
        Example("I read one paper a week #edchat", fires=False, situation="chat"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        chat = draft.chat
        found = answer_number(draft.text)
        if chat is None or found is None:
            return
        number, span = found
        if chat.question is None:
            yield self.tip(f"A{number}, but #{chat.hashtag} has no question yet: wait for Q1.", span=span)
            return
        if number == chat.question:
            return
        fix = Fix.from_edits(f"Answer Q{chat.question}", draft.text, (Edit(span[0], span[1], f"A{chat.question}"),))
        if number > chat.question:
            message = f"A{number} runs ahead: the latest question is Q{chat.question}."
        else:
            # Answering an earlier question on purpose is fine, but say so: most of the time it is a slip.
            message = f"A{number}, but the latest question is Q{chat.question}: answering an earlier one? Otherwise make it A{chat.question}."
        if chat.question_text:
            message += f" (Q{chat.question}: {chat.question_text})"
        yield self.tip(message, span=span, fix=fix)


class ChatAnswerTooLongWithTag(Rule):
    code = "CHT003"
    name = "chat-answer-too-long-with-tag"
    level = Level.WARNING
    needs = "chat"
    summary = "The answer fits now, but not once the chat's hashtag is added."
    docs = Docs(
        what="While a chat is live, when the draft lacks the chat's hashtag, measures it as it will be with the tag added (the platform's own count): when "
             "that is over the limit, says so before the tag is added.",
        why="In a fast chat the tag goes on last, and then the answer no longer fits: it gets cut in a hurry, or posted without the tag, where the chat never "
            "sees it.",
        example="A 270-character answer without #edchat.",
        instead="The answer cut to leave room for the tag, or split into two posts that each carry it.",
        fix="Splits the answer, tag added, into a thread whose every part carries the tag and fits.",
    )
    examples = (
        Example("A2 " + "reading widely " * 18 + "and", fires=True, situation="chat"),
        Example("A2 " + "reading widely " * 18 + "#edchat", fires=False, situation="chat"),
        Example("A2 reading widely, weekly #edchat", fires=False, situation="chat"),
        Example("A2 " + "reading widely " * 18 + "and", fires=False, situation="none"),
    )

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        chat = draft.chat
        if chat is None or chat.hashtag.casefold() in draft.hashtags_folded:
            return
        length = draft.report.length
        if length.weighted > length.limit:
            return  # over already: LEN001 says so
        tagged = draft.text.rstrip() + " #" + chat.hashtag
        needed = weighted_length(tagged, draft.platform)  # type: ignore[arg-type]
        if needed <= length.limit:
            return
        from backchannel.compose.splitter import split_thread  # only when a live chat's tag does not fit

        parts = split_thread(tagged, draft.platform, length.limit)
        fix = None
        if parts:
            fix = Fix(title=f"Split into {len(parts)}, each with #{chat.hashtag}", edits=(Edit(0, len(draft.text), parts[0]),), result=parts[0], parts=parts)
        yield self.tip(f"With #{chat.hashtag} added this is {needed} characters, {needed - length.limit} over the limit of {length.limit}.", fix=fix)
