"""`backchannel event …` and `backchannel session …`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from backchannel.cli.common import open_store, print_json
from backchannel.errors import InvalidInput
from backchannel.context import SpeakerInfo
from backchannel.store import Event, Session, Store
from backchannel.timeutil import local_span, parse_instant, shown_zone, zone


def run_event_help(args: argparse.Namespace) -> int:
    raise InvalidInput("Choose an action: backchannel event add|list|show|edit|use (see `backchannel event --help`).")


def run_session_help(args: argparse.Namespace) -> int:
    raise InvalidInput("Choose an action: backchannel session add|list|edit|remove (see `backchannel session --help`).")


def zone_note(slug: str) -> str:
    """Said whenever an event is made without a zone: every time typed or shown for it depends on the zone."""
    return (
        f"Note: no --time-zone given, so times for {slug} are read and shown in UTC until a programme import brings "
        f"the venue's zone or you set it: backchannel event edit {slug} --time-zone Europe/Berlin (the venue's IANA zone)."
    )


def _event_text(event: Event, active: bool = False) -> str:
    tags = " ".join("#" + t for t in event.hashtags) or "(no hashtag)"
    dates = f" {event.starts_on}…{event.ends_on}" if event.starts_on else ""
    star = "* " if active else "  "
    pattern = f", session tags {event.session_tag_pattern}" if event.session_tag_pattern else ""
    return f"{star}{event.slug:<20} {event.name} — {tags} ({event.time_zone}{dates}{pattern})"


def _card_fields(args: argparse.Namespace) -> dict[str, Any]:
    fields = {
        "name": args.name,
        "hashtag": args.hashtag,
        "time_zone": args.time_zone,
        "session_tag_pattern": args.session_tag_pattern,
        "starts_on": args.starts_on,
        "ends_on": args.ends_on,
    }
    if args.aliases is not None:
        fields["aliases"] = args.aliases
    return {k: v for k, v in fields.items() if v is not None}


def _show(event: Event, fmt: str, active: bool = False) -> None:
    if fmt == "json":
        print_json(event.to_dict())
    else:
        sys.stdout.write(_event_text(event, active) + "\n")


def run_event_add(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        fields = _card_fields(args)
        event = store.events.create_event(args.slug, fields.pop("name"), **fields)
    finally:
        store.close()
    _show(event, args.format)
    if args.time_zone is None:
        sys.stderr.write(zone_note(event.slug) + "\n")
    return 0


def run_event_edit(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        fields = _card_fields(args)
        if not fields:
            raise InvalidInput("Nothing to change: pass at least one of --name, --hashtag, --alias, --time-zone, --session-tag-pattern, --starts-on, --ends-on.")
        event = store.events.update_event(args.slug, fields)
    finally:
        store.close()
    _show(event, args.format)
    return 0


def run_event_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        events = store.events.list_events()
        active = store.active_event()
    finally:
        store.close()
    if args.format == "json":
        print_json({"events": [e.to_dict() for e in events], "active": active.slug if active else None})
    elif not events:
        sys.stdout.write("No events yet. Add one: backchannel event add SLUG --name NAME --hashtag TAG\n")
    else:
        for event in events:
            sys.stdout.write(_event_text(event, active is not None and active.slug == event.slug) + "\n")
    return 0


def run_event_show(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = store.events.get_event(args.slug)
        active = store.active_event()
    finally:
        store.close()
    _show(event, args.format, active is not None and active.slug == event.slug)
    return 0


def run_event_use(args: argparse.Namespace) -> int:
    if bool(args.slug) == bool(args.none):
        raise InvalidInput("Name the event to use (backchannel event use SLUG), or pass --none.")
    store = open_store(args)
    try:
        if args.none:
            store.settings.update({"active_event": None})
            sys.stdout.write("No active event: event-aware rules are quiet now.\n")
        else:
            event = store.events.get_event(args.slug)
            store.settings.update({"active_event": event.slug})
            sys.stdout.write(f"Active event: {event.name} ({event.slug}).\n")
    finally:
        store.close()
    return 0


def parse_speaker(spec: str) -> SpeakerInfo:
    """ "Priya Raman;x=@priyaraman;bluesky=@priya.bsky.social" -> SpeakerInfo."""
    name, *pairs = [part.strip() for part in spec.split(";")]
    handles: dict[str, str] = {}
    for pair in pairs:
        network, sep, handle = pair.partition("=")
        if not sep or not handle.strip():
            raise InvalidInput(f"Speaker handle {pair!r} must look like NETWORK=@handle (x, bluesky or mastodon).")
        handles[network.strip().lower()] = handle.strip()
    return SpeakerInfo(name, handles)


def _event_for(store: Store, slug: str | None) -> Event:
    if slug:
        return store.events.get_event(slug)
    event = store.active_event()
    if event is None:
        raise InvalidInput("Which event? Pass --event SLUG, or choose one with `backchannel event use SLUG`.")
    return event


def _session_text(session: Session, zone_name: str) -> str:
    local = local_span(session.start, session.end, zone_name, with_date=True)
    room = f" [{session.room}]" if session.room else ""
    tag = f" #{session.tag}" if session.tag else ""
    who = ", ".join(s.handles.get("x") or s.name for s in session.speakers)
    return f"{session.id:>5}  {local}{room} {session.title}{tag}" + (f" — {who}" if who else "")


def run_session_add(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = _event_for(store, args.event)
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
    if args.format == "json":
        print_json(session.to_dict())
    else:
        sys.stdout.write(_session_text(session, shown_zone(event.time_zone, settings.get("display_time_zone"))) + "\n")
    return 0


def run_session_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = _event_for(store, args.event)
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
        event = _event_for(store, args.event)
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
    if args.format == "json":
        print_json(session.to_dict())
    else:
        sys.stdout.write(_session_text(session, shown) + "\n")
    return 0


def run_session_remove(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = _event_for(store, args.event)
        removed = store.events.remove_session(event.slug, args.id)
    finally:
        store.close()
    sys.stdout.write(f"Removed session {removed.id} “{removed.title}” from {event.slug}; its posts stay in the event.\n")
    return 0
