"""The history's plain data: a post as recorded or imported, and as stored.

Everything here is a frozen dataclass so the rules, the CLI and the review
page can use it without pydantic; the HTTP layer validates into these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping

from backchannel.text.model import Platform
from backchannel.timeutil import to_store


@dataclass(frozen=True, slots=True)
class MediaIn:
    """A photo (or video) attached to a post, as the extension or an archive describes it."""

    kind: str = "photo"
    sha256: str | None = None
    width: int | None = None
    height: int | None = None
    remote_id: str | None = None
    remote_url: str | None = None
    file: str | None = None  # name in the media folder, once the bytes are kept there
    original_name: str | None = None
    measurements: Mapping[str, Any] | None = None
    alt_text: str | None = None
    slide_text: str | None = None  # the text read on the photo (None: not read), stored in store/slides.py


@dataclass(frozen=True, slots=True)
class PostIn:
    """A post to record, from the extension (``client_id``) or an archive (``remote_id``)."""

    platform: Platform
    text: str
    posted_at: datetime
    source: str = "extension"
    client_id: str | None = None
    remote_id: str | None = None
    url: str | None = None
    event: str | None = None
    session: int | None = None
    reply_to_remote_id: str | None = None
    reply_to_user: str | None = None
    thread_of_client_id: str | None = None
    is_retweet: bool = False
    lang: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    hashtags: tuple[str, ...] = ()
    entities: Mapping[str, Any] = field(default_factory=dict)
    media: tuple[MediaIn, ...] = ()
    tips: tuple[Mapping[str, Any], ...] = ()
    scheduled_for: datetime | None = None  # X holds the post until then
    quoted_url: str | None = None
    edit_of_remote_id: str | None = None  # the post this one edits (X gives the edit a new id)


@dataclass(frozen=True, slots=True)
class Media:
    id: int
    position: int
    kind: str
    sha256: str | None
    width: int | None
    height: int | None
    remote_url: str | None
    file: str | None
    original_name: str | None
    measurements: Mapping[str, Any] | None
    alt_text: str | None

    @property
    def available(self) -> bool:
        """Whether the helper holds the bytes and can show the photo."""
        return self.file is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "sha256": self.sha256,
            "width": self.width,
            "height": self.height,
            "remote_url": self.remote_url,
            "available": self.available,
            "measurements": dict(self.measurements) if self.measurements is not None else None,
            "alt_text": self.alt_text,
        }


@dataclass(frozen=True, slots=True)
class PostEdit:
    """A version of a post that an edit replaced."""

    text: str
    remote_id: str | None
    url: str | None
    replaced_at: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "remote_id": self.remote_id, "url": self.url, "replaced_at": self.replaced_at}


@dataclass(frozen=True, slots=True)
class Post:
    id: int
    client_id: str | None
    source: str
    platform: Platform
    remote_id: str | None
    url: str | None
    text: str
    posted_at: datetime
    event: str | None
    session_id: int | None
    reply_to_remote_id: str | None
    reply_to_user: str | None
    thread_of_client_id: str | None
    parent_id: int | None
    thread_id: int | None
    is_retweet: bool
    lang: str | None
    latitude: float | None
    longitude: float | None
    entities: Mapping[str, Any]
    tips: tuple[Mapping[str, Any], ...]
    recorded_at: str
    media: tuple[Media, ...] = ()
    scheduled_for: datetime | None = None
    quoted_url: str | None = None
    edits: tuple[PostEdit, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "client_id": self.client_id,
            "source": self.source,
            "platform": self.platform,
            "remote_id": self.remote_id,
            "url": self.url,
            "text": self.text,
            "posted_at": to_store(self.posted_at),
            "event": self.event,
            "session": self.session_id,
            "reply_to_remote_id": self.reply_to_remote_id,
            "reply_to_user": self.reply_to_user,
            "thread_of_client_id": self.thread_of_client_id,
            "parent": self.parent_id,
            "thread": self.thread_id,
            "is_retweet": self.is_retweet,
            "lang": self.lang,
            "coordinates": None if self.latitude is None or self.longitude is None else {"lat": self.latitude, "lon": self.longitude},
            "entities": dict(self.entities),
            "media": [m.to_dict() for m in self.media],
            "tips": [dict(t) for t in self.tips],
            "recorded_at": self.recorded_at,
            "scheduled_for": None if self.scheduled_for is None else to_store(self.scheduled_for),
            "quoted_url": self.quoted_url,
            "edits": [e.to_dict() for e in self.edits],
        }
