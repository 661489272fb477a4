"""`backchannel event add | edit | list | show | use | policy` (`event kit` is in event_kit.py)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from backchannel.cli.common import open_store, print_json
from backchannel.cli.options import action, actions, format_option
from backchannel.errors import InvalidInput
from backchannel.store import Event

EXAMPLE = (
    "backchannel event add lt13 --name \"Learning Technologies 2013\" --hashtag LT13 --alias LearningTech13 \\\n"
    "    --time-zone Europe/London --session-tag-pattern '{hashtag}{room}'\nbackchannel event use lt13\nbackchannel event list"
)


def configure(parser: argparse.ArgumentParser) -> Any:
    parser.set_defaults(handler=run_event_help)
    sub = actions(parser)
    add = action(sub, "add", help="add an event", run=run_event_add,
                 example='backchannel event add lt13 --name "Learning Technologies 2013" --hashtag LT13 --time-zone Europe/London')
    edit = action(sub, "edit", help="change an event's card", run=run_event_edit,
                  example="backchannel event edit lt13 --alias LT2013 --session-tag-pattern '{hashtag}{code}'")
    for p, required in ((add, True), (edit, False)):
        p.add_argument("slug", help="short id: lowercase letters, digits and dashes")
        p.add_argument("--name", required=required, help="the event's name")
        p.add_argument("--hashtag", help="the event's main hashtag")
        p.add_argument("--alias", action="append", dest="aliases", metavar="HASHTAG", help="another hashtag people use for it (repeatable)")
        p.add_argument("--time-zone", help="IANA time zone of the venue, e.g. Europe/Berlin (without it: UTC, with a note, until a programme import brings "
                                           "the zone)")
        p.add_argument("--session-tag-pattern", help="how session tags are made, from {hashtag} {code} {room} {track}")
        p.add_argument("--starts-on", metavar="YYYY-MM-DD")
        p.add_argument("--ends-on", metavar="YYYY-MM-DD")
        format_option(p)
    listing = action(sub, "list", help="list events", run=run_event_list, example="backchannel event list --format json")
    format_option(listing)
    show = action(sub, "show", help="show an event's card", run=run_event_show, example="backchannel event show lt13")
    show.add_argument("slug")
    format_option(show)
    policy = action(sub, "policy", help="set the event's posting policy, in the organisers' words (or --clear)", run=run_event_policy,
                    example='backchannel event policy lt13 "No photos of slides, no posting of unpublished data"\nbackchannel event policy lt13 --clear')
    policy.add_argument("slug")
    policy.add_argument("text", nargs="?", help="the policy, e.g. \"no photos of slides\"")
    policy.add_argument("--clear", action="store_true", help="the event has no posting policy")
    format_option(policy)
    use = action(sub, "use", help="make an event the active one (or --none)", run=run_event_use,
                 example="backchannel event use lt13\nbackchannel event use --none")
    use.add_argument("slug", nargs="?")
    use.add_argument("--none", action="store_true", help="no active event: event-aware rules go quiet")
    return sub


def run_event_help(args: argparse.Namespace) -> int:
    raise InvalidInput("Choose an action: backchannel event add|list|show|edit|use|policy (see `backchannel event --help`).")


def run_event_policy(args: argparse.Namespace) -> int:
    if args.clear == bool(args.text):
        raise InvalidInput('Give the policy in quotes, e.g. backchannel event policy lt13 "no photos of slides", or --clear.')
    store = open_store(args)
    try:
        event = store.events.set_posting_policy(args.slug, None if args.clear else args.text)
    finally:
        store.close()
    if args.format == "json":
        print_json(event.to_dict())
    else:
        sys.stdout.write(_event_text(event) + "\n")
    return 0


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
    policy = f"\n{' ' * 23}posting policy: {event.posting_policy}" if event.posting_policy else ""
    return f"{star}{event.slug:<20} {event.name} — {tags} ({event.time_zone}{dates}{pattern}){policy}"


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
            raise InvalidInput("Nothing to change: pass at least one of --name, --hashtag, --alias, --time-zone, --session-tag-pattern, --starts-on, "
                               "--ends-on.")
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
