"""`backchannel event kit`: before the event, whom to follow and an announcement draft."""

from __future__ import annotations

import argparse
import sys

from backchannel.cli.common import event_for, open_store, print_json
from backchannel.cli.options import PLATFORMS
from backchannel.coach.now import kit_for
from backchannel.text import weighted_length

EXAMPLE = "backchannel event kit lt13\nbackchannel event kit lt13 --platform bluesky --format json"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", nargs="?", help="the event (default: the active event)")
    parser.add_argument("--platform", choices=PLATFORMS, help="only whom to follow on this network, and the announcement checked for it (default: every "
                                                              "network)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=run_kit)


NETWORK_NAMES = {"x": "X", "bluesky": "Bluesky", "mastodon": "Mastodon"}


def run_kit(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        event = event_for(store, args.slug)
        kit = kit_for(store, event.slug, args.platform or "x")
        limit = store.settings.load().limit(args.platform or "x")
    finally:
        store.close()
    if args.format == "json":
        print_json(kit.to_dict())
        return 0
    out = sys.stdout
    # With --platform, only that network: the person is preparing for one place.
    networks = [args.platform] if args.platform else list(kit.follow)
    for network in networks:
        name = NETWORK_NAMES[network]
        if kit.follow[network]:
            out.write(f"Follow on {name}: {' '.join(kit.follow[network])}\n")
        elif args.platform:
            out.write(f"No speaker's {name} handle is known yet (`backchannel speaker set NAME {network}=@handle` adds one).\n")
        if kit.without_handle[network]:
            out.write(f"  no {name} handle known for: {', '.join(kit.without_handle[network])}\n")
    where = f" on {NETWORK_NAMES[args.platform]}" if args.platform else ""
    length = weighted_length(kit.announcement, args.platform or "x")
    out.write(f"\nAnnounce it{where} ({length}/{limit}):\n{kit.announcement}\n")
    return 0
