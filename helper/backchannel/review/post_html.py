"""One post as HTML, for the review pages: meta line, text with links and marks, photos, tips.

Written in Python rather than as a template macro because the event page draws
every post of an event: for a 2,000-post event, calling a Jinja macro per post
(and two more per piece of text) cost most of the page's time. The markup is
the one the macro drew, to the byte.

Tweets are attacker-controlled. Every value that comes from a post is passed
through ``_escape`` (markupsafe's escaping, character for character, without
a Markup object per value) before it is joined with markup; a link's target
comes only from ``linkify.safe_href`` (directly, or through ``pieces``); the
only tags are fixed strings here.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any, Mapping, Sequence

from markupsafe import Markup

from backchannel.history.model import Media, Post
from backchannel.review.highlight import Term, marks
from backchannel.review.linkify import safe_href, spans

_TIME_FORMAT = "%a %d %b %Y %H:%M %Z"
# strftime's %a and %b in the C locale (the helper never sets LC_TIME): spelled out here, the time
# line is put together without strftime, which cost a tenth of the page's time.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


try:
    # markupsafe's own escaping of a plain string, without wrapping the result in a Markup object:
    # the C function ``markupsafe.escape`` calls. A page escapes some 20,000 values.
    from markupsafe._speedups import _escape_inner as _escape_str
except ImportError:  # markupsafe built without its speedups, or a version that moved it
    def _escape_str(s: str, /) -> str:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")


def escape(value: object) -> str:
    """``str(value)`` with & < > " ' escaped exactly as ``markupsafe.escape`` does (ampersands first)."""
    return _escape_str(value if type(value) is str else str(value))


def _marked(text: str, found: tuple[Term, ...]) -> str:
    if not found:
        return _escape_str(text)
    return "".join(f"<mark>{escape(part)}</mark>" if hit else escape(part) for part, hit in marks(text, found))


def post_text(text: str, entities: Mapping[str, Any], found: tuple[Term, ...] = ()) -> Markup:
    """``<p class="text">…</p>``: the post's text, escaped, its links made links and its searched words marked."""
    return Markup(_post_text(text, entities, found))


def _post_text(text: str, entities: Mapping[str, Any], found: tuple[Term, ...]) -> str:
    out = []
    for part, href in spans(text, entities):
        if href:
            out.append(f'<a href="{escape(href)}" rel="noopener noreferrer" target="_blank">{_marked(part, found)}</a>')
        else:
            out.append(_marked(part, found))
    return '<p class="text">' + "".join(out) + "</p>"


def shown_time(moment: datetime, zone: tzinfo) -> str:
    """``moment`` in ``zone`` as ``strftime(_TIME_FORMAT)`` writes it: "Wed 01 May 2024 09:30 BST"."""
    local = moment.astimezone(zone)
    return (f"{_DAYS[local.weekday()]} {local.day:02d} {_MONTHS[local.month - 1]} {local.year} {local.hour:02d}:{local.minute:02d}"
            f" {local.tzname() or ''}")


def _round(value: float) -> int:
    # As the template's ``| round | int`` did: Python's round (halves to even), then int.
    return int(round(value, 0))


def _medium(medium: Media) -> str:
    if medium.available:
        size = ""
        if medium.width and medium.height:
            w, h = medium.width, medium.height
            width = _round(240 * w / h) if h > w else 320
            height = 240 if h > w else _round(320 * h / w)
            size = f' width="{width}" height="{height}"'
        return (f'      <a href="/review/media/{escape(medium.id)}" target="_blank" rel="noopener noreferrer"><img src="/review/media/{escape(medium.id)}"'
                f' alt="{escape(medium.alt_text or "Photo")}" loading="lazy"{size}></a>\n')
    size = f" {escape(medium.width)}×{escape(medium.height)}" if medium.width else ""
    return (f'      <span class="photo-missing">{escape(medium.kind)}{size}: the file was not in what you imported'
            " (import the whole archive, zip or folder, to see it)</span>\n")


def _tip(tip: Mapping[str, Any]) -> str:
    heeded = tip.get("heeded")
    return (f'    <li class="{"heeded" if heeded else "missed"}" title="{escape(tip.get("message", ""))}">'
            f'{escape(tip.get("code", ""))} {escape(tip.get("name", ""))}{" ✓" if heeded else ""}</li>\n')


def post_html(post: Post, zone: tzinfo, show_session: bool = False, sessions: Mapping[int, str] | None = None, found: tuple[Term, ...] = ()) -> Markup:
    """``<article class="post">…</article>``: what the review pages show of one post."""
    return Markup(_post_html(post, zone, show_session, sessions, found))


def _post_html(post: Post, zone: tzinfo, show_session: bool, sessions: Mapping[int, str] | None, found: tuple[Term, ...]) -> str:
    # A plain string: a Markup object per post (and per text) is made only where a template takes one.
    sessions = sessions or {}
    out = [
        f'<article class="post{" reply" if post.parent_id else ""}" id="post-{escape(post.id)}">\n',
        '  <div class="meta">\n',
        f'    <time datetime="{escape(post.posted_at.isoformat())}">{escape(shown_time(post.posted_at, zone))}</time>\n',
        f'    <span class="badge">{escape(post.platform)}</span>\n',
    ]
    if post.source == "archive":
        out.append('<span class="badge">archive</span>')
    if post.is_retweet:
        out.append('<span class="badge">repost</span>')
    if show_session and post.event:
        out.append(f'<a href="/review/events/{escape(post.event)}">{escape(post.event)}</a>')
    if show_session and post.session_id is not None and post.session_id in sessions:
        out.append(f" · {escape(sessions[post.session_id])}")
    if post.reply_to_user and not post.parent_id:
        out.append(f'<span class="muted">reply to @{escape(post.reply_to_user)}</span>')
    original = safe_href(post.url)
    if original:
        out.append(f'<a class="original" href="{escape(original)}" rel="noopener noreferrer" target="_blank">open</a>')
    out.append("  </div>\n")
    out.append(f"  {_post_text(post.text, post.entities, found)}\n")
    if post.media:
        out.append('  <div class="photos">\n')
        out.extend(_medium(m) for m in post.media)
        out.append("  </div>\n")
    if post.tips:
        out.append('  <ul class="tips">\n')
        out.extend(_tip(t) for t in post.tips)
        out.append("  </ul>\n")
    out.append("</article>")
    return "".join(out)


def thread_html(thread: Sequence[Post], zone: tzinfo, found: tuple[Term, ...] = ()) -> Markup:
    """A thread's posts, one after the other: one template call per thread rather than per post."""
    return Markup("".join([_post_html(post, zone, False, None, found) for post in thread]))
