"""Check a draft where the person is: resolve the situation, then run the checker on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Sequence

from backchannel.checker import CheckResult, check_draft
from backchannel.coach.situation import Situation, find_situation
from backchannel.store import Store
from backchannel.text.model import Platform

if TYPE_CHECKING:
    from backchannel.photos.model import AttachedPhoto


@dataclass(frozen=True, slots=True)
class Checked:
    result: CheckResult
    situation: Situation

    def to_dict(self) -> dict[str, Any]:
        """The check's answer, with the event and session it was checked against (the API's JSON)."""
        payload = self.result.to_dict()
        payload["event"] = self.situation.event.slug if self.situation.event else None
        payload["session"] = self.situation.session.id if self.situation.session else None
        chat = self.situation.chat
        if chat is not None:  # only while a chat is live: the answer to the check says which, and its question
            payload["chat"] = {"slug": chat.slug, "hashtag": chat.hashtag, "question": chat.question, "question_text": chat.question_text}
        return payload


def check(
    store: Store,
    text: str,
    *,
    platform: Platform = "x",
    event: str | None = None,
    session: int | None = None,
    at: datetime | str | None = None,
    room: str | None = None,
    reply_to: str | None = None,
    photos: Sequence[AttachedPhoto] = (),
    chat: str | None = None,
) -> Checked:
    where = find_situation(store, event=event, session=session, at=at, room=room, text=text, chat=chat)
    result = check_draft(text, platform=platform, reply_to=reply_to, photos=photos, **where.check_context())
    return Checked(result, where)
