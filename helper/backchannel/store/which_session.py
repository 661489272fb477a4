"""The one answer to "which session is this post or draft in".

``check``, ``now`` (and the panel's "Attach session"), recording a post and
placing imported archive posts all ask this, so they can never disagree. In
order of strength:

1. the post's own session tag: a draft tagged ``#31c3Saal1`` is in the Saal 1
   session running then, whatever room is chosen; a session tag for a room
   with nothing on places it nowhere rather than in another room;
2. the room the person chose (``--room``, else the ``active_room`` setting):
   the session running in that room, and none when that room has nothing on;
3. the time: the one session running, when only one is.

With parallel sessions and nothing to tell them apart there is no session:
the coach never guesses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Iterable, Protocol, Sequence, TypeVar


class Running(Protocol):
    """What deciding needs of a session (the store's sessions have it): no import of the store here."""

    @property
    def id(self) -> int: ...
    @property
    def room(self) -> str | None: ...
    @property
    def tag(self) -> str | None: ...


S = TypeVar("S", bound=Running)


@dataclass(frozen=True, slots=True)
class Resolution(Generic[S]):
    session: S | None
    source: str | None  # "tag", "room" or "time"; None when there is no session
    reason: str | None  # why there is none, in words a person understands; None when there is one

    def to_dict(self) -> dict[str, object]:
        return {"session": self.session.id if self.session else None, "source": self.source, "reason": self.reason}


def _fold(value: str) -> str:
    return value.lstrip("#＃").casefold()


def which_session(
    running: Sequence[S],
    *,
    hashtags: Iterable[str] = (),
    room: str | None = None,
    session_tags: Iterable[str] = (),
) -> Resolution[S]:
    """The session among ``running`` (those on at the moment) that the post is in.

    ``hashtags`` are the post's own hashtags; ``session_tags`` every session tag
    the event's programme uses (so a tag for a room with nothing on is still
    recognised as a session tag); ``room`` the room the person chose.
    """
    tags = {_fold(t) for t in hashtags}
    if tags:
        tagged = [s for s in running if s.tag and _fold(s.tag) in tags]
        if len(tagged) == 1:
            return Resolution(tagged[0], "tag", None)
        if len(tagged) > 1:
            return Resolution(None, None, f"The post carries the tags of {len(tagged)} sessions running at once.")
        named = sorted({t for t in (_fold(x) for x in session_tags) if t in tags})
        if named:
            return Resolution(None, None, f"The post is tagged #{named[0]}, but no session with that tag is on then.")
    if room:
        in_room = [s for s in running if (s.room or "").casefold() == room.casefold()]
        if len(in_room) == 1:
            return Resolution(in_room[0], "room", None)
        if not in_room:
            elsewhere = f" ({len(running)} on in other rooms)" if running else ""
            return Resolution(None, None, f"Nothing is on in {room} then{elsewhere}: choose another room, or clear it.")
        return Resolution(None, None, f"{len(in_room)} sessions run in {room} at once: pass the session.")
    if len(running) == 1:
        return Resolution(running[0], "time", None)
    if not running:
        return Resolution(None, None, "No session is on then.")
    return Resolution(None, None, f"{len(running)} sessions run at once: choose your room (--room, or the active_room setting).")
