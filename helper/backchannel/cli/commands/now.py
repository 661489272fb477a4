"""`backchannel now`: what is on now (per room), what is next, and the context snippet."""

from __future__ import annotations

import argparse
import sys

from backchannel.cli.common import event_for, open_store, print_json
from backchannel.cli.options import PLATFORMS, event_option
from backchannel.coach.now import what_is_on
from backchannel.timeutil import local_clock, local_span, parse_instant, shown_zone

EXAMPLE = "backchannel now\nbackchannel now --event lt13 --at 2013-01-30T10:30 --room A1 --format json"


def configure(parser: argparse.ArgumentParser) -> None:
    event_option(parser)
    parser.add_argument("--at", metavar="ISO8601", help="the moment (default: now); without an offset it is in the event's time zone")
    parser.add_argument("--room", help="your room, to pick the snippet when sessions run in parallel")
    parser.add_argument("--platform", choices=PLATFORMS, default="x", help="whose handles and length budget the snippet uses")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=run_now)


def run_now(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = event_for(store, args.event)
        at = parse_instant(args.at, default_zone=event.time_zone, field="--at") if args.at else None
        now = what_is_on(store, event.slug, at=at, room=args.room, platform=args.platform)
        settings = store.settings.load()
        shown = shown_zone(event.time_zone, settings.get("display_time_zone"))
        room_chosen = bool(args.room or settings.get("active_room"))
    finally:
        store.close()
    if args.format == "json":
        print_json(now.to_dict())
        return 0
    out = sys.stdout
    out.write(f"At {local_clock(now.at, shown, with_date=True)} ({shown}):\n")
    if not now.current:
        out.write("Nothing is on right now.\n" if at is None else "Nothing is on then.\n")
    for session, snippet in now.current:
        out.write(f"now  [{session.room or '-'}] {local_span(session.start, session.end, shown)}  {session.title}\n      {snippet}\n")
    for session in now.next:
        out.write(f"next [{session.room or '-'}] {local_span(session.start, session.end, shown)}  {session.title}\n")
    if now.snippet:
        out.write(f"\nContext to attach:\n{now.snippet}\n")
    elif len(now.current) > 1 and not room_chosen:
        out.write("\nSeveral sessions are on: pass --room (or `backchannel settings set active_room ROOM`) for the context to attach.\n")
    elif now.current and now.reason:
        # The same answer check gives (see which_session): say why there is nothing to attach.
        out.write(f"\nNo context to attach: {now.reason}\n")
    return 0
