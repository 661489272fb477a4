"""`backchannel session add | list | edit | remove | no-post`: an event's sessions, by hand."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from backchannel.cli.common import event_for, open_store, print_json
from backchannel.cli.options import action, actions, event_option, format_option
from backchannel.context import SpeakerInfo
from backchannel.errors import InvalidInput
from backchannel.store import Session
from backchannel.store.events import network_named
from backchannel.text.model import Platform
from backchannel.timeutil import local_span, parse_instant, shown_zone, zone

EXAMPLE = (
    'backchannel session add --event lt13 --title "Learning in the flow of work" --start 2013-01-30T10:00 \\\n'
    '    --end 2013-01-30T11:00 --room A1 --speaker "Priya Raman;x=@priyaraman"\nbackchannel session list --event lt13 --at 2013-01-30T10:30'
)


def configure(parser: argparse.ArgumentParser) -> Any:
    parser.set_defaults(handler=run_session_help)
    sub = actions(parser)
    add = action(sub, "add", help="add a session", run=run_session_add,
                 example='backchannel session add --event lt13 --title "Keynote" --start 2013-01-30T09:00 --end 2013-01-30T10:00 --room Main')
    event_option(add)
    add.add_argument("--title", required=True)
    add.add_argument("--start", required=True, metavar="ISO8601", help="start; without an offset it is in the event's time zone")
    add.add_argument("--end", required=True, metavar="ISO8601")
    add.add_argument("--room")
    add.add_argument("--track")
    add.add_argument("--code", help="the programme's code for the session (used by {code} in tag patterns)")
    add.add_argument("--tag", help="the session's own hashtag, overriding the event's pattern")
    add.add_argument("--speaker", action="append", default=[], metavar="NAME[;NETWORK=@HANDLE…]",
                     help='a speaker, e.g. "Priya Raman;x=@priyaraman;bluesky=@priya.bsky.social" (repeatable)')
    format_option(add)
    edit = action(sub, "edit", help="change a session (its id is in `session list`)", run=run_session_edit,
                  example='backchannel session edit 12 --room "Saal 2" --start 2014-12-27T11:15\nbackchannel session edit 12 --speaker "Jo Bloggs;x=@jo" '
                          '--tag ""')
    edit.add_argument("id", type=int, help="the session's id")
    event_option(edit)
    edit.add_argument("--title")
    edit.add_argument("--start", metavar="ISO8601", help="without an offset it is in the event's time zone")
    edit.add_argument("--end", metavar="ISO8601")
    for name in ("room", "track", "code", "tag"):
        edit.add_argument(f"--{name}", help=f'the new {name} ("" clears it)')
    edit.add_argument("--speaker", action="append", metavar="NAME[;NETWORK=@HANDLE…]", help="the speakers, replacing them all (repeatable)")
    format_option(edit)
    remove = action(sub, "remove", help="remove a session; its posts stay in the event", run=run_session_remove,
                    example="backchannel session remove 12")
    remove.add_argument("id", type=int, help="the session's id")
    event_option(remove)
    no_post = action(sub, "no-post", help="mark a session as not to be posted (the coach warns on drafts and errs on photos during it)",
                     run=run_session_no_post,
                     example='backchannel session no-post 12 --reason "speaker asked: unpublished data"\nbackchannel session no-post 12 --clear')
    no_post.add_argument("id", type=int, help="the session's id")
    event_option(no_post)
    which = no_post.add_mutually_exclusive_group()
    which.add_argument("--reason", default="you marked it", help="why, in a few words (shown in the tip)")
    which.add_argument("--clear", action="store_true", help="lift your mark (a programme's own do-not-record flag stays)")
    format_option(no_post)
    show = action(sub, "show", help="one session in full: its programme page, its slides and the programme's other links", run=run_session_show,
                  example="backchannel session show 12\nbackchannel session show 12 --format json")
    show.add_argument("id", type=int, help="the session's id")
    event_option(show)
    format_option(show)
    listing = action(sub, "list", help="list sessions (or those on at --at)", run=run_session_list,
                     example="backchannel session list --event lt13\nbackchannel session list --at 2013-01-30T10:30")
    event_option(listing)
    listing.add_argument("--at", metavar="ISO8601", help="only the sessions on at this moment")
    format_option(listing)
    return sub


def run_session_help(args: argparse.Namespace) -> int:
    raise InvalidInput("Choose an action: backchannel session add|list|show|edit|remove|no-post (see `backchannel session --help`).")


def parse_speaker(spec: str) -> SpeakerInfo:
    """ "Priya Raman;x=@priyaraman;bluesky=@priya.bsky.social" -> SpeakerInfo."""
    name, *pairs = [part.strip() for part in spec.split(";")]
    handles: dict[Platform, str] = {}
    for pair in pairs:
        network, sep, handle = pair.partition("=")
        if not sep or not handle.strip():
            raise InvalidInput(f"Speaker handle {pair!r} must look like NETWORK=@handle (x, bluesky or mastodon).")
        handles[network_named(network.strip().lower())] = handle.strip()
    return SpeakerInfo(name, handles)


def _session_text(session: Session, zone_name: str) -> str:
    local = local_span(session.start, session.end, zone_name, with_date=True)
    room = f" [{session.room}]" if session.room else ""
    tag = f" #{session.tag}" if session.tag else ""
    who = ", ".join(s.handles.get("x") or s.name for s in session.speakers)
    hold = f"  (not to be posted: {session.not_to_post})" if session.not_to_post else ""
    return f"{session.id:>5}  {local}{room} {session.title}{tag}" + (f" — {who}" if who else "") + hold


def _print_session(args: argparse.Namespace, session: Session, shown: str) -> int:
    """One session, as JSON or as a line in the zone it is shown in."""
    if args.format == "json":
        print_json(session.to_dict())
    else:
        sys.stdout.write(_session_text(session, shown) + "\n")
    return 0


def run_session_add(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = event_for(store, args.event)
        zone(event.time_zone)
        settings = store.settings.load()
        session = store.events.add_session(
            event.slug,
            title=args.title,
            start=parse_instant(args.start, default_zone=event.time_zone, field="--start"),
            end=parse_instant(args.end, default_zone=event.time_zone, field="--end"),
            room=args.room, track=args.track, code=args.code, tag=args.tag,
            speakers=[parse_speaker(s) for s in args.speaker],
        )
    finally:
        store.close()
    return _print_session(args, session, shown_zone(event.time_zone, settings.get("display_time_zone")))


def run_session_no_post(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = event_for(store, args.event)
        session = store.events.mark_do_not_post(event.slug, args.id, None if args.clear else args.reason)
        shown = shown_zone(event.time_zone, store.settings.load().get("display_time_zone"))
    finally:
        store.close()
    return _print_session(args, session, shown)


def _session_details(session: Session, zone_name: str) -> str:
    """The session's line, then its programme page, its slides and its other links, one a line."""
    lines = [_session_text(session, zone_name)]
    if session.url:
        lines.append(f"       programme: {session.url}")
    slides = session.slides
    lines.append(f"       slides:    {slides.url}" + (f"  ({slides.title})" if slides.title else "") if slides else "       slides:    none in the programme")
    for link in session.links:
        if link != slides:
            lines.append(f"       link:      {link.url}" + (f"  ({link.title})" if link.title else ""))
    return "\n".join(lines)


