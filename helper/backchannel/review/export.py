"""The write-up skeleton of an event, as Markdown, HTML, JSON or CSV.

Per session: its title, time, room and speakers, then the user's threads,
photos and links; at the end the "thank you" drafts. Post text is the
attacker's, so every format escapes it for where it goes: HTML entities in
Markdown and HTML (a Markdown file is often rendered with raw HTML allowed),
Markdown's own syntax characters, and CSV cells that a spreadsheet would
run as a formula.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo

from backchannel.errors import InvalidInput
from backchannel.history.model import Media, Post
from backchannel.review.linkify import links, safe_href
from backchannel.review.writeup import SessionGroup, Writeup
from backchannel.timeutil import to_store, zone_abbreviation

FORMATS = ("md", "html", "json", "csv")
MediaRef = Callable[[Media], "str | None"]  # where the export points for a photo (None: leave it out)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
_BREAKS = ("\t", "\r", "\n")
_SKIPPED = " \t\r\n\"'\u00a0"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def remote_media(media: Media) -> str | None:
    """Photos by their address on the platform (for exports that leave this machine without the files)."""
    return safe_href(media.remote_url)


EMBED_MAX_SIDE = 1600  # a photo embedded in a downloaded write-up: enough to read a slide, not the original's megabytes


def embedded_media(path_of: Callable[[str], "Path | None"]) -> MediaRef:
    """Photos kept on this machine as data: URIs, so a downloaded HTML write-up carries them (and needs nothing else).

    Falls back to the platform's address for a photo whose file was never kept.
    """
    from PIL import Image

    def ref(medium: Media) -> str | None:
        source = path_of(medium.file) if medium.file else None
        if source is None:
            return remote_media(medium)
        with Image.open(source) as image:
            image.thumbnail((EMBED_MAX_SIDE, EMBED_MAX_SIDE))
            out = io.BytesIO()
            image.convert("RGB").save(out, format="JPEG", quality=82)
        return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")

    return ref


def md_text(text: str) -> str:
    """Post text as Markdown that renders as the same text, never as markup or a link."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def _md_url(url: str) -> str:
    return "<" + url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">"


def _when(post: Post, zone: ZoneInfo) -> str:
    local = post.posted_at.astimezone(zone)
    return f"{local:%a %d %b %H:%M} {zone_abbreviation(local)}"


def session_heading(group: SessionGroup, zone: ZoneInfo) -> tuple[str, str]:
    session = group.session
    if session is None:
        return "Outside the programme", ""
    start, end = session.start.astimezone(zone), session.end.astimezone(zone)
    bits = [f"{start:%a %d %b %H:%M}–{end:%H:%M} {zone_abbreviation(start)}"]
    if session.room:
        bits.append(session.room)
    if session.speakers:
        bits.append(", ".join(s.handles.get("x") or s.name for s in session.speakers))
    return session.title, " · ".join(bits)


def to_markdown(writeup: Writeup, media_ref: MediaRef = remote_media) -> str:
    zone = ZoneInfo(writeup.event.time_zone)
    event = writeup.event
    lines = [f"# {md_text(event.name)}: my notes", ""]
    dates = " to ".join(d for d in (event.starts_on, event.ends_on) if d)
    summary = f"{len(writeup.posts)} posts from {writeup.session_count} sessions"
    lines += [f"_{dates + ' · ' if dates else ''}{summary}_", ""]
    for group in writeup.groups:
        title, meta = session_heading(group, zone)
        lines += [f"## {md_text(title)}", ""]
        if meta:
            lines += [f"_{md_text(meta)}_", ""]
        lines += ["<!-- What was the session about? Your summary here. -->", ""]
        for thread in group.threads:
            for post in thread:
                for text_line in post.text.splitlines() or [""]:
                    lines.append(f"> {md_text(text_line)}")
                link = safe_href(post.url)
                stamp = _when(post, zone)
                lines += [">", f"> — [{stamp}]({_md_url(link)})" if link else f"> — {stamp}", ""]
                for medium in post.media:
                    ref = media_ref(medium)
                    if ref:
                        alt = md_text(medium.alt_text or f"Photo from {title}")
                        lines += [f"![{alt}]({_md_url(ref)})", ""]
        if group.links:
            lines += ["Links:", ""] + [f"- {_md_url(link)}" for link in group.links] + [""]
    if writeup.thanks:
        lines += ["## Thank-you drafts", ""]
        for draft in writeup.thanks:
            lines += [f"> {md_text(draft)}", ""]
    return "\n".join(lines).rstrip() + "\n"


def to_dict(writeup: Writeup, media_ref: MediaRef = remote_media) -> dict[str, Any]:
    def post_dict(post: Post) -> dict[str, Any]:
        out = post.to_dict()
        out["photos"] = [ref for m in post.media if (ref := media_ref(m))]
        out["links"] = links(post.entities)
        return out

    return {
        "event": writeup.event.to_dict(),
        "sessions": [
            {
                "session": group.session.to_dict() if group.session else None,
                "threads": [[post_dict(p) for p in thread] for thread in group.threads],
                "links": list(group.links),
            }
            for group in writeup.groups
        ],
        "thanks": list(writeup.thanks),
    }


def to_json(writeup: Writeup, media_ref: MediaRef = remote_media) -> str:
    return json.dumps(to_dict(writeup, media_ref), ensure_ascii=False, indent=2) + "\n"


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading =, +, -, @ would otherwise run as a formula.

    Spreadsheets skip leading spaces, quotes and line breaks before they look for the
    formula sign, so those are looked past here too; a cell starting with a tab or a line
    break is neutralised whatever follows, as some programs treat either as a new cell."""
    if value.startswith(_BREAKS) or value.lstrip(_SKIPPED).startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(writeup: Writeup, media_ref: MediaRef = remote_media) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["posted_at", "session", "thread", "post", "text", "url", "links", "photos"])
    for group in writeup.groups:
        title = group.session.title if group.session else ""
        for thread in group.threads:
            for post in thread:
                photos = " ".join(ref for m in post.media if (ref := media_ref(m)))
                writer.writerow(
                    [to_store(post.posted_at), csv_cell(title), post.thread_id or post.id, post.id, csv_cell(post.text),
                     post.url or "", " ".join(links(post.entities)), photos]
                )
    return buffer.getvalue()


def to_html(writeup: Writeup, media_ref: MediaRef = remote_media) -> str:
    from backchannel.review.render import render

    zone = ZoneInfo(writeup.event.time_zone)
    groups = [(g, *session_heading(g, zone)) for g in writeup.groups]
    return render("export.html", writeup=writeup, groups=groups, zone=zone, media_ref=media_ref, when=lambda p: _when(p, zone))


def render_export(writeup: Writeup, fmt: str, media_ref: MediaRef = remote_media) -> str:
    renderers = {"md": to_markdown, "html": to_html, "json": to_json, "csv": to_csv}
    if fmt not in renderers:
        raise InvalidInput(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}.", details={"field": "format"})
    return renderers[fmt](writeup, media_ref)
