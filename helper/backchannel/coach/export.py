"""Export an event's write-up: the user's posts grouped by session and thread, as md, html, json or csv."""

from __future__ import annotations

from dataclasses import dataclass

from backchannel.review.export import MediaRef, embedded_media, remote_media, render_export
from backchannel.review.writeup import Writeup, build_writeup
from backchannel.store import Store
from backchannel.text.model import Platform


@dataclass(frozen=True, slots=True)
class Exported:
    text: str
    writeup: Writeup


def export_event(store: Store, slug: str, fmt: str, *, platform: Platform = "x", media_ref: MediaRef | None = None) -> Exported:
    """The write-up of event ``slug`` in ``fmt``; photos as ``media_ref`` names them.

    By default the text formats link to the photos where X keeps them, and the HTML
    write-up (one file) carries them embedded.
    """
    writeup = build_writeup(store, slug, platform=platform)
    if media_ref is None:
        media_ref = embedded_media(store.history.media.path) if fmt == "html" else remote_media
    return Exported(render_export(writeup, fmt, media_ref), writeup)