def run_session_show(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = event_for(store, args.event)
        session = store.events.get_session(args.id, event=event.slug)
        shown = shown_zone(event.time_zone, store.settings.load().get("display_time_zone"))
    finally:
        store.close()
    if args.format == "json":
        print_json(session.to_dict())
    else:
        sys.stdout.write(_session_details(session, shown) + "\n")
    return 0


def run_session_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = event_for(store, args.event)
        shown = shown_zone(event.time_zone, store.settings.load().get("display_time_zone"))
        if args.at:
            sessions = store.events.sessions_at(event.slug, parse_instant(args.at, default_zone=event.time_zone, field="--at"))
        else:
            sessions = store.events.list_sessions(event.slug)
    finally:
        store.close()
    if args.format == "json":
        print_json({"event": event.slug, "sessions": [s.to_dict() for s in sessions]})
    elif not sessions:
        sys.stdout.write("No sessions" + (" on at that time.\n" if args.at else " yet.\n"))
    else:
        sys.stdout.write(f"Times in {shown}:\n")
        for session in sessions:
            sys.stdout.write(_session_text(session, shown) + "\n")
    return 0


def run_session_edit(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = event_for(store, args.event)
        changes: dict[str, Any] = {}
        if args.title is not None:
            changes["title"] = args.title
        for name in ("start", "end"):
            if getattr(args, name) is not None:
                changes[name] = parse_instant(getattr(args, name), default_zone=event.time_zone, field=f"--{name}")
        for name in ("room", "track", "code", "tag"):
            if getattr(args, name) is not None:
                changes[name] = getattr(args, name) or None
        if args.speaker is not None:
            changes["speakers"] = [parse_speaker(s) for s in args.speaker]
        if not changes:
            raise InvalidInput("Nothing to change: pass at least one of --title, --start, --end, --room, --track, --code, --tag, --speaker.")
        session = store.events.update_session(event.slug, args.id, changes)
        shown = shown_zone(event.time_zone, store.settings.load().get("display_time_zone"))
    finally:
        store.close()
    return _print_session(args, session, shown)


def run_session_remove(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = event_for(store, args.event)
        removed = store.events.remove_session(event.slug, args.id)
    finally:
        store.close()
    sys.stdout.write(f"Removed session {removed.id} “{removed.title}” from {event.slug}; its posts stay in the event.\n")
    return 0
