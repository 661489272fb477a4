"""Weekly chats: what is live, questions as they arrive, and one's answers grouped by question.

A person asks: which chat is on and what is the current question (with the draft
one click starts for it), "here is the moderator's Q3" (pasted in, or seen on the
timeline by the extension), and afterwards "show me my answers, by question".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from backchannel.errors import InvalidInput
from backchannel.review.export import md_text
from backchannel.rules.cht import answer_number, answer_starter
from backchannel.store import Store
from backchannel.store.chats import Chat, ChatPost, Question, chat_posts
from backchannel.timeutil import now_utc, to_store


def live(store: Store, at: datetime | None = None) -> list[dict[str, Any]]:
    """The chats on at ``at`` (now): each with its run's questions, the latest one asked and the draft that answers it."""
    moment = at or now_utc()
    out = []
    for chat, day in store.chats.live_at(moment):
        questions = store.chats.questions(chat.slug, day)
        asked = [q for q in questions if q.asked_at <= moment]
        latest = max(asked, key=lambda q: q.number) if asked else None
        found = chat.occurrence_at(moment)
        assert found is not None
        out.append({
            "chat": chat.to_dict(),
            "occurrence": day.isoformat(),
            "starts_at": to_store(found[1]),
            "ends_at": to_store(found[2]),
            "questions": [q.to_dict() for q in asked],
            "question": latest.to_dict() if latest else None,
            "starter": answer_starter(latest.number, chat.hashtag) if latest else None,
        })
    return out


def add_question(
    store: Store, slug: str, text: str, *, at: datetime | None = None, number: int | None = None, on: date | None = None,
    source: str = "pasted", remote_id: str | None = None, author: str | None = None,
) -> Question:
    """Add a question to the run on at ``at`` (now), or to the run on ``on`` for one published in advance
    (then ``at`` is when it will be asked). A question seen on the timeline is taken only from the moderator."""
    chat = store.chats.get_chat(slug)
    if author is not None and chat.moderator and author.lstrip("@").casefold() != chat.moderator.lstrip("@").casefold():
        raise InvalidInput(f"That post is by {author}, not by #{chat.hashtag}'s moderator {chat.moderator}.", details={"field": "author"})
    return store.chats.add_question(slug, text, at=at or now_utc(), number=number, occurrence=on, source=source, remote_id=remote_id)


@dataclass(frozen=True, slots=True)
class QuestionAnswers:
    number: int | None  # None: posts of the run that answer no numbered question
    question: str | None
    answers: tuple[ChatPost, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number, "question": self.question,
            "answers": [{"id": p.id, "text": p.text, "posted_at": to_store(p.posted_at), "url": p.url} for p in self.answers],
        }


@dataclass(frozen=True, slots=True)
class Run:
    occurrence: str  # local date
    by_question: tuple[QuestionAnswers, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"occurrence": self.occurrence, "questions": [q.to_dict() for q in self.by_question]}


def answers_by_question(store: Store, slug: str, *, weeks: int = 12, at: datetime | None = None) -> tuple[Chat, list[Run]]:
    """One's posts in each run of the chat over the last ``weeks`` (the runs with posts or questions), newest run
    first, grouped by the question they answer (their A<n>), in question order."""
    chat = store.chats.get_chat(slug)
    moment = at or now_utc()
    known = store.chats.occurrences(slug)
    runs: list[Run] = []
    start = chat.next_start(moment - timedelta(days=7 * weeks))
    while start <= moment:
        day = start.date()
        end = start + timedelta(minutes=chat.minutes)
        # Answers come in for a while after the moderator's last question: an hour's grace.
        posts = chat_posts(store.db, chat.hashtag, start, end + timedelta(hours=1))
        questions = {q.number: q for q in known.get(day.isoformat(), [])}
        if posts or questions:
            groups: dict[int | None, list[ChatPost]] = {}
            for post in posts:
                found = answer_number(post.text)
                groups.setdefault(found[0] if found else None, []).append(post)
            numbers = sorted(set(questions) | {n for n in groups if n is not None})
            by_question = [QuestionAnswers(n, questions[n].text if n in questions else None, tuple(groups.get(n, ()))) for n in numbers]
            if None in groups:
                by_question.append(QuestionAnswers(None, None, tuple(groups[None])))
            runs.append(Run(day.isoformat(), tuple(by_question)))
        start = chat.next_start(start + timedelta(minutes=1))
    runs.reverse()
    return chat, runs


def answers_markdown(chat: Chat, runs: list[Run]) -> str:
    """The export: each run, its questions in order, one's answers under each (their text escaped, so a post
    renders as the text it is, never as markup or a link)."""
    lines = [f"# \\#{chat.hashtag}: my answers", ""]
    for run in runs:
        lines += [f"## {run.occurrence}", ""]
        for group in run.by_question:
            heading = f"Q{group.number}" + (f": {md_text(group.question)}" if group.question else "") if group.number is not None else "Other posts"
            lines += [f"### {heading}", ""]
            if not group.answers:
                lines.append("(no answer)")
            for post in group.answers:
                link = f" ([post](<{post.url}>))" if post.url and post.url.startswith("https://") else ""
                lines.append(f"- {md_text(' '.join(post.text.split()))}{link}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
