"""The vocabulary of rules: levels, options, docs, examples, fixes and tips.

A rule is one small unit (see ``backchannel.rules.registry``): a stable code,
a name that describes the problem, a level, user docs with fixed sections, a
few examples that the tests run, named options with defaults, and a ``check``
that yields tips. Everything here is a plain dataclass so that the CLI can
import rules without paying for pydantic.

None of them is frozen: they are written once (the rules declare their docs,
options and examples as class attributes; a tip is built and handed on) and
never used as keys, while ``frozen=True`` costs each class about 0.4 ms more
to create, paid by every `backchannel check` when the rules are imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterator, Literal, Mapping, Sequence

from backchannel.context import ChatInfo, EventInfo, History, SessionInfo
from backchannel.text import TextReport
from backchannel.text.model import Platform

if TYPE_CHECKING:
    from backchannel.photos.model import AttachedPhoto


class Level(str, Enum):
    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"


Needs = Literal["nothing", "event", "session", "chat", "photo"]


@dataclass(slots=True)
class Option:
    """A named threshold a user may tune; the help text is its documentation."""

    name: str
    default: int | float | bool
    help: str
    minimum: int | float | None = None
    maximum: int | float | None = None

    def parse(self, value: Any) -> int | float | bool:
        """Validate a user-supplied value; raises ValueError with a readable reason."""
        kind = type(self.default)
        if kind is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in {"true", "false", "on", "off", "yes", "no", "1", "0"}:
                return value.lower() in {"true", "on", "yes", "1"}
            raise ValueError(f"{self.name} takes true or false, not {value!r}")
        if isinstance(value, bool):
            raise ValueError(f"{self.name} takes a number, not {value!r}")
        try:
            number = kind(value) if not isinstance(value, str) else kind(value.strip())
        except (TypeError, ValueError):
            raise ValueError(f"{self.name} takes a {'whole number' if kind is int else 'number'}, not {value!r}") from None
        if kind is int and isinstance(value, float) and not value.is_integer():
            raise ValueError(f"{self.name} takes a whole number, not {value!r}")
        if self.minimum is not None and number < self.minimum:
            raise ValueError(f"{self.name} must be at least {self.minimum} (got {number})")
        if self.maximum is not None and number > self.maximum:
            raise ValueError(f"{self.name} must be at most {self.maximum} (got {number})")
        return number


@dataclass(slots=True)
class Docs:
    """User documentation, in the sections every rule page has."""

    what: str
    why: str
    example: str
    instead: str
    fix: str


@dataclass(slots=True)
class Example:
    """A draft and whether the rule fires on it, in a given situation.

    ``situation`` picks the context the tests build from
    ``backchannel.rules.examples``: no event, the example event, or the
    example event with its current session.
    """

    text: str
    fires: bool
    # "do-not-post" and the ones after it are the guide rules' situations (see rules/examples.py)
    situation: Literal[
        "none", "event", "session", "history", "do-not-post", "policy", "quotes", "history-empty", "burst", "ended", "ended-closed", "chat"
    ] = "session"
    platform: Platform = "x"


@dataclass(slots=True)
class Edit:
    """Replace ``text[start:end]`` (code point indices) with ``insert``."""

    start: int
    end: int
    insert: str


@dataclass(slots=True)
class Fix:
    """A one-click fix: the edits, and the whole draft after applying them.

    ``parts`` is set when the fix turns the draft into a thread. ``action``
    is set when the fix is something to do rather than text to change (e.g.
    ``{"type": "reply", "remote_id": …}``: open a reply to that post).
    """

    title: str
    edits: tuple[Edit, ...]
    result: str
    parts: tuple[str, ...] | None = None
    action: Mapping[str, Any] | None = None

    @classmethod
    def from_edits(cls, title: str, text: str, edits: tuple[Edit, ...]) -> "Fix":
        result = text
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            result = result[: edit.start] + edit.insert + result[edit.end :]
        return cls(title=title, edits=edits, result=result)

    @classmethod
    def append(cls, title: str, text: str, addition: str) -> "Fix":
        """Append ``addition`` after the draft, separated by one space."""
        stripped = text.rstrip()
        sep = "" if not stripped else " "
        return cls.from_edits(title, text, (Edit(len(stripped), len(text), sep + addition),))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "title": self.title,
            "edits": [{"start": e.start, "end": e.end, "insert": e.insert} for e in self.edits],
            "result": self.result,
        }
        if self.parts is not None:
            out["parts"] = list(self.parts)
        if self.action is not None:
            out["action"] = dict(self.action)
        return out


@dataclass(slots=True)
class Tip:
    code: str
    name: str
    level: Level
    message: str
    span: tuple[int, int] | None = None
    fix: Fix | None = None
    more_fixes: tuple[Fix, ...] = ()  # other one-click fixes besides ``fix`` (e.g. the slides link besides the programme page)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "level": self.level.value,
            "message": self.message,
            "span": None if self.span is None else {"start": self.span[0], "end": self.span[1]},
            "fix": None if self.fix is None else self.fix.to_dict(),
        }
        if self.more_fixes:
            out["more_fixes"] = [f.to_dict() for f in self.more_fixes]
        return out


@dataclass(slots=True)
class Draft:
    """A draft with everything measured once, shared by all rules.

    Not frozen: one is built for every check, and a frozen dataclass pays for each
    field it sets (see ``backchannel.text.model``). Rules only read it."""

    text: str
    platform: Platform
    report: TextReport
    event: EventInfo | None = None
    session: SessionInfo | None = None
    hashtags_folded: frozenset[str] = field(default=frozenset())
    folded: str = ""  # the text, casefolded once for every rule that compares names
    history: History | None = None  # the user's past posts; None when unknown (history rules stay silent)
    reply_to: str | None = None  # the post this draft replies to, when it is a reply
    chat: ChatInfo | None = None  # the weekly chat on now, None when none is (the chat rules stay silent)
    photos: "Sequence[AttachedPhoto]" = ()  # the attached photos (the photo rules judge them; a text rule about photos, GDE002, names them)


class Rule:
    """Base of every rule. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    level: ClassVar[Level]
    summary: ClassVar[str]
    needs: ClassVar[Needs] = "nothing"
    reads_history: ClassVar[bool] = False  # True: runs only when the user's history is known (Draft.history)
    recent_hours_option: ClassVar[str | None] = None  # the option saying how many hours of recent posts it reads
    recent_minutes_option: ClassVar[str | None] = None  # the same, for a rule that reads minutes of recent posts
    recent_hours: ClassVar[float | None] = None  # the same, for a rule that always reads this many hours (no option)
    about_photos: ClassVar[bool] = False  # True: a text rule about the attached photos, run even when the text is empty
    docs: ClassVar[Docs]
    options: ClassVar[tuple[Option, ...]] = ()
    examples: ClassVar[tuple[Example, ...]] = ()

    def check(self, draft: Draft, options: Mapping[str, Any]) -> Iterator[Tip]:
        raise NotImplementedError

    def tip(self, message: str, *, span: tuple[int, int] | None = None, fix: Fix | None = None, more_fixes: tuple[Fix, ...] = ()) -> Tip:
        return Tip(self.code, self.name, self.level, message, span, fix, more_fixes)

    def option(self, name: str) -> Option:
        for option in self.options:
            if option.name == name:
                return option
        raise KeyError(name)


RuleFactory = Callable[[], Rule]
