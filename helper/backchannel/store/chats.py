"""Weekly hashtag chats and their questions: validation and queries.

A chat recurs every week on one weekday at a local time; each run of it (an
"occurrence", named by its local date) has its own questions Q1, Q2… A question
is asked at a moment (``asked_at``): published in advance with its time, or
added when it appears. The latest question asked by a moment is the one answers
then refer to.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from backchannel.context import ChatInfo
from backchannel.errors import Conflict, InvalidInput, NotFound
from backchannel.store.db import Database, utc_now
from backchannel.store.session_tags import normalise_hashtag
from backchannel.timeutil import from_store, to_store, zone

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_HANDLE = re.compile(r"^@?([A-Za-z0-9_]{1,15})$")
# "Q3 …", "Q3: …", "Q3. …", "Q3) …", "Q3 - …" at the start of a moderator's post (after any mentions).
QUESTION = re.compile(r"^\s*(?:@\w+\s+)*Q\s?(\d{1,2})\s*[:.)\-–—]?\s+(.+)$", re.S | re.I)


@dataclass(frozen=True, slots=True)
class Question:
    number: int
    text: str
    asked_at: datetime
    source: str
    remote_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text, "asked_at": to_store(self.asked_at), "source": self.source, "remote_id": self.remote_id}


@dataclass(frozen=True, slots=True)
class Chat:
    id: int
    slug: str
    name: str
    hashtag: str
    weekday: int
    starts: str  # local HH:MM
    minutes: int
    time_zone: str
    moderator: str | None

    def occurrence_at(self, at: datetime) -> tuple[date, datetime, datetime] | None:
        """(local date, start, end) of the run of the chat that is on at ``at``, None when none is."""
        local = at.astimezone(zone(self.time_zone))
        hour, minute = (int(x) for x in self.starts.split(":"))
        for day in (local.date(), local.date() - timedelta(days=1)):  # a late chat runs past midnight
            if day.weekday() != self.weekday:
                continue
            start = datetime.combine(day, time(hour, minute), zone(self.time_zone))
            end = start + timedelta(minutes=self.minutes)
            if start <= at < end:
                return day, start, end
        return None

    def next_start(self, at: datetime) -> datetime:
        """When the chat next starts, at or after ``at``."""
        local = at.astimezone(zone(self.time_zone))
        hour, minute = (int(x) for x in self.starts.split(":"))
        for ahead in range(8):
            day = local.date() + timedelta(days=ahead)
            start = datetime.combine(day, time(hour, minute), zone(self.time_zone))
            if day.weekday() == self.weekday and start >= at:
                return start
        raise AssertionError("a weekday comes round within eight days")

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug, "name": self.name, "hashtag": self.hashtag, "weekday": WEEKDAYS[self.weekday], "starts": self.starts,
            "minutes": self.minutes, "time_zone": self.time_zone, "moderator": self.moderator,
        }


def validate_chat(
    *, slug: str, name: str | None, hashtag: str, weekday: str | int, starts: str, minutes: int, time_zone: str, moderator: str | None
) -> dict[str, Any]:
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise InvalidInput(f"Chat id {slug!r} is not valid: use lowercase letters, digits and dashes, e.g. edchat.", details={"field": "slug"})
    tag = normalise_hashtag(hashtag, field_name="hashtag")
    if isinstance(weekday, str):
        key = weekday.strip().casefold()
        matches = [i for i, day in enumerate(WEEKDAYS) if key and day.startswith(key[:3]) and len(key) >= 3]
        if not matches:
            raise InvalidInput(f"{weekday!r} is not a weekday: use monday … sunday (or mon … sun).", details={"field": "weekday"})
        day = matches[0]
    elif isinstance(weekday, int) and not isinstance(weekday, bool) and 0 <= weekday <= 6:
        day = weekday
    else:
        raise InvalidInput("weekday takes monday … sunday.", details={"field": "weekday"})
    clock = _CLOCK.match(starts.strip()) if isinstance(starts, str) else None
    if clock is None:
        raise InvalidInput(f"The start time {starts!r} must be a local clock time such as 20:00.", details={"field": "starts"})
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 5 <= minutes <= 600:
        raise InvalidInput("A chat lasts between 5 and 600 minutes.", details={"field": "minutes"})
    zone(time_zone)
    handle = None
    if moderator:
        found = _HANDLE.match(moderator.strip())
        if found is None:
            raise InvalidInput(f"The moderator {moderator!r} is not an X handle such as @edchatmod.", details={"field": "moderator"})
        handle = "@" + found.group(1)
    return {
        "slug": slug, "name": (name or "").strip() or "#" + tag, "hashtag": tag, "weekday": day,
        "starts": f"{int(clock.group(1)):02d}:{clock.group(2)}", "minutes": minutes, "time_zone": time_zone, "moderator": handle,
    }


def parse_question(text: str) -> tuple[int, str] | None:
    """(number, question) from a post such as "Q3: What do you read? #edchat"; None when it is not a question post."""
    found = QUESTION.match(text or "")
    if found is None or not 1 <= int(found.group(1)) <= 99:
        return None
    return int(found.group(1)), " ".join(found.group(2).split())


class ChatStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add_chat(self, **fields: Any) -> Chat:
        values = validate_chat(**fields)
        try:
            with self.db.write() as conn:
                conn.execute(
                    "INSERT INTO chats (slug, name, hashtag, weekday, starts, minutes, time_zone, moderator, created_at)"
                    " VALUES (:slug, :name, :hashtag, :weekday, :starts, :minutes, :time_zone, :moderator, :created_at)",
                    {**values, "created_at": utc_now()},
                )
        except sqlite3.IntegrityError:
            raise Conflict(f"There is a chat {values['slug']!r} already.", details={"slug": values["slug"]}) from None
        return self.get_chat(values["slug"])

    def remove_chat(self, slug: str) -> Chat:
        chat = self.get_chat(slug)
        with self.db.write() as conn:
            conn.execute("DELETE FROM chats WHERE id = ?", (chat.id,))
        return chat

    def get_chat(self, slug: str) -> Chat:
        row = self.db.conn.execute("SELECT * FROM chats WHERE slug = ?", (slug,)).fetchone()
        if row is None:
            raise NotFound(f"There is no chat {slug!r}. `backchannel chat list` shows the chats you have.", details={"chat": slug})
        return _chat(row)

    def list_chats(self) -> list[Chat]:
        return [_chat(row) for row in self.db.conn.execute("SELECT * FROM chats ORDER BY weekday, starts, slug")]

    def live_at(self, at: datetime) -> list[tuple[Chat, date]]:
        """The chats on at ``at``, each with the local date of its run."""
        out = []
        for chat in self.list_chats():
            found = chat.occurrence_at(at)
            if found is not None:
                out.append((chat, found[0]))
        return out

    def add_question(
        self, slug: str, text: str, *, at: datetime, number: int | None = None, occurrence: date | None = None,
        source: str = "pasted", remote_id: str | None = None,
    ) -> Question:
        """Add (or replace) question ``number`` of the run on ``occurrence`` (default: the run on at ``at``),
        asked at ``at``. Without ``number`` the text must start "Q<n>"."""
        chat = self.get_chat(slug)
        body = " ".join((text or "").split())
        if number is None:
            parsed = parse_question(body)
            if parsed is None:
                raise InvalidInput("A question starts with its number, e.g. “Q3: What do you read?”.", details={"field": "text"})
            number, body = parsed
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 99:
            raise InvalidInput("A question's number is between 1 and 99.", details={"field": "number"})
        if not body:
            raise InvalidInput("The question is empty.", details={"field": "text"})
        if len(body) > 1000:
            raise InvalidInput("A question is at most 1000 characters.", details={"field": "text"})
        if occurrence is None:
            found = chat.occurrence_at(at)
            if found is None:
                raise InvalidInput(
                    f"#{chat.hashtag} is not on at that time: give the chat's date for a question published in advance.",
                    details={"field": "date"},
                )
            occurrence = found[0]
        elif occurrence.weekday() != chat.weekday:
            raise InvalidInput(f"#{chat.hashtag} runs on {WEEKDAYS[chat.weekday].title()}s, and {occurrence.isoformat()} is a "
                               f"{WEEKDAYS[occurrence.weekday()].title()}.", details={"field": "date"})
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO chat_questions (chat_id, occurrence, number, text, asked_at, source, remote_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (chat_id, occurrence, number) DO UPDATE SET text = excluded.text, asked_at = min(asked_at, excluded.asked_at),"
                " source = excluded.source, remote_id = coalesce(excluded.remote_id, remote_id)",
                (chat.id, occurrence.isoformat(), number, body, to_store(at), source, remote_id),
            )
        return next(q for q in self.questions(slug, occurrence) if q.number == number)

    def questions(self, slug: str, occurrence: date) -> list[Question]:
        chat = self.get_chat(slug)
        rows = self.db.conn.execute(
            "SELECT number, text, asked_at, source, remote_id FROM chat_questions WHERE chat_id = ? AND occurrence = ? ORDER BY number",
            (chat.id, occurrence.isoformat()),
        ).fetchall()
        return [Question(r["number"], r["text"], from_store(r["asked_at"]), r["source"], r["remote_id"]) for r in rows]

    def occurrences(self, slug: str) -> dict[str, list[Question]]:
        """Every run of the chat that has questions: local date -> its questions."""
        chat = self.get_chat(slug)
        rows = self.db.conn.execute(
            "SELECT occurrence, number, text, asked_at, source, remote_id FROM chat_questions WHERE chat_id = ? ORDER BY occurrence, number",
            (chat.id,),
        ).fetchall()
        out: dict[str, list[Question]] = {}
        for r in rows:
            out.setdefault(r["occurrence"], []).append(Question(r["number"], r["text"], from_store(r["asked_at"]), r["source"], r["remote_id"]))
        return out

    def info_at(self, at: datetime, *, slug: str | None = None, hashtags: frozenset[str] = frozenset()) -> ChatInfo | None:
        """The chat on at ``at`` as the rules see it: the one named, else the live one whose hashtag the draft
        carries, else the only live one (several live and none named: None, the rules never guess)."""
        if slug is not None:
            chat = self.get_chat(slug)
            found = chat.occurrence_at(at)
            if found is None:
                return None
            live = [(chat, found[0])]
        else:
            live = self.live_at(at)
            tagged = [(c, d) for c, d in live if c.hashtag.casefold() in hashtags]
            live = tagged or live
            if len(live) != 1:
                return None
        chat, day = live[0]
        asked = [q for q in self.questions(chat.slug, day) if q.asked_at <= at]
        latest = max(asked, key=lambda q: q.number) if asked else None
        return ChatInfo(
            slug=chat.slug, hashtag=chat.hashtag, moderator=chat.moderator,
            question=latest.number if latest else None, question_text=latest.text if latest else None,
        )


@dataclass(frozen=True, slots=True)
class ChatPost:
    id: int
    text: str
    posted_at: datetime
    url: str | None


def chat_posts(db: Database, hashtag: str, start: datetime, end: datetime) -> list[ChatPost]:
    """The user's own posts (not reposts) between ``start`` and ``end`` that carry ``#hashtag``, oldest first."""
    rows = db.conn.execute(
        "SELECT id, text, posted_at, url FROM posts WHERE posted_at >= ? AND posted_at <= ? AND is_retweet = 0"
        " AND text LIKE ? ESCAPE '\\' ORDER BY posted_at, id",
        (to_store(start), to_store(end), "%#" + hashtag.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"),
    ).fetchall()
    tag = re.compile(rf"[#＃]{re.escape(hashtag)}(?!\w)", re.I)
    return [ChatPost(r["id"], r["text"], from_store(r["posted_at"]), r["url"]) for r in rows if tag.search(r["text"])]


def _chat(row: sqlite3.Row) -> Chat:
    return Chat(
        id=row["id"], slug=row["slug"], name=row["name"], hashtag=row["hashtag"], weekday=row["weekday"], starts=row["starts"],
        minutes=row["minutes"], time_zone=row["time_zone"], moderator=row["moderator"],
    )
