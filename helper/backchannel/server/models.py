"""Wire types: the JSON bodies the HTTP API accepts, validated by pydantic.

Only the server imports this module; the core works on plain dataclasses.
Unknown fields are refused so that a typo ("platfrom") is an error, not a
silently ignored option.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, RootModel

from backchannel.text.model import Platform

MAX_DRAFT_CHARS = 25_000

SQL_INT_MIN, SQL_INT_MAX = -(2**63), 2**63 - 1
# A number that names a row (a session id): SQLite integers are 64-bit, and a larger one
# cannot even be looked up (the driver raises OverflowError), so it is refused here.
RowId = Annotated[int, Field(ge=SQL_INT_MIN, le=SQL_INT_MAX)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=MAX_DRAFT_CHARS)


class MediaRef(Strict):
    """A photo attached to the draft: the id POST /v1/photos gave it, and its description if the site shows it."""

    id: str = Field(pattern=r"^[0-9a-f]{64}$")
    alt: str | None = Field(default=None, max_length=5_000)  # null: unknown (no alt-text tip); "": known to be empty


class CheckRequest(Strict):
    text: str
    platform: Platform = "x"
    event: str | None = Field(default=None, max_length=64)
    session: RowId | None = None
    at: str | None = Field(default=None, max_length=64)
    room: str | None = Field(default=None, max_length=200)
    reply_to: str | None = Field(default=None, max_length=300)  # the post this draft replies to (id or URL), when it is a reply
    media: list[MediaRef] = Field(default_factory=list, max_length=4)  # X takes up to four photos
    chat: str | None = Field(default=None, max_length=64)  # the weekly chat to check against (default: the one live)


class ChatCreate(Strict):
    slug: str = Field(max_length=64)
    name: str | None = Field(default=None, max_length=300)
    hashtag: str = Field(max_length=101)
    weekday: str | int
    starts: str = Field(max_length=5)
    minutes: int = 60
    time_zone: str = Field(max_length=64)
    moderator: str | None = Field(default=None, max_length=16)


class QuestionIn(Strict):
    """A chat question: as the moderator wrote it ("Q3: …"), or with its number given apart."""

    text: str = Field(min_length=1, max_length=2_000)
    number: int | None = Field(default=None, ge=1, le=99)
    at: str | None = Field(default=None, max_length=64)  # when it is asked (default: now)
    on: str | None = Field(default=None, max_length=10)  # the chat's date, for a question published in advance
    source: Literal["advance", "pasted", "timeline"] = "pasted"
    remote_id: str | None = Field(default=None, max_length=30, pattern=r"^\d+$")  # the moderator's post, seen on the timeline
    author: str | None = Field(default=None, max_length=16)  # who posted it, when seen on the timeline


class SpeakerIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    handles: dict[Platform, str] = Field(default_factory=dict)


class EventCreate(Strict):
    slug: str = Field(max_length=64)
    name: str = Field(min_length=1, max_length=300)
    time_zone: str = Field(default="UTC", max_length=64)
    hashtag: str | None = Field(default=None, max_length=101)
    aliases: list[str] = Field(default_factory=list, max_length=20)
    session_tag_pattern: str | None = Field(default=None, max_length=100)
    starts_on: str | None = Field(default=None, max_length=10)
    ends_on: str | None = Field(default=None, max_length=10)


class EventPatch(Strict):
    slug: str | None = Field(default=None, max_length=64)
    name: str | None = Field(default=None, min_length=1, max_length=300)
    time_zone: str | None = Field(default=None, max_length=64)
    hashtag: str | None = Field(default=None, max_length=101)
    aliases: list[str] | None = Field(default=None, max_length=20)
    session_tag_pattern: str | None = Field(default=None, max_length=100)
    starts_on: str | None = Field(default=None, max_length=10)
    ends_on: str | None = Field(default=None, max_length=10)
    posting_policy: str | None = Field(default=None, max_length=300)


class SessionCreate(Strict):
    title: str = Field(min_length=1, max_length=500)
    start: str = Field(max_length=64)
    end: str = Field(max_length=64)
    room: str | None = Field(default=None, max_length=200)
    track: str | None = Field(default=None, max_length=200)
    code: str | None = Field(default=None, max_length=100)
    tag: str | None = Field(default=None, max_length=101)
    speakers: list[SpeakerIn] = Field(default_factory=list, max_length=50)
    url: str | None = Field(default=None, max_length=2000)
    abstract: str | None = Field(default=None, max_length=20_000)


class SessionPatch(Strict):
    """The fields to change; a field sent as null is cleared (title, start and end cannot be)."""

    title: str | None = Field(default=None, min_length=1, max_length=500)
    start: str | None = Field(default=None, max_length=64)
    end: str | None = Field(default=None, max_length=64)
    room: str | None = Field(default=None, max_length=200)
    track: str | None = Field(default=None, max_length=200)
    code: str | None = Field(default=None, max_length=100)
    tag: str | None = Field(default=None, max_length=101)
    speakers: list[SpeakerIn] | None = Field(default=None, max_length=50)
    url: str | None = Field(default=None, max_length=2000)
    abstract: str | None = Field(default=None, max_length=20_000)
    do_not_post: str | None = Field(default=None, max_length=300)


class SettingsUpdate(RootModel[dict[str, Any]]):
    """A map of setting name -> new value (``null`` resets it to the default)."""


class SpeakerPatch(Strict):
    """Handles to set by hand (kept across re-imports); ``null`` or "" clears one."""

    handles: dict[Platform, str | None] = Field(max_length=3)


class PostMediaIn(Strict):
    """A photo attached to a recorded post, as the photo checks saw it."""

    sha256: str | None = Field(default=None, pattern=r"^[0-9a-fA-F]{64}$")
    width: int | None = Field(default=None, ge=1, le=100_000)
    height: int | None = Field(default=None, ge=1, le=100_000)
    measurements: dict[str, Any] | None = None
    alt_text: str | None = Field(default=None, max_length=5_000)
    slide_text: str | None = Field(default=None, max_length=20_000)  # the text the helper read on it, for the history search


class PostTipIn(BaseModel):
    """A tip as /v1/check returned it; fields a newer helper adds are kept as sent."""

    model_config = ConfigDict(extra="allow", str_max_length=MAX_DRAFT_CHARS)

    code: str = Field(pattern=r"^[A-Z]{3}\d{3}$")
    level: Literal["suggestion", "warning", "error"]
    message: str = Field(max_length=2_000)


class PostRecord(Strict):
    """A post the extension saw go out (POST /v1/posts); idempotent on ``client_id``."""

    client_id: UUID
    platform: Platform
    text: str = Field(max_length=MAX_DRAFT_CHARS)
    posted_at: str = Field(max_length=64)
    event: str | None = Field(default=None, max_length=64)
    session: RowId | None = None
    remote_id: str | None = Field(default=None, min_length=1, max_length=300, pattern=r"^[^\s]+$")
    url: str | None = Field(default=None, max_length=2_000, pattern=r"^https?://[^\s]+$")
    reply_to_remote_id: str | None = Field(default=None, min_length=1, max_length=300, pattern=r"^[^\s]+$")
    thread_of_client_id: UUID | None = None
    media: list[PostMediaIn] = Field(default_factory=list, max_length=10)
    tips: list[PostTipIn] = Field(default_factory=list, max_length=100)
    # X holds a scheduled post until then (posted_at is that time too); it has no id or URL yet.
    scheduled_for: str | None = Field(default=None, max_length=64)
    quoted_url: str | None = Field(default=None, max_length=2_000, pattern=r"^https://[^\s]+$")
    edit_of_remote_id: str | None = Field(default=None, min_length=1, max_length=300, pattern=r"^[^\s]+$")
