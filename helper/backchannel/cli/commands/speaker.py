"""`backchannel speaker list | set`: an event's speakers, and corrections to their handles."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from backchannel.cli.common import event_for, open_store, print_json
from backchannel.cli.options import action, actions, format_option
from backchannel.errors import InvalidInput
from backchannel.store.events import network_named
from backchannel.text.model import Platform

EXAMPLE = 'backchannel speaker list --event lt13\nbackchannel speaker set "Priya Raman" x=@priyaraman mastodon=@priya@scholar.social'


def configure(parser: argparse.ArgumentParser) -> Any:
    parser.set_defaults(handler=run_speaker_help)
    sub = actions(parser)
    listing = action(sub, "list", help="list speakers and their handles (* = set by you)", run=run_speaker_list,
                     example="backchannel speaker list --event lt13 --format json")
    listing.add_argument("--event", metavar="SLUG")
    format_option(listing)
    change = action(sub, "set", help="set or clear a speaker's handles (kept across re-imports)", run=run_speaker_set,
                    example='backchannel speaker set "Priya Raman" x=@priyaraman bluesky=\nbackchannel speaker set --event lt13 "Jo Bloggs" '
                            'mastodon=@jo@example.social')
    change.add_argument("name", help="the speaker's name as the programme gives it")
    change.add_argument("handles", nargs="+", metavar="NETWORK=@HANDLE", help="x, bluesky or mastodon; an empty handle clears it")
    change.add_argument("--event", metavar="SLUG")
    return sub


def run_speaker_help(args: argparse.Namespace) -> int:
    raise InvalidInput("Choose an action: backchannel speaker list|set (see `backchannel speaker --help`).")


def run_speaker_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = event_for(store, args.event)
        speakers = store.speakers.list_speakers(event.slug)
    finally:
        store.close()
    if args.format == "json":
        print_json({"event": event.slug, "speakers": [s.to_dict() for s in speakers]})
        return 0
    for s in speakers:
        handles = " ".join(f"{n}={h}" + ("*" if n in s.edited else "") for n, h in s.handles.items())
        sys.stdout.write(f"{s.id:>5}  {s.name:<32} {handles}\n")
    return 0


def run_speaker_set(args: argparse.Namespace) -> int:
    changes: dict[Platform, str | None] = {}
    for pair in args.handles:
        network, sep, handle = pair.partition("=")
        if not sep:
            raise InvalidInput(f"{pair!r} must look like NETWORK=@handle (or NETWORK= to clear it).")
        changes[network_named(network.strip().lower())] = handle.strip() or None
    store = open_store(args)
    try:
        event = event_for(store, args.event)
        speaker = store.speakers.find_speaker(event.slug, args.name)
        updated = store.speakers.set_handles(event.slug, speaker.id, changes)
    finally:
        store.close()
    sys.stdout.write(f"{updated.name}: " + (" ".join(f"{n}={h}" for n, h in updated.handles.items()) or "no handles") + "\n")
    return 0
